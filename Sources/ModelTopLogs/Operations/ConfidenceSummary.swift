import ModelTopTables
import ModelTopStatistics

/// How sure the model is (the top-class probability of scored requests) and whether that
/// certainty is earned: a 20-bin histogram, per predicted class, and the reliability diagram
/// with its expected calibration error on requests whose true label is known.
package struct ConfidenceSummary: Sendable, Equatable {
    package struct ClassConfidence: Sendable, Equatable {
        package var label: String
        package var count: Int
        package var mean: Double
        package var lowShare: Double
    }

    /// One non-empty bin of the reliability diagram.
    package struct ReliabilityBin: Sendable, Equatable {
        package var bin: Int
        package var count: Int
        /// Mean confidence of the bin's requests.
        package var confidence: Double
        /// Share of them predicted correctly.
        package var accuracy: Double
    }

    package static let binCount = 20

    package var count: Int
    package var mean: Double
    package var threshold: Double
    /// Share of confidences below `threshold`.
    package var lowShare: Double
    /// `np.histogram(c, bins: 20, range: (0, 1))`: values outside [0, 1] are not counted.
    package var histogram: [Int]
    /// Expected calibration error over the reliability bins; nil without labelled requests.
    package var ece: Double?
    package var perClass: [ClassConfidence]
    package var reliability: [ReliabilityBin]

    /// nil when no scored request has a confidence.
    package static func compute(_ table: RequestTable, threshold: Double) -> ConfidenceSummary? {
        var values: [Double] = []
        var byClass: [[Double]] = Array(repeating: [], count: table.labels.count)
        var binValues: [[Double]] = Array(repeating: [], count: binCount)
        var binHits = [Int](repeating: 0, count: binCount)
        var histogram = [Int](repeating: 0, count: binCount)
        var labelled = 0
        for row in 0..<table.count where table.isScored(row) {
            let c = table.confidence(at: row)
            if c.isNaN { continue }
            values.append(c)
            byClass[Int(table.prediction[row])].append(c)
            let b = bin(of: c)
            if c >= 0, c <= 1 { histogram[b] += 1 }
            if table.target[row] >= 0 {
                labelled += 1
                binValues[b].append(c)
                if table.target[row] == table.prediction[row] { binHits[b] += 1 }
            }
        }
        guard !values.isEmpty else { return nil }
        var reliability: [ReliabilityBin] = []
        var ece = 0.0
        for b in 0..<binCount where !binValues[b].isEmpty {
            let n = binValues[b].count
            let confidence = NumpyArithmetic.sum(binValues[b]) / Double(n)
            let accuracy = Double(binHits[b]) / Double(n)
            reliability.append(ReliabilityBin(bin: b, count: n, confidence: confidence, accuracy: accuracy))
            ece += (Double(n) / Double(labelled)) * abs(accuracy - confidence)
        }
        let present = (0..<Int32(byClass.count)).filter { !byClass[Int($0)].isEmpty }
        let perClass = ClassOrder.sorted(present, names: table.labels.names).map { id in
            let members = byClass[Int(id)]
            return ClassConfidence(
                label: table.labels.names[Int(id)], count: members.count,
                mean: NumpyArithmetic.sum(members) / Double(members.count),
                lowShare: lowShare(members, below: threshold))
        }
        return ConfidenceSummary(
            count: values.count, mean: NumpyArithmetic.sum(values) / Double(values.count), threshold: threshold,
            lowShare: lowShare(values, below: threshold), histogram: histogram,
            ece: labelled > 0 ? ece : nil, perClass: perClass, reliability: reliability)
    }

    /// numpy's bin edges for 20 bins over [0, 1] (`b * 0.05`, the last one exactly 1).
    static let edges: [Double] = (0...binCount).map { $0 == binCount ? 1 : Double($0) * (1.0 / Double(binCount)) }

    /// The bin `np.digitize(c, edges[1:-1])` gives: how many inner edges are ≤ c. Inside [0, 1]
    /// this is `np.histogram`'s bin, the last bin closed.
    static func bin(of c: Double) -> Int {
        var b = Swift.min(binCount - 1, Swift.max(0, Int((Swift.min(Swift.max(c, 0), 1) * Double(binCount)))))
        while b > 0, c < edges[b] { b -= 1 }
        while b < binCount - 1, c >= edges[b + 1] { b += 1 }
        return b
    }

    package static func lowShare(_ values: [Double], below threshold: Double) -> Double {
        Double(values.reduce(0) { $0 + ($1 < threshold ? 1 : 0) }) / Double(values.count)
    }
}
