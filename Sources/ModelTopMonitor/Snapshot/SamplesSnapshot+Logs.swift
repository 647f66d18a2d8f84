import ModelTopTables
import ModelTopLogs
import ModelTopDigits

extension SamplesSnapshot {
    /// The newest logged requests that carried an image, newest first, for the Samples screen,
    /// with what the detail view shows beside the image (probabilities, latency, time).
    ///
    /// Pixels are scaled to 0…255 from the range the log used: 0…16 for scikit-learn's 8×8 digits,
    /// 0…255 for MNIST, 0…1 for normalised inputs. An image that is not square is left without
    /// pixels (the screen says so) rather than drawn wrong.
    package init(logs: LogMonitor, limit: Int = LogMonitor.samplesKept, lowConfidence: Double = SnapshotConfidence.lowThreshold) {
        let table = logs.table
        var samples: [Sample] = []
        for (row, values) in logs.recentImages.reversed().prefix(limit) where row < table.count && table.prediction[row] >= 0 {
            let side = Int(Double(values.count).squareRoot().rounded())
            let square = side > 0 && side * side == values.count
            let scale = 255 / DigitImage.inferredMaxValue(values)
            let pixels = square ? values.map { UInt8(clamping: Int(($0 * scale).rounded())) } : []
            let target = table.target[row] >= 0 ? table.labels.names[Int(table.target[row])] : nil
            samples.append(Sample(
                id: table.ids[row] ?? "row \(row + 1)", target: target,
                prediction: table.labels.names[Int(table.prediction[row])], confidence: table.confidence(at: row),
                imageWidth: square ? side : 0, imageHeight: square ? side : 0, pixels: pixels,
                probabilities: Array(table.probabilities(at: row)),
                latencyMs: table.latencyMs[row].isNaN ? nil : table.latencyMs[row], time: table.ts[row]))
        }
        self.init(samples: samples, lowConfidence: lowConfidence)
    }
}
