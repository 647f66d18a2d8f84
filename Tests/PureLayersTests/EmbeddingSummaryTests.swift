import Testing
import ModelTopBase
@testable import ModelTopStatistics

/// Production's whole-embedding summaries are the same however rows arrive, and survive a
/// checkpoint bit for bit.
@Suite struct EmbeddingSummaryTests {
    static func columns(rows: Int, seed: UInt64) -> [[Double]] {
        var generator = SeededGenerator(seed: seed)
        var columns = (0..<4).map { _ in (0..<rows).map { _ in Double.random(in: -3...3, using: &generator) } }
        // Two pairs of correlated columns (strongly, then mildly) give the PCA a determined
        // two-component subspace; a few missing values.
        for r in 0..<rows {
            columns[1][r] = columns[0][r] * 0.8 + columns[1][r] * 0.2
            columns[3][r] = columns[2][r] * 0.6 + columns[3][r] * 0.6
        }
        columns[2][7] = .nan
        return columns
    }

    static func slices(_ columns: [[Double]], seed: UInt64) -> [[[Double]]] {
        var generator = SeededGenerator(seed: seed)
        var out: [[[Double]]] = [], start = 0
        let rows = columns[0].count
        while start < rows {
            let end = min(rows, start + Int.random(in: 1...700, using: &generator))
            out.append(columns.map { Array($0[start..<end]) })
            start = end
        }
        return out
    }

    @Test(arguments: [1, 2, 3]) func chunkingDoesNotChangeTheSummaries(seed: UInt64) throws {
        let reference = ReferenceEmbedding(columns: Self.columns(rows: 3000, seed: 99))
        #expect(reference.measuresReconstruction)
        let production = Self.columns(rows: 5000, seed: seed)
        var whole = ProductionEmbedding(reference: reference)
        whole.add(columns: production, reference: reference)
        var pieces = ProductionEmbedding(reference: reference)
        for slice in Self.slices(production, seed: seed &+ 10) { pieces.add(columns: slice, reference: reference) }
        #expect(pieces.sample == whole.sample, "the same rows sampled")
        #expect(pieces.sample.indices.count == RowReservoir.defaultCapacity)
        #expect(Set(pieces.sample.indices).count == RowReservoir.defaultCapacity, "no row twice")
        let a = try #require(pieces.chunks), b = try #require(whole.chunks)
        #expect(a.all.map(\.count) == b.all.map(\.count))
        for (x, y) in zip(a.all + [a.whole], b.all + [b.whole]) {
            #expect(abs(x.mean - y.mean) <= 1e-15 * abs(y.mean))
            #expect(abs(x.standardDeviation - y.standardDeviation) <= 1e-12 * y.standardDeviation)
        }
        // The sample is of every row: its indices spread over the whole stream.
        #expect((pieces.sample.indices.max() ?? 0) > 4000 && (pieces.sample.indices.min() ?? 5000) < 1000)
    }

    @Test func aCheckpointRestoresEveryBit() throws {
        let reference = ReferenceEmbedding(columns: Self.columns(rows: 2000, seed: 5))
        var production = ProductionEmbedding(reference: reference)
        let all = Self.columns(rows: 4000, seed: 6)
        let first = all.map { Array($0[..<2500]) }, rest = all.map { Array($0[2500...]) }
        production.add(columns: first, reference: reference)
        var writer = BinaryWriter()
        production.write(to: &writer)
        var reader = BinaryReader(writer.bytes)
        var restored = try ProductionEmbedding(reading: &reader, reference: reference)
        #expect(restored == production)
        production.add(columns: rest, reference: reference)
        restored.add(columns: rest, reference: reference)
        #expect(restored == production, "and goes on as if never stopped")
        #expect(EmbeddingDrift.measure(reference: reference, production: restored)
                == EmbeddingDrift.measure(reference: reference, production: production))
    }

    @Test func aCorruptCheckpointIsAnErrorNotACrash() throws {
        let reference = ReferenceEmbedding(columns: Self.columns(rows: 2000, seed: 5))
        var production = ProductionEmbedding(reference: reference)
        production.add(columns: Self.columns(rows: 3000, seed: 8), reference: reference)
        var writer = BinaryWriter()
        production.write(to: &writer)
        for cut in stride(from: 0, to: writer.bytes.count, by: max(1, writer.bytes.count / 40)) {
            var reader = BinaryReader(Array(writer.bytes[..<cut]))
            #expect(throws: BinaryDecodingError.self) { _ = try ProductionEmbedding(reading: &reader, reference: reference) }
        }
    }
}

/// The uncertainty test's KS statistic against its definition, ties included.
@Suite struct UncertaintyDriftTests {
    @Test func theStatisticIsTheLargestGapBetweenTheTwoECDFs() throws {
        var generator = SeededGenerator(seed: 4)
        for _ in 0..<50 {
            // Probabilities rounded to 2 decimals, so both sides share values (ties).
            let x = (0..<Int.random(in: 1...60, using: &generator)).map { _ in (Double.random(in: 0.3...1, using: &generator) * 100).rounded() / 100 }
            let y = (0..<Int.random(in: 1...60, using: &generator)).map { _ in (Double.random(in: 0.2...1, using: &generator) * 100).rounded() / 100 }
            let drift = try #require(UncertaintyDrift.measure(reference: x + [.nan], production: y, model: "m"))
            let brute = Set(x + y).map { t in
                abs(Double(x.filter { $0 <= t }.count) / Double(x.count) - Double(y.filter { $0 <= t }.count) / Double(y.count))
            }.max()!
            #expect(abs(drift.statistic - brute) < 1e-15)
            #expect(drift.referenceRows == x.count, "NaN left out")
            #expect(drift.pValue == KolmogorovSmirnovPValue.twoSided(statistic: brute, n1: x.count, n2: y.count).pValue)
        }
        #expect(UncertaintyDrift.measure(reference: [], production: [0.5], model: "m") == nil)
    }
}
