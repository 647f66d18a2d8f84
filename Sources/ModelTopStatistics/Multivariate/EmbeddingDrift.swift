/// What the reference contributes to the whole-embedding tests, computed once when it is read.
package struct ReferenceEmbedding: Sendable, Equatable {
    /// nil with too few rows or no variance (reconstruction drift is then not measured).
    package let reconstruction: ReconstructionBaseline?
    package let sample: RowReservoir

    package static let seed: UInt64 = 0x0DDB_A11

    package init(columns: [[Double]]) {
        reconstruction = ReconstructionBaseline(referenceColumns: columns)
        var sample = RowReservoir(columns: columns.count, seed: Self.seed)
        sample.offer(columns: columns, firstRow: 0)
        self.sample = sample
    }
}

/// Production as the whole-embedding tests need it, kept as rows arrive in memory that does not
/// grow with them: reconstruction errors per chunk and a seeded sample of rows.
package struct ProductionEmbedding: Sendable, Equatable {
    package private(set) var chunks: ReconstructionChunks?
    package private(set) var sample: RowReservoir
    package private(set) var rows = 0

    package static let seed: UInt64 = 0x5EED_0F_9A0D

    package init(reference: ReferenceEmbedding) {
        chunks = reference.reconstruction.map { ReconstructionChunks(chunkSize: $0.chunkSize) }
        sample = RowReservoir(columns: reference.sample.rows.columns, seed: Self.seed)
    }

    /// Adds a parsed chunk's rows (column-major, the reference's dimensions in order).
    package mutating func add(columns: [[Double]], reference: ReferenceEmbedding) {
        let count = columns.first?.count ?? 0
        guard count > 0 else { return }
        if let model = reference.reconstruction?.model { chunks?.add(model.errors(columns: columns)) }
        sample.offer(columns: columns, firstRow: rows)
        rows += count
    }
}

/// The whole-embedding tests on one comparison: reconstruction error (every row), MMD² and the
/// domain classifier (seeded samples).
package struct EmbeddingDrift: Sendable, Equatable {
    package var reconstruction: ReconstructionDrift?
    package var mmd: MaximumMeanDiscrepancy?
    package var classifier: DomainClassifier?

    package static let seed: UInt64 = 0xC1A5_51F1

    package static func measure(reference: ReferenceEmbedding, production: ProductionEmbedding) -> EmbeddingDrift {
        let reconstruction = production.chunks.flatMap { chunks in
            chunks.whole.count > 0 ? reference.reconstruction?.judge(chunks) : nil
        }
        let x = reference.sample.rows, y = production.sample.rows
        let mmd = MaximumMeanDiscrepancy.measure(reference: x, production: y, seed: seed)
        let classifier = DomainClassifier.measure(reference: x, production: y, productionRows: production.sample.indices, seed: seed)
        return EmbeddingDrift(reconstruction: reconstruction, mmd: mmd, classifier: classifier)
    }

    /// The verdict of `test`; nil when it could not be measured.
    package func drifted(by test: EmbeddingTest) -> Bool? {
        switch test {
        case .classifier: return classifier?.drifted
        case .mmd: return mmd?.drifted
        case .reconstruction: return reconstruction?.drifted
        case .off: return nil
        }
    }
}

/// Which whole-embedding test can fail the report's gate (`--embedding-test`).
package enum EmbeddingTest: String, Sendable, CaseIterable {
    case classifier, mmd, reconstruction, off

    package static let `default` = EmbeddingTest.classifier
}
