import Foundation
import Testing
@testable import ModelTopStatistics
import ModelTopTables
import ModelTopIO

/// The whole-embedding tests against their peers on the digit embeddings: NannyML's data
/// reconstruction drift and Evidently's `mmd()`, goldens from scripts/make_embedding_goldens.py.
@Suite struct EmbeddingDriftGoldenTests {
    static let sets = ["clean", "gradual", "shuffled", "correlated"]
    static let cases = ["pca", "layer"].flatMap { e in sets.map { (e, $0) } }

    static func table(_ path: String) throws -> DataTable {
        try DataFiles.loadTable(path: Goldens.packageRoot.appendingPathComponent(path).path)
    }

    static func entry(_ embedding: String) throws -> [String: Any] {
        let embeddings = try Goldens.json("goldens/embedding_drift.json")["embeddings"] as? [String: Any]
        return try #require(embeddings?[embedding] as? [String: Any])
    }

    static func reference(_ embedding: String) throws -> ReferenceEmbedding {
        ReferenceEmbedding(columns: try table(try #require(try entry(embedding)["reference"] as? String)).embeddings)
    }

    static func golden(_ embedding: String, _ set: String) throws -> [String: Any] {
        let sets = try entry(embedding)["sets"] as? [String: Any]
        return try #require(sets?[set] as? [String: Any])
    }

    /// Production fed in uneven chunks, as a file read in rounds would be.
    static func production(_ embedding: String, _ set: String, reference: ReferenceEmbedding) throws -> ProductionEmbedding {
        let path = try #require(try golden(embedding, set)["production"] as? String)
        let columns = try table(path).embeddings
        var production = ProductionEmbedding(reference: reference)
        var start = 0, step = 1
        let rows = columns[0].count
        while start < rows {
            let end = min(rows, start + step)
            production.add(columns: columns.map { Array($0[start..<end]) }, reference: reference)
            start = end
            step = step * 3 + 1
        }
        return production
    }

    /// The course stack's PCA embedding standardises to equal eigenvalues: no solver can agree
    /// with another on which 65% to keep, and modeltop says the figure is undetermined.
    @Test func reconstructionOfAReferencesOwnPCAIsUndetermined() throws {
        let model = try #require(try Self.reference("pca").reconstruction?.model)
        #expect(!model.isDetermined)
        #expect(try #require(try Self.reference("layer").reconstruction?.model).isDetermined)
    }

    @Test(arguments: sets) func reconstructionEqualsNannyML(set: String) throws {
        let reference = try Self.reference("layer")
        let golden = try #require(try Self.golden("layer", set)["reconstruction"] as? [String: Any])
        let baseline = try #require(reference.reconstruction)
        let drift = baseline.judge(try #require(try Self.production("layer", set, reference: reference).chunks))
        #expect(drift.chunkSize == golden["chunk_size"] as? Int)
        #expect(drift.components == golden["components"] as? Int)
        expectClose(drift.thresholds.upper, try #require(Goldens.double(golden["upper_threshold"])), relative: 1e-9, "upper threshold")
        if let lower = Goldens.double(golden["lower_threshold"]) {
            expectClose(try #require(drift.thresholds.lower), lower, relative: 1e-9, "lower threshold")
        } else {
            #expect(drift.thresholds.lower == nil)
        }
        for (side, chunks) in [("reference_chunks", drift.referenceChunks), ("chunks", drift.chunks)] {
            let expected = try #require(golden[side] as? [[String: Any]])
            try #require(chunks.count == expected.count, "\(side): \(chunks.count) chunks, NannyML \(expected.count)")
            for (chunk, want) in zip(chunks, expected) {
                let at = "\(set) \(side) from row \(chunk.firstRow)"
                #expect(chunk.firstRow == want["first_row"] as? Int, "\(at)")
                #expect(chunk.rows == want["rows"] as? Int, "\(at)")
                expectClose(chunk.error, try #require(Goldens.double(want["error"])), relative: 1e-9, "\(at) error")
                expectClose(chunk.samplingError, try #require(Goldens.double(want["sampling_error"])), relative: 1e-9, "\(at) sampling error")
                expectClose(chunk.upperBand, try #require(Goldens.double(want["upper_band"])), relative: 1e-9, "\(at) upper band")
                expectClose(chunk.lowerBand, try #require(Goldens.double(want["lower_band"])), relative: 1e-9, "\(at) lower band")
                #expect(chunk.alert == want["alert"] as? Bool, "\(at) alert")
            }
        }
        let whole = try #require(golden["whole"] as? [String: Any])
        expectClose(drift.whole.error, try #require(Goldens.double(whole["error"])), relative: 1e-9, "\(set) whole error")
        expectClose(drift.whole.samplingError, try #require(Goldens.double(whole["sampling_error"])), relative: 1e-9, "\(set) whole sampling error")
        #expect(drift.whole.alert == whole["alert"] as? Bool)
    }

    @Test(arguments: cases) func mmdEqualsEvidently(embedding: String, set: String) throws {
        let reference = try Self.reference(embedding)
        let golden = try #require(try Self.golden(embedding, set)["mmd"] as? [String: Any])
        let production = try Self.production(embedding, set, reference: reference)
        // Under 1,000 rows a side the samples are every row (in another order, which MMD ignores).
        #expect(production.sample.rows.rows == production.rows)
        let mmd = try #require(MaximumMeanDiscrepancy.measure(
            reference: reference.sample.finite.rows, production: production.sample.finite.rows, permutations: 20, seed: 1))
        expectClose(mmd.bandwidthSquared, try #require(Goldens.double(golden["bandwidth_squared"])), relative: 1e-12, "\(set) σ²")
        expectClose(mmd.mmd2, try #require(Goldens.double(golden["mmd2u"])), relative: 1e-9, "\(set) MMD²ᵤ")
        expectClose(max(mmd.mmd2, 0), try #require(Goldens.double(golden["score"])), relative: 1e-9, "\(set) Evidently's score")
    }
}
