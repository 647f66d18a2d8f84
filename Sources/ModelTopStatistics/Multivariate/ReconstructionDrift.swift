import ModelTopBase

/// One chunk of rows judged by its mean reconstruction error, as a row of NannyML's result.
package struct ReconstructionChunk: Sendable, Equatable {
    /// The chunk's first row (0-based, among the rows judged) and its row count.
    package var firstRow: Int
    package var rows: Int
    package var error: Double
    /// Standard error of the mean; NaN for a one-row chunk.
    package var samplingError: Double
    /// The ±3 standard-error band around `error` (NannyML's confidence band, floored at 0).
    package var lowerBand: Double { max(error - 3 * samplingError, 0) }
    package var upperBand: Double { error + 3 * samplingError }
    /// Outside the reference's thresholds.
    package var alert: Bool

    /// Figures compared bit for bit, so an empty chunk's NaN equals itself (a snapshot that did
    /// not change compares equal).
    package static func == (a: ReconstructionChunk, b: ReconstructionChunk) -> Bool {
        a.firstRow == b.firstRow && a.rows == b.rows && a.error.bitPattern == b.error.bitPattern
            && a.samplingError.bitPattern == b.samplingError.bitPattern && a.alert == b.alert
    }

    init(firstRow: Int, tally: ReconstructionTally, thresholds: ReconstructionThresholds) {
        self.firstRow = firstRow
        rows = tally.count
        error = tally.mean
        samplingError = tally.samplingError
        alert = !thresholds.contains(error)
    }
}

/// The band of chunk errors the reference itself shows: the mean of its chunks' errors ± 3
/// (population) standard deviations. A lower threshold at or under zero means none (NannyML's
/// `override_using_none`): an error cannot be negative.
package struct ReconstructionThresholds: Sendable, Equatable {
    package var lower: Double?
    package var upper: Double

    package init(chunkErrors: [Double]) {
        let values = chunkErrors.filter { !$0.isNaN }
        let mean = values.isEmpty ? Double.nan : NumpyArithmetic.sum(values) / Double(values.count)
        let variance = values.isEmpty ? Double.nan
            : NumpyArithmetic.sum(values.map { ($0 - mean) * ($0 - mean) }) / Double(values.count)
        let spread = 3 * variance.squareRoot()
        let lower = mean - spread
        self.lower = lower <= 0 ? nil : lower
        self.upper = mean + spread
    }

    /// Strictly inside, as NannyML's `lower < value < upper`; NaN is outside.
    package func contains(_ value: Double) -> Bool {
        (lower.map { $0 < value } ?? true) && value < upper
    }
}

/// Production's reconstruction error against the reference's: what `DataReconstructionDriftCalculator`
/// reports with the reference's default chunk size (a tenth of its rows) on both sides.
package struct ReconstructionDrift: Sendable, Equatable {
    package var chunkSize: Int
    /// Components kept, of how many dimensions.
    package var components: Int
    package var dimensions: Int
    package var thresholds: ReconstructionThresholds
    /// The reference's own chunks (what the thresholds come from).
    package var referenceChunks: [ReconstructionChunk]
    /// Production cut into chunks of `chunkSize` rows, the last one possibly shorter.
    package var chunks: [ReconstructionChunk]
    /// Every production row as one chunk: the verdict (`drifted`).
    package var whole: ReconstructionChunk
    /// False when the kept components are chosen by noise (`ReconstructionModel.isDetermined`):
    /// the figures are shown with that warning and judge nothing.
    package var determined: Bool
    package var cutGap: Double
    package var cutNoise: Double

    package var alertingChunks: Int { chunks.reduce(0) { $0 + ($1.alert ? 1 : 0) } }
    /// The verdict: all production rows, as one chunk, outside the thresholds. Not "some chunk
    /// alerts": with ten reference chunks to estimate the spread from, undrifted halves of the
    /// digits had some chunk outside in 9 and 13 runs of 20 (JointDriftTests), where all rows
    /// together were outside in none.
    package var drifted: Bool { determined && whole.alert }

    /// Why the figures judge nothing, for every renderer; nil when they do.
    package var undeterminedReason: String? {
        guard !determined else { return nil }
        return "the reference's standardised dimensions have (nearly) equal variance in every direction (eigenvalues \(ReportNumber.general(cutGap)) apart at the cut, sampling noise \(ReportNumber.general(cutNoise))), as a PCA of the reference itself does: which \(components) of \(dimensions) components keep 65% is decided by noise, so the error measures nothing here"
    }
}

/// What the reference contributes to reconstruction drift, computed once when it is read.
package struct ReconstructionBaseline: Sendable, Equatable {
    package let model: ReconstructionModel
    package let chunkSize: Int
    package let thresholds: ReconstructionThresholds
    package let referenceChunks: [ReconstructionChunk]

    /// NannyML's default chunker cuts a data set into ten chunks.
    package static let referenceChunkCount = 10

    /// nil with fewer rows than chunks, or no variance.
    package init?(referenceColumns columns: [[Double]]) {
        let rows = columns.first?.count ?? 0
        guard rows >= Self.referenceChunkCount, let model = ReconstructionModel(referenceColumns: columns) else { return nil }
        let size = rows / Self.referenceChunkCount
        let tallies = ReconstructionChunks.tallies(of: model.errors(columns: columns), chunkSize: size)
        let thresholds = ReconstructionThresholds(chunkErrors: tallies.map(\.mean))
        self.model = model
        self.chunkSize = size
        self.thresholds = thresholds
        self.referenceChunks = tallies.enumerated().map {
            ReconstructionChunk(firstRow: $0.offset * size, tally: $0.element, thresholds: thresholds)
        }
    }

    package func judge(_ production: ReconstructionChunks) -> ReconstructionDrift {
        ReconstructionDrift(
            chunkSize: chunkSize, components: model.components.count, dimensions: model.dimensions,
            thresholds: thresholds, referenceChunks: referenceChunks,
            chunks: production.all.enumerated().map {
                ReconstructionChunk(firstRow: $0.offset * chunkSize, tally: $0.element, thresholds: thresholds)
            },
            whole: ReconstructionChunk(firstRow: 0, tally: production.whole, thresholds: thresholds),
            determined: model.isDetermined, cutGap: model.cutGap, cutNoise: model.cutNoise)
    }
}

/// Production's errors as they arrive: whole chunks of `chunkSize` rows, the chunk being filled,
/// and all rows together. Memory grows by one tally per chunk (48 bytes per few thousand rows).
package struct ReconstructionChunks: Sendable, Equatable {
    package let chunkSize: Int
    package internal(set) var complete: [ReconstructionTally] = []
    package internal(set) var filling = ReconstructionTally()
    package internal(set) var whole = ReconstructionTally()

    package init(chunkSize: Int) {
        precondition(chunkSize > 0, "chunks hold rows")
        self.chunkSize = chunkSize
    }

    package mutating func add(_ errors: [Double]) {
        for error in errors {
            filling.add(error)
            whole.add(error)
            if filling.count == chunkSize {
                complete.append(filling)
                filling = ReconstructionTally()
            }
        }
    }

    /// Whole chunks, then the one being filled when it has rows (NannyML's `incomplete="keep"`).
    package var all: [ReconstructionTally] { filling.count > 0 ? complete + [filling] : complete }

    static func tallies(of errors: [Double], chunkSize: Int) -> [ReconstructionTally] {
        var chunks = ReconstructionChunks(chunkSize: chunkSize)
        chunks.add(errors)
        return chunks.all
    }
}
