import Synchronization
import ModelTopBase
import ModelTopTables
import ModelTopStatistics

/// Production data against a fixed reference: takes appended rows, gives reports.
///
/// Watch mode appends as the file grows. Every append costs O(new rows): the confusion matrix
/// and per-row columns update in place, and the embedding values are kept, as appended
/// segments, for the statistics. A streamed one-shot report (`keepingRows: false`) keeps no
/// row at all: each dimension is counted on the reference's grid as it arrives, and what the
/// counts cannot give comes from a second read (`detailRequests`, `report(options:details:)`).
package struct Monitor: Sendable {
    package let reference: ReferenceProfile
    package let productionSchema: TableSchema
    package let productionFile: String
    package private(set) var dimensions: [DimensionAccumulator]
    package private(set) var confusion = ConfusionMatrix()
    /// Per-row columns in arrival order (empty when the file lacks the column); label ids index `labels`.
    package private(set) var target: [Int32] = []
    package private(set) var prediction: [Int32] = []
    package private(set) var timestamp: [Double] = []
    package private(set) var latencyMs: [Double] = []
    package private(set) var confidence: [Double] = []
    /// Each kept row's reconstruction error (empty when it is not measured).
    package private(set) var reconstructionError: [Double] = []
    /// Every row so far as the whole-embedding tests need it, in memory that does not grow.
    package private(set) var embedding: ProductionEmbedding
    package private(set) var ids: [String] = []
    /// The reference's labels first, so ids agree between reference and production.
    package private(set) var labels: LabelTable
    package private(set) var rows = 0
    /// Rows with an empty `target`: no feedback yet. They count for drift, not for quality.
    package private(set) var unlabelledRows = 0
    /// Physical lines consumed in the production file, the header included.
    package private(set) var lineCount = 1
    package private(set) var rejections = RejectionLog()
    /// The file's last line had no newline yet and did not parse: a writer may be finishing
    /// it, so it is pending, not rejected (`report` on a live file).
    package private(set) var pendingPartialLine = false
    /// Whether rows are kept (the per-row columns and embedding values); false for a streamed report.
    package let keepsRows: Bool
    /// At most this many of the newest rows are kept in watch mode (nil: all); older rows live
    /// on in the summaries only (`dropRowsBeyondRetention`).
    package var retention: Int?
    /// The absolute index of the first row still kept: the per-row columns hold rows
    /// `firstRow..<rows`, each dimension the same values.
    package private(set) var firstRow = 0
    /// Set on a time window cut short by the retention: said in the report's notes.
    package internal(set) var windowNote: String?
    /// Which monitor this is: a new one, or a copy restricted to fewer rows, gets a new lineage,
    /// so a dashboard cache knows its counts are not this monitor's.
    package internal(set) var lineage = Monitor.nextLineage()
    private static let lineages = Atomic<Int>(0)
    private static func nextLineage() -> Int { lineages.wrappingAdd(1, ordering: .relaxed).oldValue }

    package init(reference: ReferenceProfile, productionSchema: TableSchema, productionFile: String, keepingRows: Bool = true) {
        self.reference = reference
        self.productionSchema = productionSchema
        self.productionFile = productionFile
        keepsRows = keepingRows
        labels = reference.table.labels
        embedding = ProductionEmbedding(reference: reference.embedding)
        let count = reference.dimensions.count
        dimensions = keepingRows
            ? (0..<count).map { d in DimensionAccumulator(mergeStagger: Double(d) / Double(count)) }
            : reference.dimensions.map { DimensionAccumulator(streamingOn: $0.grid) }
    }

    /// Reserves room for about `rows` rows, so a large file grows its per-row columns once
    /// rather than doubling them (a doubled million-row column is 8 MB of slack, times five).
    package mutating func reserveCapacity(rows: Int) {
        guard keepsRows else { return }
        let schema = productionSchema
        if schema.hasTarget { target.reserveCapacity(rows) }
        if schema.hasPrediction { prediction.reserveCapacity(rows) }
        if schema.hasTimestamp { timestamp.reserveCapacity(rows) }
        if schema.hasLatency { latencyMs.reserveCapacity(rows) }
        if schema.hasConfidence { confidence.reserveCapacity(rows) }
        if reference.embedding.measuresReconstruction { reconstructionError.reserveCapacity(rows) }
    }

    /// Appends a parsed block that follows everything appended so far in the production file.
    package mutating func append(_ chunk: TableChunk) {
        let remap = chunk.labelNames.map { labels.intern($0) }
        for d in dimensions.indices { dimensions[d].append(contentsOf: chunk.embeddings[d]) }
        let errors = reference.embedding.errors(columns: chunk.embeddings)
        embedding.add(columns: chunk.embeddings, errors: errors)
        let chunkTarget = chunk.target.map { $0 < 0 ? -1 : remap[Int($0)] }
        let chunkPrediction = chunk.prediction.map { remap[Int($0)] }
        unlabelledRows += Self.unlabelled(chunk.target)
        if productionSchema.hasTarget, productionSchema.hasPrediction {
            confusion.append(target: chunkTarget, prediction: chunkPrediction)
        }
        if keepsRows {
            target.append(contentsOf: chunkTarget)
            prediction.append(contentsOf: chunkPrediction)
            timestamp.append(contentsOf: chunk.timestamp)
            latencyMs.append(contentsOf: chunk.latencyMs)
            confidence.append(contentsOf: chunk.confidence)
            ids.append(contentsOf: chunk.ids)
            if let errors { reconstructionError.append(contentsOf: errors) }
        }
        for problem in chunk.rejections.first {
            var moved = problem
            moved.line += lineCount
            rejections.record(moved)
        }
        rejections.recordUnlisted(chunk.rejections.count - chunk.rejections.first.count)
        rows += chunk.rowCount
        lineCount += chunk.lineCount
        // A streamed monitor's dimensions fill their batches together: count them in parallel.
        if !keepsRows, dimensions.first?.hasFullBatch == true { catchUpStatistics() }
    }

    /// Brings every dimension's statistics up to date with the rows appended so far, in
    /// parallel, and keeps them: a monitor that is reported on again and again (watch mode)
    /// calls this after appending, so each report costs O(new rows + reference), not O(all rows).
    package mutating func catchUpStatistics() {
        let grids = reference.dimensions.map(\.grid)
        ParallelMap.updateEach(&dimensions) { d, accumulator in accumulator.catchUp(grid: grids[d], keepingSorted: true) }
    }

    /// Rows whose target is -1: no feedback yet.
    static func unlabelled(_ targets: [Int32]) -> Int { targets.reduce(0) { $0 + ($1 < 0 ? 1 : 0) } }

    /// Called when the file read ended without a newline: a rejected last line becomes pending.
    package mutating func settleUnterminatedLastLine() {
        // A rejected record does not count its unterminated line, so the last line is lineCount
        // or the one after it.
        if rejections.withdrawLast(fromLine: lineCount) { pendingPartialLine = true }
    }

    /// Records a problem found outside the chunk parser (a record too long, say).
    package mutating func reject(_ problem: RowProblem) { rejections.record(problem) }

    /// What each dimension needs from a second read of the production values before `report`
    /// (streamed monitors; a monitor that keeps rows finds it in them).
    package func detailRequests(binning: PSIBinning) -> [DetailRequest] {
        let references = reference.dimensions, accumulators = dimensions
        return ParallelMap.map(count: references.count) { d in
            var accumulator = accumulators[d]
            if !accumulator.isCaughtUp { accumulator.catchUp(grid: references[d].grid) }
            guard let profile = accumulator.profile else { return DetailRequest(gaps: []) }
            return DetailRequest.needed(reference: references[d], profile: profile, range: profile.range, binning: binning)
        }
    }

    /// Takes the file-wide facts (rejections, lines read, a pending last line) of the monitor
    /// that read the whole file, for one that folded only a window of it.
    package mutating func takeFileFacts(of whole: Monitor) {
        rejections = whole.rejections
        lineCount = whole.lineCount
        pendingPartialLine = whole.pendingPartialLine
    }

    package func report(options: DriftOptions, details: [ProductionDetail]? = nil) -> Report {
        let drift = DriftReport.compute(reference: reference.dimensions, production: dimensions, options: options, details: details)
        var notes: [String] = []
        let quality = QualityReport.compute(confusion, labels: labels)
        let warnings = [Self.disjointLabels(confusion, labels: labels), quality.flatMap(Self.cardinalityWarning)].compactMap { $0 }
        notes += warnings
        if pendingPartialLine {
            notes.append("\(productionFile): the last line has no newline yet and does not parse: left pending (a writer may be finishing it)")
        }
        if productionSchema.hasTarget, unlabelledRows > 0 {
            notes.append("production: \(unlabelledRows) of \(rows) rows have no feedback yet (empty target); they count for drift, not for quality")
        }
        if !(productionSchema.hasTarget && productionSchema.hasPrediction) {
            let missing = [productionSchema.hasTarget ? nil : "target", productionSchema.hasPrediction ? nil : "prediction"]
                .compactMap { $0 }.joined(separator: " and ")
            notes.append("quality: not measured: \(productionFile) has no \(missing) column")
        }
        for (file, schema) in [(reference.file, reference.schema), (productionFile, productionSchema)]
        where !schema.ignoredColumns.isEmpty {
            notes.append("\(file): ignored index column(s) \(schema.ignoredColumns.map { SafeText.inline($0) }.joined(separator: ", "))")
        }
        if let windowNote { notes.append(windowNote) }
        if firstRow > 0 {
            let bound = drift.dimensions.map(\.wassersteinNormBound).max() ?? 0
            var retained = "production: the oldest \(ReportNumber.grouped(firstRow)) rows are kept as counts only (the newest \(ReportNumber.grouped(retainedRows)) are kept whole): KS, PSI and quality still cover all \(ReportNumber.grouped(rows)) rows; normed Wasserstein distances are estimated within ±\(ReportNumber.general(bound))"
            if options.psiBinning == .evidently { retained += "; Evidently's PSI needs every value and is not shown" }
            notes.append(retained)
        }
        for dimension in drift.dimensions where dimension.nonFiniteReference + dimension.nonFiniteProduction > 0 {
            notes.append(
                "\(SafeText.inline(dimension.name)): \(dimension.nonFiniteReference) reference and \(dimension.nonFiniteProduction) production values are NaN, inf or empty; left out of its statistics")
        }
        return Report(
            referenceFile: reference.file, productionFile: productionFile,
            referenceRows: reference.table.rowCount, productionRows: rows, productionUnlabelled: unlabelledRows,
            referenceRejections: reference.table.rejections, productionRejections: rejections,
            drift: drift, quality: quality, notes: notes, warnings: warnings)
    }

    /// A note when no target label ever occurs as a prediction and no prediction as a target:
    /// the labels are written two different ways and every quality figure is meaningless.
    static func disjointLabels(_ confusion: ConfusionMatrix, labels: LabelTable) -> String? {
        let (support, predicted) = confusion.marginals()
        let targets = support.indices.filter { support[$0] > 0 }
        let predictions = predicted.indices.filter { predicted[$0] > 0 }
        guard !targets.isEmpty, Set(targets).isDisjoint(with: predictions) else { return nil }
        func sample(_ ids: [Int]) -> String {
            ids.prefix(5).map { "\"\(SafeText.inline(labels.names[$0]))\"" }.joined(separator: ", ") + (ids.count > 5 ? ", …" : "")
        }
        return "quality: target and prediction share no label (targets \(sample(targets)); predictions \(sample(predictions))): every quality figure is meaningless; check how the two columns are written"
    }

    /// A warning when the labels look like continuous values or free text rather than classes:
    /// more than 1,000 of them, or (from 50 on) most seen at most once as a target.
    static func cardinalityWarning(_ quality: QualityReport) -> String? {
        let classes = quality.classes.count
        let once = quality.classes.reduce(0) { $0 + ($1.support <= 1 ? 1 : 0) }
        guard classes > 1000 || (classes >= 50 && once * 2 > classes) else { return nil }
        return "quality: \(ReportNumber.grouped(classes)) distinct labels, \(ReportNumber.grouped(once)) of them seen at most once as a target: the target looks like continuous values or free text, not classes; per-class figures mean little"
    }

    /// Rows still held in memory.
    package var retainedRows: Int { rows - firstRow }

    /// Drops the oldest rows once more than `retention` × 1.25 are held, down to `retention`
    /// (in bulk, so the cost is amortised); the statistics are caught up first, so the
    /// whole-history figures still count every row. True when rows were dropped.
    @discardableResult
    package mutating func dropRowsBeyondRetention() -> Bool {
        guard keepsRows, let retention, retainedRows > retention + retention / 4 else { return false }
        catchUpStatistics()
        let newFirst = rows - retention, local = newFirst - firstRow
        for d in dimensions.indices { dimensions[d].dropOldest(before: newFirst) }
        func trim<T>(_ column: inout [T]) { if !column.isEmpty { column.removeFirst(min(local, column.count)) } }
        trim(&target)
        trim(&prediction)
        trim(&timestamp)
        trim(&latencyMs)
        trim(&confidence)
        trim(&ids)
        trim(&reconstructionError)
        firstRow = newFirst
        return true
    }

    /// A copy holding only the newest `count` rows, at most those still kept (rejections and
    /// line counts stay whole). `embedding`: whether the copy's whole-embedding summaries are
    /// made for those rows (a window judged as a whole) or left empty (the recent window's
    /// per-dimension verdict, made every second, needs none).
    func keepingLast(_ wanted: Int, embedding measured: Bool = true) -> Monitor {
        let count = min(wanted, retainedRows)
        guard count < rows else { return self }
        var copy = self
        copy.lineage = Self.nextLineage()
        copy.firstRow = 0
        let drop = rows - count - firstRow
        copy.dimensions = dimensions.map { $0.droppingFirst(rows - count) }
        copy.target = Array(target.dropFirst(min(drop, target.count)))
        copy.prediction = Array(prediction.dropFirst(min(drop, prediction.count)))
        copy.timestamp = Array(timestamp.dropFirst(min(drop, timestamp.count)))
        copy.latencyMs = Array(latencyMs.dropFirst(min(drop, latencyMs.count)))
        copy.confidence = Array(confidence.dropFirst(min(drop, confidence.count)))
        copy.ids = Array(ids.dropFirst(min(drop, ids.count)))
        copy.reconstructionError = Array(reconstructionError.dropFirst(min(drop, reconstructionError.count)))
        copy.embedding = ProductionEmbedding(reference: reference.embedding)
        if measured {
            copy.embedding.add(
                columns: copy.dimensions.map { $0.values(from: rows - count) },
                errors: copy.reconstructionError.isEmpty ? nil : copy.reconstructionError)
        }
        copy.confusion = ConfusionMatrix()
        if productionSchema.hasTarget, productionSchema.hasPrediction {
            copy.confusion.append(target: copy.target, prediction: copy.prediction)
        }
        copy.rows = count
        copy.unlabelledRows = Self.unlabelled(copy.target)
        return copy
    }
}

extension Monitor {
    /// For checkpoints: every count, and the rows still kept. The statistics must be caught up.
    package func write(to writer: inout BinaryWriter) {
        writer.int(rows)
        writer.int(firstRow)
        writer.int(unlabelledRows)
        writer.int(lineCount)
        writer.bool(pendingPartialLine)
        rejections.write(to: &writer)
        writer.strings(labels.names)
        confusion.write(to: &writer)
        for (d, accumulator) in dimensions.enumerated() { accumulator.write(to: &writer, grid: reference.dimensions[d].grid) }
        writer.int32s(target)
        writer.int32s(prediction)
        writer.doubles(timestamp)
        writer.doubles(latencyMs)
        writer.doubles(confidence)
        writer.strings(ids)
        writer.doubles(reconstructionError)
        embedding.write(to: &writer)
    }

    /// A monitor as `write` left it, on the same reference and schema (the caller checks that
    /// the files are the ones it described). Any inconsistency is an error, never a crash.
    package init(
        reading reader: inout BinaryReader, reference: ReferenceProfile, productionSchema: TableSchema, productionFile: String
    ) throws(BinaryDecodingError) {
        self.init(reference: reference, productionSchema: productionSchema, productionFile: productionFile)
        rows = try reader.int()
        firstRow = try reader.int()
        unlabelledRows = try reader.int()
        lineCount = try reader.int()
        pendingPartialLine = try reader.bool()
        rejections = try RejectionLog(reading: &reader)
        let names = try reader.strings()
        guard names.starts(with: reference.table.labels.names) else { throw BinaryDecodingError(reason: "labels of another reference") }
        labels = LabelTable(names)
        confusion = try ConfusionMatrix(reading: &reader, labels: names.count)
        let count = reference.dimensions.count
        for d in 0..<count {
            dimensions[d] = try DimensionAccumulator(
                reading: &reader, grid: reference.dimensions[d].grid, mergeStagger: Double(d) / Double(count))
        }
        target = try reader.int32s()
        prediction = try reader.int32s()
        timestamp = try reader.doubles()
        latencyMs = try reader.doubles()
        confidence = try reader.doubles()
        ids = try reader.strings()
        reconstructionError = try reader.doubles()
        embedding = try ProductionEmbedding(reading: &reader, reference: reference.embedding)
        let kept = rows - firstRow
        func fits(_ n: Int, _ present: Bool) -> Bool { n == (present ? kept : 0) }
        let schema = productionSchema
        guard rows >= 0, firstRow >= 0, kept >= 0, unlabelledRows >= 0, unlabelledRows <= rows, lineCount > rows,
              dimensions.allSatisfy({ $0.count == rows && $0.dropped == firstRow }),
              fits(target.count, schema.hasTarget), fits(prediction.count, schema.hasPrediction),
              fits(timestamp.count, schema.hasTimestamp), fits(latencyMs.count, schema.hasLatency),
              fits(confidence.count, schema.hasConfidence), fits(ids.count, schema.hasID),
              fits(reconstructionError.count, reference.embedding.measuresReconstruction), embedding.rows == rows,
              target.allSatisfy({ $0 >= -1 && Int($0) < names.count }), prediction.allSatisfy({ $0 >= -1 && Int($0) < names.count })
        else { throw BinaryDecodingError(reason: "monitor counts") }
    }
}
