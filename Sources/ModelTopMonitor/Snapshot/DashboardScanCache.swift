import ModelTopBase
import ModelTopTables
import ModelTopStatistics

/// What the last dashboard snapshot counted over production rows, carried by the caller to the
/// next build so a refresh costs O(rows appended + reference + bins × windows), not O(all rows).
///
/// Pure value: `DashboardSnapshot.build(monitor:…, cache:)` folds the monitor's new rows in and
/// gives the snapshot a fresh build would give, to the last bit. Parts start over when their
/// layout no longer holds:
/// - everything, when the monitor is another one (another reference, a restarted file: its
///   first rows are other arrays, or it has fewer rows) or a restricted window dropped old rows;
/// - a dimension's histogram, when production goes past its range or the bin count changes
///   (its decile counts per window do not depend on the bins and are kept);
/// - every window count, when the windows' start or width changes (an earlier timestamp, or
///   the span outgrew 60 windows of the current width).
/// With no cache kept (a one-shot build) every part is counted once from the first row.
package struct DashboardScanCache: Sendable {
    private var identity: MonitorIdentity?
    /// Production rows folded in so far.
    private var rows = 0
    private var times = TimeRange()
    private var timesFolded = 0
    private var windows: SnapshotWindows?
    private var dimensions: [DimensionTally] = []
    private var series = WindowTally()
    private var confidence = ConfidenceTally()
    private var latency = SortedSample()
    /// What the last build had to count, for tests and benchmarks.
    package private(set) var lastWork = ScanWork()
    /// The registry models' scores on production (the Quality screen's comparison).
    package var models = ModelScores()
    /// The recent window's verdict, judged at most once a `RecentDrift.refreshSeconds`.
    package var recent = RecentDrift.Cache()
    /// The whole-embedding tests, judged at most once every `EmbeddingJudgement.refreshSeconds`.
    package var embedding = EmbeddingJudgement()
    /// The current model's confidence on the reference rows, scored once per model.
    package var referenceConfidence: (model: String, confidence: [Double])?

    package init() {}

    /// How much the last build counted.
    package struct ScanWork: Sendable, Equatable {
        /// Production rows folded in (all of them after a start-over).
        package var rows = 0
        /// The monitor was not the one cached: everything was counted again.
        package var startedOver = false
        /// Dimensions whose histogram was counted again from the first row.
        package var recountedDimensions = 0
        /// The windows moved: every window count was counted again.
        package var recountedWindows = false
        /// The windows widened after old rows were dropped: their counts were added up.
        package var mergedWindows = false
        /// Dimensions whose histogram range doubled: their counts were added in pairs.
        package var widenedDimensions = 0
    }

    /// Folds `monitor`'s rows since the last call into every part, starting parts over where
    /// their layout changed: what `build` does besides the report (package so a benchmark can
    /// time it alone).
    package mutating func fold(_ monitor: Monitor, histogramBins: Int = 24) {
        let bins = max(1, histogramBins)
        var work = ScanWork()
        if let identity, !identity.matches(monitor) {
            self = DashboardScanCache()
            work.startedOver = true
        }
        work.rows = monitor.rows - rows
        rows = monitor.rows
        identity = MonitorIdentity(monitor)
        if dimensions.isEmpty { dimensions = monitor.reference.dimensions.map { DimensionTally(reference: $0, bins: bins) } }

        // Rows are addressed by absolute index; a monitor keeps rows `firstRow..<rows` (watch mode
        // drops the oldest, after they were folded here).
        let base = monitor.firstRow
        times.include(monitor.timestamp[max(0, timesFolded - base)...])
        timesFolded = base + monitor.timestamp.count
        let chosen = SnapshotWindows.choose(times)
        // Rows counted without windows had no finite timestamp: they stay out of every window.
        let moved = windows.flatMap { old in chosen.flatMap { old.keepsAssignments(under: $0) ? nil : (old, $0) } }
        windows = chosen
        // Wider windows are unions of whole narrower ones: while every row is still kept they are
        // counted again (bit for bit what one pass gives); once old rows are gone, added up.
        let windowsMoved = moved != nil && base == 0
        if windowsMoved { series = WindowTally() }
        if let (old, wider) = moved, base > 0 {
            let mapping = old.mapping(to: wider)
            series.remap(mapping, count: wider.count)
            let decileCounts = monitor.reference.dimensions.map { $0.quantileEdges.count + 1 }
            for d in dimensions.indices { dimensions[d].remapWindows(mapping, count: wider.count, deciles: decileCounts[d]) }
            work.mergedWindows = true
        }

        let reference = monitor.reference.dimensions, accumulators = monitor.dimensions, current = dimensions
        let recount = ParallelMap.map(count: current.count) { d -> DimensionTally.Recount in
            windowsMoved ? .all : current[d].recountNeeded(accumulators[d], bins: bins)
        }
        let starts = current.indices.map { recount[$0] == .all ? 0 : current[$0].rows }
        let first = max(base, min(starts.min() ?? monitor.rows, series.folded))
        let rowWindows = RowWindows(chosen, timestamps: monitor.timestamp, firstRow: base, from: first)
        ParallelMap.updateEach(&dimensions) { d, tally in
            tally.fold(reference: reference[d], accumulators[d], bins: bins, recount: recount[d], windows: rowWindows)
        }
        series.fold(monitor, windows: rowWindows)
        confidence.fold(monitor.confidence, firstRow: base)
        latency.fold(monitor.latencyMs, firstRow: base)

        work.recountedDimensions = recount.filter { $0 != .none && !($0.isWiden) }.count
        work.widenedDimensions = recount.filter(\.isWiden).count
        work.recountedWindows = windowsMoved
        lastWork = work
    }

    /// The last time window's quality against the one before, from what was folded (nil without
    /// timestamps or two labelled windows): what `watch --headless` needs for its alert rules,
    /// without the histograms and the timeline's PSI.
    package func qualityChange(labels: LabelTable) -> QualityChange? {
        guard let windows else { return nil }
        return series.timeline(windows, psi: [], labels: labels).1
    }

    /// The histograms, timeline, quality change and summaries of what was folded, in `snapshot`.
    func fill(_ snapshot: inout DashboardSnapshot, monitor: Monitor) {
        let reference = monitor.reference.dimensions
        snapshot.histograms = dimensions.indices.map { dimensions[$0].histogram(name: reference[$0].name) }
        snapshot.confidence = confidence.summary
        snapshot.latency = latency.latency
        if let windows {
            let psi = dimensions.indices.map { dimensions[$0].windowPSI(reference: reference[$0], windowCount: windows.count) }
            (snapshot.timeline, snapshot.qualityChange) = series.timeline(windows, psi: psi, labels: monitor.labels)
        }
    }
}

/// Which monitor a cache counted: its reference (told apart by the storage of its arrays, kept
/// here so no other array can take it) and the monitor's lineage, which a restarted file (a new
/// monitor) or a restricted window (a copy with fewer rows) does not share.
struct MonitorIdentity: Sendable {
    private let reference: [ReferenceDimension]
    private let lineage: Int
    private let productionFile: String
    private let rows: Int

    init(_ monitor: Monitor) {
        reference = monitor.reference.dimensions
        lineage = monitor.lineage
        productionFile = monitor.productionFile
        rows = monitor.rows
    }

    /// Whether `monitor` is this one with rows appended (or none).
    func matches(_ monitor: Monitor) -> Bool {
        monitor.rows >= rows && monitor.productionFile == productionFile && monitor.lineage == lineage
            && Self.storage(reference) == Self.storage(monitor.reference.dimensions)
    }

    private static func storage<T>(_ array: [T]) -> UnsafeRawPointer? {
        array.withUnsafeBufferPointer { $0.baseAddress.map { UnsafeRawPointer($0) } }
    }
}

extension DashboardScanCache {
    /// Whether this cache has folded exactly `monitor`'s rows (so it can be saved with it).
    package func covers(_ monitor: Monitor) -> Bool {
        identity?.matches(monitor) == true && rows == monitor.rows
    }

    /// For checkpoints: the counts of every row folded so far (the models' scores and the recent
    /// verdict are recomputed). Call after `fold(monitor)`.
    package func write(to writer: inout BinaryWriter) {
        writer.int(rows)
        writer.double(times.low)
        writer.double(times.high)
        writer.int(timesFolded)
        writer.bool(windows != nil)
        writer.double(windows?.start ?? 0)
        writer.double(windows?.width ?? 0)
        writer.int(windows?.count ?? 0)
        writer.int(dimensions.count)
        for tally in dimensions { tally.write(to: &writer) }
        series.write(to: &writer)
        confidence.write(to: &writer)
        latency.write(to: &writer)
    }

    /// The cache `write` left, for `monitor` (restored from the same checkpoint).
    package init(reading reader: inout BinaryReader, monitor: Monitor) throws(BinaryDecodingError) {
        self.init()
        rows = try reader.int()
        times = TimeRange(low: try reader.double(), high: try reader.double())
        timesFolded = try reader.int()
        let hasWindows = try reader.bool(), start = try reader.double(), width = try reader.double(), count = try reader.int()
        if hasWindows {
            guard SnapshotWindows.candidates.contains(width) || width.truncatingRemainder(dividingBy: 2_419_200) == 0,
                  (1...SnapshotWindows.maxWindows).contains(count) else { throw BinaryDecodingError(reason: "windows") }
            windows = SnapshotWindows(start: start, width: width, count: count)
        }
        let references = monitor.reference.dimensions
        guard try reader.int() == references.count else { throw BinaryDecodingError(reason: "dimensions") }
        dimensions = []
        for reference in references { dimensions.append(try DimensionTally(reading: &reader, reference: reference)) }
        series = try WindowTally(reading: &reader, labels: monitor.labels.count)
        confidence = try ConfidenceTally(reading: &reader)
        latency = try SortedSample(reading: &reader)
        guard rows == monitor.rows, timesFolded <= rows, dimensions.allSatisfy({ $0.rows == rows }) else {
            throw BinaryDecodingError(reason: "cache and monitor disagree")
        }
        identity = MonitorIdentity(monitor)
    }
}
