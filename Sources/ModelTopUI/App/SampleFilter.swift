import ModelTopBase
import ModelTopMonitor

/// Which samples the Samples screen lists besides the `/` text filter: the questions people
/// ask of recent predictions (which ones was the model unsure of, which were wrong, what did
/// it call a 7). The parts combine: low confidence and class 3 lists unsure predictions of 3.
package struct SampleFilter: Sendable, Equatable {
    /// Only predictions with confidence under the snapshot's low-confidence line ('l').
    package var lowConfidence = false
    /// Only predictions whose true class is known and differs ('m').
    package var misclassified = false
    /// Only predictions of this class ('c' cycles through the classes seen, then all).
    package var predictedClass: String?

    package init() {}

    package var isActive: Bool { lowConfidence || misclassified || predictedClass != nil }

    func matches(_ sample: SamplesSnapshot.Sample, lowBelow threshold: Double) -> Bool {
        if lowConfidence, !(sample.confidence < threshold) { return false }
        if misclassified, !sample.isMistake { return false }
        if let predictedClass, sample.prediction != predictedClass { return false }
        return true
    }

    /// The filter in words for the screen ("low confidence, misclassified, predicted 3"), or
    /// nil when it lets everything through.
    func summary(lowBelow threshold: Double) -> String? {
        var parts: [String] = []
        if lowConfidence { parts.append("confidence < \(ReportNumber.general(threshold))") }
        if misclassified { parts.append("misclassified") }
        if let predictedClass { parts.append("predicted \(predictedClass)") }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    /// The class after `current` among the predicted classes of `samples`, numbers in numeric
    /// order; nil (all classes) after the last one.
    static func nextClass(after current: String?, in samples: [SamplesSnapshot.Sample]) -> String? {
        let classes = Set(samples.map(\.prediction)).sorted { a, b in
            switch (Int(a), Int(b)) {
            case let (x?, y?): return x < y
            case (_?, nil): return true
            case (nil, _?): return false
            case (nil, nil): return a < b
            }
        }
        guard let current else { return classes.first }
        guard let index = classes.firstIndex(of: current) else { return classes.first }
        return index + 1 < classes.count ? classes[index + 1] : nil
    }
}
