/// What the reference contributes to the whole-embedding tests, computed once when it is read.
package struct ReferenceEmbedding: Sendable, Equatable {
    /// nil with too few rows or no variance (reconstruction drift is then not measured).
    package let reconstruction: ReconstructionBaseline?
    package let sample: RowReservoir

    package static let seed: UInt64 = 0x0DDB_A11

    package init(columns: [[Double]]) {
        reconstruction = ReconstructionBaseline(referenceColumns: columns)
        var sample = RowReservoir(columns: columns.count, seed: Self.seed)
        sample.offer(columns: columns)
        self.sample = sample
    }

    /// Whether production rows get a reconstruction error: only when the kept components are
    /// determined by the data (an undetermined error judges nothing, so it is not computed).
    package var measuresReconstruction: Bool { reconstruction?.model.isDetermined == true }

    /// The reconstruction errors of a chunk's rows, when they are measured.
    package func errors(columns: [[Double]]) -> [Double]? {
        measuresReconstruction ? reconstruction?.model.errors(columns: columns) : nil
    }
}

/// Production as the whole-embedding tests need it, kept as rows arrive in memory that does not
/// grow with them: reconstruction errors per chunk and a seeded sample of rows.
package struct ProductionEmbedding: Sendable, Equatable {
    package internal(set) var chunks: ReconstructionChunks?
    package internal(set) var sample: RowReservoir
    package internal(set) var rows = 0

    package static let seed: UInt64 = 0x5EED_0F_9A0D

    package init(reference: ReferenceEmbedding) {
        chunks = reference.measuresReconstruction ? reference.reconstruction.map { ReconstructionChunks(chunkSize: $0.chunkSize) } : nil
        sample = RowReservoir(columns: reference.sample.rows.columns, seed: Self.seed)
    }

    /// Adds a parsed chunk's rows (column-major, the reference's dimensions in order).
    package mutating func add(columns: [[Double]], reference: ReferenceEmbedding) {
        add(columns: columns, errors: reference.errors(columns: columns))
    }

    /// Adds rows whose reconstruction errors the caller already computed (nil without a baseline).
    package mutating func add(columns: [[Double]], errors: [Double]?) {
        let count = columns.first?.count ?? 0
        guard count > 0 else { return }
        if let errors { chunks?.add(errors) }
        sample.offer(columns: columns)
        rows += count
    }
}

/// The whole-embedding tests on one comparison: reconstruction error (every row), MMD² and the
/// domain classifier (seeded samples).
package struct EmbeddingDrift: Sendable, Equatable {
    /// Production rows judged (a live view judges again at most every ten seconds, so this may
    /// trail the row count beside it).
    package var productionRows: Int
    package var reconstruction: ReconstructionDrift?
    package var mmd: MaximumMeanDiscrepancy?
    package var classifier: DomainClassifier?
    /// The served model's confidence, production against the reference (needs a model and
    /// prediction logs with probabilities; set by the caller that has them).
    package var uncertainty: UncertaintyDrift?

    package static let seed: UInt64 = 0xC1A5_51F1

    package static func measure(reference: ReferenceEmbedding, production: ProductionEmbedding) -> EmbeddingDrift {
        var reconstruction: ReconstructionDrift?
        if let baseline = reference.reconstruction {
            if !baseline.model.isDetermined {
                reconstruction = baseline.judge(ReconstructionChunks(chunkSize: baseline.chunkSize))
            } else if let chunks = production.chunks, chunks.whole.count > 0 {
                reconstruction = baseline.judge(chunks)
            }
        }
        let x = reference.sample.finite.rows, (y, rows) = production.sample.finite
        let mmd = MaximumMeanDiscrepancy.measure(reference: x, production: y, seed: seed)
        let classifier = DomainClassifier.measure(reference: x, production: y, productionRows: rows, seed: seed)
        return EmbeddingDrift(productionRows: production.rows, reconstruction: reconstruction, mmd: mmd, classifier: classifier)
    }

    /// The verdict of `test`; nil when it could not be measured.
    package func drifted(by test: EmbeddingTest) -> Bool? {
        switch test {
        case .classifier: return classifier?.drifted
        case .mmd: return mmd?.drifted
        case .reconstruction: return reconstruction.flatMap { $0.determined ? $0.drifted : nil }
        case .uncertainty: return uncertainty?.drifted
        case .off: return nil
        }
    }
}

/// Which whole-embedding test can fail the report's gate (`--embedding-test`).
package enum EmbeddingTest: String, Sendable, CaseIterable {
    case classifier, mmd, reconstruction, uncertainty, off

    /// Evidently's default embedding method is a domain classifier too.
    package static let `default` = EmbeddingTest.classifier

    package var title: String {
        switch self {
        case .classifier: return "domain classifier"
        case .mmd: return "MMD²"
        case .reconstruction: return "reconstruction error"
        case .uncertainty: return "model uncertainty"
        case .off: return "none"
        }
    }
}
