import ModelTopBase
import ModelTopTables
import ModelTopStatistics

/// Rows, accuracy, confidence and a confusion matrix per time window, kept between builds so a
/// refresh adds only the new rows. Rows are added in order, so every sum is the one a single
/// pass over all rows makes.
struct WindowTally: Sendable {
    /// Rows taken so far.
    private(set) var folded = 0
    private var rows: [Int] = []
    private var labelled: [Int] = []
    private var correct: [Int] = []
    private var confidenceSum: [Double] = []
    private var confidenceCount: [Int] = []
    /// Per window, for the quality change between the last two labelled windows.
    private var matrices: [ConfusionMatrix] = []
    /// Per window, the rows' reconstruction errors (the whole-embedding drift over time).
    private var reconstruction: [ReconstructionTally] = []

    /// Adds `monitor`'s rows after the ones already taken (rows of `windows`, which must cover them).
    mutating func fold(_ monitor: Monitor, windows: RowWindows) {
        let n = windows.windowCount
        if rows.count < n {
            let more = n - rows.count
            rows += repeatElement(0, count: more)
            labelled += repeatElement(0, count: more)
            correct += repeatElement(0, count: more)
            confidenceSum += repeatElement(0, count: more)
            confidenceCount += repeatElement(0, count: more)
            matrices += repeatElement(ConfusionMatrix(), count: more)
            reconstruction += repeatElement(ReconstructionTally(), count: more)
        }
        // Absolute rows; the monitor's columns hold rows from `base` on.
        let base = monitor.firstRow
        let end = base + monitor.timestamp.count
        guard n > 0, folded < end else {
            folded = max(folded, end)
            return
        }
        let hasLabels = monitor.productionSchema.hasTarget && monitor.productionSchema.hasPrediction
        let labelRows = hasLabels ? base + min(monitor.timestamp.count, monitor.target.count, monitor.prediction.count) : 0
        // Plain loops over local arrays: mutating captured arrays inside closures would cost an
        // exclusivity check per row.
        let target = monitor.target, prediction = monitor.prediction, confidence = monitor.confidence
        let errors = monitor.reconstructionError
        for i in max(folded, base)..<end {
            let w = windows.window(ofRow: i)
            guard w >= 0 else { continue }
            let k = i - base
            rows[w] += 1
            if i < labelRows, target[k] >= 0 {
                labelled[w] += 1
                if target[k] == prediction[k] { correct[w] += 1 }
                matrices[w].add(truth: Int(target[k]), predicted: Int(prediction[k]))
            }
            if k < confidence.count, confidence[k].isFinite {
                confidenceSum[w] += confidence[k]
                confidenceCount[w] += 1
            }
            if k < errors.count { reconstruction[w].add(errors[k]) }
        }
        folded = end
    }

    /// The same tallies under wider windows (`SnapshotWindows.mapping`): each wider window is the
    /// sum of the narrower ones it covers. Counts are exact; a confidence sum adds partial sums,
    /// so its last bits may differ from one pass over the rows.
    mutating func remap(_ mapping: [Int], count: Int) {
        func merged<T>(_ values: [T], zero: T, _ add: (inout T, T) -> Void) -> [T] {
            var result = [T](repeating: zero, count: count)
            for (i, value) in values.enumerated() where i < mapping.count { add(&result[mapping[i]], value) }
            return result
        }
        rows = merged(rows, zero: 0, +=)
        labelled = merged(labelled, zero: 0, +=)
        correct = merged(correct, zero: 0, +=)
        confidenceSum = merged(confidenceSum, zero: 0.0, +=)
        confidenceCount = merged(confidenceCount, zero: 0, +=)
        matrices = merged(matrices, zero: ConfusionMatrix()) { $0.add($1) }
        reconstruction = merged(reconstruction, zero: ReconstructionTally()) { $0.merge($1) }
    }

    /// The timeline's per-window series and the quality change, under `windows`.
    func timeline(_ windows: SnapshotWindows, psi: [[Double]], labels: LabelTable) -> (DriftTimeline, QualityChange?) {
        let n = windows.count
        let accuracy = (0..<n).map { labelled[$0] > 0 ? Double(correct[$0]) / Double(labelled[$0]) : .nan }
        let meanConfidence = (0..<n).map { confidenceCount[$0] > 0 ? confidenceSum[$0] / Double(confidenceCount[$0]) : .nan }
        var timeline = DriftTimeline(
            start: windows.start, windowSeconds: windows.width, rows: Array(rows.prefix(n)), accuracy: accuracy,
            meanConfidence: meanConfidence, psi: psi)
        // Empty when no row has an error (the reconstruction is not measured).
        if reconstruction.contains(where: { $0.count > 0 }) {
            timeline.reconstruction = (0..<n).map { $0 < reconstruction.count ? reconstruction[$0] : ReconstructionTally() }
        }
        let lastTwo = Array((0..<n).filter { labelled[$0] > 0 }.suffix(2))
        guard lastTwo.count == 2,
              let previous = QualityReport.compute(matrices[lastTwo[0]], labels: labels),
              let current = QualityReport.compute(matrices[lastTwo[1]], labels: labels)
        else { return (timeline, nil) }
        return (timeline, QualityChange(current: current, previous: previous, windowSeconds: windows.width))
    }
}

extension WindowTally {
    func write(to writer: inout BinaryWriter) {
        writer.int(folded)
        writer.ints(rows)
        writer.ints(labelled)
        writer.ints(correct)
        writer.doubles(confidenceSum)
        writer.ints(confidenceCount)
        for matrix in matrices { matrix.write(to: &writer) }
        writer.int(reconstruction.count)
        for tally in reconstruction { tally.write(to: &writer) }
    }

    init(reading reader: inout BinaryReader, labels: Int) throws(BinaryDecodingError) {
        self.init()
        folded = try reader.int()
        rows = try reader.ints()
        labelled = try reader.ints()
        correct = try reader.ints()
        confidenceSum = try reader.doubles()
        confidenceCount = try reader.ints()
        let n = rows.count
        guard [labelled.count, correct.count, confidenceSum.count, confidenceCount.count].allSatisfy({ $0 == n }), n <= 4096 else {
            throw BinaryDecodingError(reason: "window tallies")
        }
        matrices = []
        for _ in 0..<n { matrices.append(try ConfusionMatrix(reading: &reader, labels: labels)) }
        guard try reader.int() == n else { throw BinaryDecodingError(reason: "window tallies") }
        for _ in 0..<n { reconstruction.append(try ReconstructionTally(reading: &reader)) }
    }
}
