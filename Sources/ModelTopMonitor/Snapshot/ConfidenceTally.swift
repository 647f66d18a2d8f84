import ModelTopBase
/// Running totals of the production `confidence` column, summed in row order so a summary
/// after many appends is bit for bit the summary of one pass over the whole column.
struct ConfidenceTally: Sendable {
    /// Values of the column taken so far (NaN ones included).
    private(set) var folded = 0
    private var sum = 0.0
    private var finite = 0
    private var low = 0

    /// Takes the values of `column` (rows from absolute index `firstRow` on) after the ones
    /// already taken.
    mutating func fold(_ column: [Double], firstRow: Int = 0) {
        guard folded < firstRow + column.count else { return }
        for value in column[max(0, folded - firstRow)...] where value.isFinite {
            sum += value
            finite += 1
            if value < SnapshotConfidence.lowThreshold { low += 1 }
        }
        folded = firstRow + column.count
    }

    /// nil when no value is finite.
    var summary: SnapshotConfidence? {
        guard finite > 0 else { return nil }
        return SnapshotConfidence(count: finite, mean: sum / Double(finite), lowShare: Double(low) / Double(finite))
    }
}

extension ConfidenceTally {
    func write(to writer: inout BinaryWriter) {
        writer.int(folded)
        writer.double(sum)
        writer.int(finite)
        writer.int(low)
    }

    init(reading reader: inout BinaryReader) throws(BinaryDecodingError) {
        self.init()
        folded = try reader.int()
        sum = try reader.double()
        finite = try reader.int()
        low = try reader.int()
    }
}
