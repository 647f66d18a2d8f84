import Testing
@testable import ModelTopBase
@testable import ModelTopTables
@testable import ModelTopStatistics
@testable import ModelTopMonitor

/// Watch mode's promise: after appending k rows, a report costs O(k + reference), and says
/// exactly what a one-shot report over the same rows says.
///
/// The timing at scale is `modeltop-bench-append` (docs/BENCHMARKS.md).
@Suite struct IncrementalDriftTests {
    static let dimensions = 32

    static func schema() throws -> TableSchema {
        let header = (1...dimensions).map { "emb_\($0)" }.joined(separator: ",") + ",target,prediction"
        return try Array(header.utf8).withUnsafeBufferPointer { try TableSchema.parse(header: $0, file: "x.csv") }
    }

    /// Rows like the benchmark's: normal-ish values printed with 6 decimals, shifted in production.
    static func chunk(rows: Int, shift: Double, _ generator: inout SeededGenerator) -> TableChunk {
        var chunk = TableChunk(dimensions: dimensions, probabilityColumns: 0)
        for d in 0..<dimensions {
            chunk.embeddings[d] = (0..<rows).map { _ in
                let u = Double.random(in: 0..<1, using: &generator) + Double.random(in: 0..<1, using: &generator)
                    + Double.random(in: 0..<1, using: &generator) - 1.5
                return ((u * 2 + shift * Double(d % 3)) * 1e6).rounded() / 1e6
            }
        }
        chunk.labelNames = (0..<10).map(String.init)
        chunk.target = (0..<rows).map { _ in Int32.random(in: 0..<10, using: &generator) }
        chunk.prediction = chunk.target.map { Int32.random(in: 0..<10, using: &generator) < 8 ? $0 : ($0 + 1) % 10 }
        chunk.rowCount = rows
        chunk.lineCount = rows
        return chunk
    }

    static func monitor(referenceRows: Int, _ generator: inout SeededGenerator) throws -> Monitor {
        let schema = try schema()
        var table = DataTable(schema: schema, file: "ref_data.csv")
        table.append(chunk(rows: referenceRows, shift: 0, &generator))
        return Monitor(reference: ReferenceProfile(table: table), productionSchema: schema, productionFile: "prod_data.csv")
    }

    @Test func incrementalReportsEqualOneShotReports() throws {
        var generator = SeededGenerator(seed: 5)
        var live = try Self.monitor(referenceRows: 3_000, &generator)
        var oneShot = live
        for step in 0..<6 {
            let chunk = Self.chunk(rows: step == 0 ? 20_000 : 700, shift: 0.05 * Double(step), &generator)
            live.append(chunk)
            live.catchUpStatistics()
            oneShot.append(chunk)
            let options = DriftOptions()
            #expect(live.report(options: options) == oneShot.report(options: options), "after append \(step)")
        }
    }

    /// Each dimension merges its short sorted part into the long one at its own threshold, so the
    /// 32 O(all values) merges spread over many appends (all at once made one refresh in 62 slow);
    /// the statistics are the same either way.
    @Test func dimensionsMergeOnDifferentAppendsAndStillAgree() throws {
        var generator = SeededGenerator(seed: 6)
        var live = try Self.monitor(referenceRows: 2_000, &generator)
        var oneShot = live
        let first = Self.chunk(rows: 16_384, shift: 0, &generator)
        live.append(first)
        oneShot.append(first)
        live.catchUpStatistics()
        var mergesPerAppend: [Int] = []
        for step in 0..<40 {
            let chunk = Self.chunk(rows: 1_000, shift: 0.01 * Double(step), &generator)
            let before = live.dimensions.map { $0.sortedPartSizes?.recent ?? 0 }
            live.append(chunk)
            live.catchUpStatistics()
            oneShot.append(chunk)
            let after = live.dimensions.map { $0.sortedPartSizes?.recent ?? 0 }
            mergesPerAppend.append(zip(before, after).filter { $1 < $0 }.count)
        }
        #expect(mergesPerAppend.reduce(0, +) >= 16, "\(mergesPerAppend)")
        #expect((mergesPerAppend.max() ?? 0) <= 4, "\(mergesPerAppend)")
        // Counts, KS and PSI are exact; the Wasserstein sums come in arrival order here and in
        // sorted order there, so they agree to rounding (as documented: 1e-14).
        let incremental = live.report(options: DriftOptions()).drift
        let whole = oneShot.report(options: DriftOptions()).drift
        for (a, b) in zip(incremental.dimensions, whole.dimensions) {
            #expect(a.psi == b.psi && a.ksStatistic == b.ksStatistic && a.ksPValue == b.ksPValue, "\(a.name)")
            #expect(abs(a.wassersteinNorm - b.wassersteinNorm) <= 1e-14 * b.wassersteinNorm, "\(a.name)")
        }
    }
}
