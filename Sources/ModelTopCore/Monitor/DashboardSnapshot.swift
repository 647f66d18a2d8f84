/// Everything the dashboard screens draw, computed once per data update so frames stay cheap.
///
/// Pure: built from a `Monitor` and the drift options; the time it was made is passed in
/// (`generatedAt`, seconds since the epoch) because the core never reads a clock. The
/// operations, samples, retrain and model parts are nil until the prediction-logs, digits and
/// retrain features provide them; the screens say which input would fill them.
public struct DashboardSnapshot: Sendable, Equatable {
    public var report: Report
    public var generatedAt: Double
    /// One per dimension, in the report's order.
    public var histograms: [DimensionHistogram]
    /// nil when production has no finite timestamps.
    public var timeline: DriftTimeline?
    /// The last window's quality against the window before; nil without timestamps or labels.
    public var qualityChange: QualityChange?
    /// From production's `confidence` column; nil without one.
    public var confidence: SnapshotConfidence?
    /// From production's `latency_ms` column; nil without one.
    public var latency: SnapshotLatency?
    /// nil until the prediction-logs feature provides it.
    public var operations: OperationsSnapshot?
    /// Serving model, champion and challenger scored on the same production rows (Quality screen).
    public var models: ModelComparison?
    /// nil until the digits feature provides it.
    public var samples: SamplesSnapshot?
    /// nil until the retrain feature provides it.
    public var retrain: RetrainSnapshot?
    /// nil until the model registry provides it.
    public var model: ModelInfo?

    public init(
        report: Report, generatedAt: Double, histograms: [DimensionHistogram] = [], timeline: DriftTimeline? = nil,
        qualityChange: QualityChange? = nil, confidence: SnapshotConfidence? = nil, latency: SnapshotLatency? = nil,
        operations: OperationsSnapshot? = nil, samples: SamplesSnapshot? = nil, retrain: RetrainSnapshot? = nil,
        model: ModelInfo? = nil
    ) {
        self.report = report
        self.generatedAt = generatedAt
        self.histograms = histograms
        self.timeline = timeline
        self.qualityChange = qualityChange
        self.confidence = confidence
        self.latency = latency
        self.operations = operations
        self.samples = samples
        self.retrain = retrain
        self.model = model
    }

    /// Things that need attention, worst first; derived, so they follow every part set later.
    public var alerts: [DashboardAlert] { DashboardAlert.derive(from: self) }

    public var referenceFile: String { report.referenceFile }
    public var productionFile: String { report.productionFile }

    /// Computes the report and everything drawn around it from `monitor`.
    public static func build(
        monitor: Monitor, options: DriftOptions, generatedAt: Double, histogramBins: Int = 24,
        operations: OperationsSnapshot? = nil, samples: SamplesSnapshot? = nil,
        retrain: RetrainSnapshot? = nil, model: ModelInfo? = nil
    ) -> DashboardSnapshot {
        let report = monitor.report(options: options)
        let windows = SnapshotWindows.choose(timestamps: monitor.timestamp)
        let rowWindows = windows.map { $0.assign(monitor.timestamp) }
        let bins = max(1, histogramBins)
        let perDimension = ParallelMap.map(count: monitor.dimensions.count) { d in
            DimensionScan.run(
                reference: monitor.reference.dimensions[d], production: monitor.dimensions[d],
                bins: bins, windows: rowWindows, windowCount: windows?.count ?? 0)
        }
        var snapshot = DashboardSnapshot(
            report: report, generatedAt: generatedAt, histograms: perDimension.map(\.histogram),
            confidence: SnapshotConfidence(monitor.confidence), latency: SnapshotLatency(monitor.latencyMs),
            operations: operations, samples: samples, retrain: retrain, model: model)
        if let windows, let rowWindows {
            let series = WindowSeries.compute(monitor: monitor, windows: windows, rowWindows: rowWindows)
            snapshot.timeline = DriftTimeline(
                start: windows.start, windowSeconds: windows.width, rows: series.rows,
                accuracy: series.accuracy, meanConfidence: series.meanConfidence,
                psi: perDimension.map(\.windowPSI))
            snapshot.qualityChange = series.change
        }
        return snapshot
    }
}

/// Reference and production shares of one dimension over equal-width bins of their union range.
public struct DimensionHistogram: Sendable, Equatable {
    public var name: String
    /// The left edge of the first bin and the right edge of the last (NaN when both sides are empty).
    public var lower: Double
    public var upper: Double
    /// Shares summing to 1 (all zero when the side has no finite values).
    public var reference: [Double]
    public var production: [Double]

    public init(name: String, lower: Double, upper: Double, reference: [Double], production: [Double]) {
        self.name = name
        self.lower = lower
        self.upper = upper
        self.reference = reference
        self.production = production
    }
}

/// Production over time: rows in fixed windows, their accuracy, confidence and drift.
public struct DriftTimeline: Sendable, Equatable {
    /// Start of the first window, seconds since the epoch.
    public var start: Double
    public var windowSeconds: Double
    public var rows: [Int]
    /// NaN where a window has no labelled rows.
    public var accuracy: [Double]
    /// NaN where a window has no confidence values.
    public var meanConfidence: [Double]
    /// `psi[dimension][window]` on the reference's deciles; NaN for windows with fewer than
    /// `minimumPSIRows` rows, where ten bins say more about sampling noise than drift.
    public var psi: [[Double]]

    public init(
        start: Double, windowSeconds: Double, rows: [Int], accuracy: [Double], meanConfidence: [Double], psi: [[Double]]
    ) {
        self.start = start
        self.windowSeconds = windowSeconds
        self.rows = rows
        self.accuracy = accuracy
        self.meanConfidence = meanConfidence
        self.psi = psi
    }

    public static let minimumPSIRows = 10

    public var windowCount: Int { rows.count }

    /// "1 min", "15 min", "1 h", "1 d": how the screens name a window.
    public var windowName: String { SnapshotWindows.name(seconds: windowSeconds) }

    /// The name of a window of `seconds`, as `windowName` gives it.
    public static func windowName(seconds: Double) -> String { SnapshotWindows.name(seconds: seconds) }
}

/// Quality of the last window with labelled rows against the one before it.
public struct QualityChange: Sendable, Equatable {
    public var current: QualityReport
    public var previous: QualityReport
    public var windowSeconds: Double

    public init(current: QualityReport, previous: QualityReport, windowSeconds: Double) {
        self.current = current
        self.previous = previous
        self.windowSeconds = windowSeconds
    }

    public var windowName: String { SnapshotWindows.name(seconds: windowSeconds) }
    public var accuracy: Double { current.accuracy - previous.accuracy }
    public var macroF1: Double { current.macro.f1 - previous.macro.f1 }
    public var balancedAccuracy: Double { current.balancedAccuracy - previous.balancedAccuracy }
}

/// The production `confidence` column in brief: mean and the share under `lowThreshold`.
public struct SnapshotConfidence: Sendable, Equatable {
    /// Confidence under this counts as low (the overview's "low-confidence share").
    public static let lowThreshold = 0.9

    public var count: Int
    public var mean: Double
    public var lowShare: Double

    public init(count: Int, mean: Double, lowShare: Double) {
        self.count = count
        self.mean = mean
        self.lowShare = lowShare
    }

    /// nil when no value is finite.
    public init?(_ values: [Double]) {
        var sum = 0.0, low = 0, count = 0
        for value in values where value.isFinite {
            sum += value
            count += 1
            if value < Self.lowThreshold { low += 1 }
        }
        guard count > 0 else { return nil }
        self.init(count: count, mean: sum / Double(count), lowShare: Double(low) / Double(count))
    }
}

/// Latency percentiles in milliseconds (numpy's linear interpolation).
public struct SnapshotLatency: Sendable, Equatable {
    public var count: Int
    public var p50: Double
    public var p95: Double
    public var p99: Double

    public init(count: Int, p50: Double, p95: Double, p99: Double) {
        self.count = count
        self.p50 = p50
        self.p95 = p95
        self.p99 = p99
    }

    /// nil when no value is finite.
    public init?(_ values: [Double]) {
        let sorted = values.withUnsafeBufferPointer { RadixSort.sortedFinite($0).sorted }
        guard !sorted.isEmpty else { return nil }
        self.init(
            count: sorted.count, p50: NumpyArithmetic.quantile(sorted: sorted, 0.5),
            p95: NumpyArithmetic.quantile(sorted: sorted, 0.95), p99: NumpyArithmetic.quantile(sorted: sorted, 0.99))
    }
}

/// Serving health from prediction logs: volume, errors, latency, per window.
public struct OperationsSnapshot: Sendable, Equatable {
    public struct Count: Sendable, Equatable {
        public var name: String
        public var count: Int
        public init(name: String, count: Int) {
            self.name = name
            self.count = count
        }
    }

    /// The directory of `*.jsonl` logs this came from.
    public var source: String
    public var requests: Int
    public var errors: Int
    public var latency: SnapshotLatency?
    public var lowConfidenceShare: Double?
    public var windowSeconds: Double
    public var requestsPerWindow: [Int]
    public var errorsPerWindow: [Int]
    /// NaN where a window has no requests.
    public var latencyP95PerWindow: [Double]
    public var modelVersions: [Count]
    public var topErrors: [Count]
    /// Accuracy on the requests whose feedback has arrived.
    public var measuredAccuracy: Double?
    /// Accuracy and macro F1 estimated without labels (CBPE) for the requests still waiting for feedback.
    public var estimatedAccuracy: Double?
    public var estimatedF1: Double?
    public var unlabelled = 0
    /// Expected calibration error of the confidences, where targets exist.
    public var ece: Double?
    /// 20 bins of top-class probability over [0, 1].
    public var confidenceHistogram: [Int] = []
    /// NaN where a window has no scored requests.
    public var lowConfidencePerWindow: [Double] = []

    public init(
        source: String, requests: Int, errors: Int, latency: SnapshotLatency?, lowConfidenceShare: Double?,
        windowSeconds: Double, requestsPerWindow: [Int], errorsPerWindow: [Int], latencyP95PerWindow: [Double],
        modelVersions: [Count], topErrors: [Count]
    ) {
        self.source = source
        self.requests = requests
        self.errors = errors
        self.latency = latency
        self.lowConfidenceShare = lowConfidenceShare
        self.windowSeconds = windowSeconds
        self.requestsPerWindow = requestsPerWindow
        self.errorsPerWindow = errorsPerWindow
        self.latencyP95PerWindow = latencyP95PerWindow
        self.modelVersions = modelVersions
        self.topErrors = topErrors
    }

    public var errorRate: Double { requests > 0 ? Double(errors) / Double(requests) : .nan }
}

/// Recent predictions with their inputs as images (digits), for eyeballing mistakes.
public struct SamplesSnapshot: Sendable, Equatable {
    public struct Sample: Sendable, Equatable {
        public var id: String
        public var target: String?
        public var prediction: String
        public var confidence: Double
        public var imageWidth: Int
        public var imageHeight: Int
        /// Grey levels 0 (background) to 255, row-major; empty when the log carried no pixels.
        public var pixels: [UInt8]
        /// The model's class probabilities, class k in column k; empty when not logged.
        public var probabilities: [Double]
        /// How long the request took, in milliseconds; nil when not logged.
        public var latencyMs: Double?
        /// When the request was served (its `ts`, seconds since the epoch); nil when unknown.
        public var time: Double?

        public init(
            id: String, target: String?, prediction: String, confidence: Double,
            imageWidth: Int, imageHeight: Int, pixels: [UInt8],
            probabilities: [Double] = [], latencyMs: Double? = nil, time: Double? = nil
        ) {
            self.id = id
            self.target = target
            self.prediction = prediction
            self.confidence = confidence
            self.imageWidth = imageWidth
            self.imageHeight = imageHeight
            self.pixels = pixels
            self.probabilities = probabilities
            self.latencyMs = latencyMs
            self.time = time
        }

        public var isMistake: Bool { target.map { $0 != prediction } ?? false }
    }

    public var samples: [Sample]
    public init(samples: [Sample]) { self.samples = samples }
}

/// A retrain in progress or finished, and the model versions to roll back to.
public struct RetrainSnapshot: Sendable, Equatable {
    public enum Phase: Sendable, Equatable {
        case idle
        /// `progress` in 0...1 when known.
        case running(step: String, progress: Double?)
        /// The run ended well; `version` is the model current afterwards ("" when a hook ran
        /// and the registry names none).
        case succeeded(version: String)
        case failed(message: String)
        case cancelled
    }

    public struct Version: Sendable, Equatable {
        public var name: String
        public var createdAt: Double
        public var accuracy: Double?
        public var active: Bool
        public init(name: String, createdAt: Double, accuracy: Double?, active: Bool) {
            self.name = name
            self.createdAt = createdAt
            self.accuracy = accuracy
            self.active = active
        }
    }

    /// What the built-in retrain decided: both models' holdout scores and the gate's verdict.
    public struct Outcome: Sendable, Equatable {
        public var champion: ModelRegistry.Score?
        public var challenger: ModelRegistry.Score
        public var promoted: Bool
        public var reason: String
        public init(champion: ModelRegistry.Score?, challenger: ModelRegistry.Score, promoted: Bool, reason: String) {
            self.champion = champion
            self.challenger = challenger
            self.promoted = promoted
            self.reason = reason
        }
    }

    public var phase: Phase
    /// The last lines the retrain process printed.
    public var log: [String]
    /// Newest first.
    public var versions: [Version]
    /// What runs or ran, as the user should read it ("built-in: modeltop retrain …", "hook: sh -c …").
    public var command: String?
    /// Set when the built-in retrain finished and printed its result.
    public var outcome: Outcome?
    /// Output lines printed but no longer kept (only the last lines are).
    public var droppedLines = 0
    /// The registry's decisions, newest first; they survive a restart because they are read from disk.
    public var history: [ModelRegistry.Entry] = []

    public init(
        phase: Phase, log: [String] = [], versions: [Version] = [], command: String? = nil, outcome: Outcome? = nil,
        history: [ModelRegistry.Entry] = []
    ) {
        self.phase = phase
        self.log = log
        self.versions = versions
        self.command = command
        self.outcome = outcome
        self.history = history
    }
}

/// The model being monitored.
public struct ModelInfo: Sendable, Equatable {
    public var version: String
    /// Seconds since the epoch of the last retrain the registry recorded (promoted or not).
    public var lastRetrainAt: Double?
    public init(version: String, lastRetrainAt: Double?) {
        self.version = version
        self.lastRetrainAt = lastRetrainAt
    }
}

/// One thing that needs attention, with a severity so monochrome screens can mark it in words.
public struct DashboardAlert: Sendable, Equatable {
    public enum Severity: Int, Sendable, Comparable {
        case info, warning, critical
        public static func < (a: Severity, b: Severity) -> Bool { a.rawValue < b.rawValue }
    }

    public var severity: Severity
    public var message: String

    public init(_ severity: Severity, _ message: String) {
        self.severity = severity
        self.message = message
    }

    /// A quality drop of at least this much against the previous window raises a warning.
    public static let qualityDropWarning = 0.05

    public static func derive(from snapshot: DashboardSnapshot) -> [DashboardAlert] {
        var alerts: [DashboardAlert] = []
        let drift = snapshot.report.drift
        if drift.datasetDrift {
            alerts.append(.init(.critical, "data drift: \(drift.drifted) of \(drift.dimensions.count) dimensions drifted"))
        } else if drift.drifted > 0 {
            alerts.append(.init(.warning, "\(drift.drifted) of \(drift.dimensions.count) dimensions drifted"))
        }
        if let change = snapshot.qualityChange {
            let window = SnapshotWindows.name(seconds: change.windowSeconds)
            for (name, delta) in [("accuracy", change.accuracy), ("macro F1", change.macroF1)]
            where delta <= -qualityDropWarning {
                alerts.append(.init(.warning, "\(name) fell \(ReportNumber.fixed(-delta, 4)) in the last \(window) window"))
            }
        }
        if let operations = snapshot.operations, operations.errors > 0 {
            alerts.append(.init(
                .warning, "\(operations.errors) failed requests (\(ReportNumber.fixed(operations.errorRate * 100, 1))%)"))
        }
        if case .failed(let message)? = snapshot.retrain?.phase {
            alerts.append(.init(.critical, "retrain failed: \(SafeText.inline(message))"))
        }
        let rejected = snapshot.report.rejectedRows
        if rejected > 0 { alerts.append(.init(.warning, "\(rejected) rows rejected (see modeltop report)")) }
        alerts += snapshot.report.notes.map { .init(.info, $0) }
        return alerts.sorted { $0.severity > $1.severity }
    }
}

/// Fixed-width time windows chosen to fit the span of the data in at most `maxWindows`.
struct SnapshotWindows: Sendable {
    static let maxWindows = 60
    /// Round widths people read at a glance: 1 min … 30 d.
    static let candidates: [Double] = [60, 300, 900, 1800, 3600, 10_800, 21_600, 43_200, 86_400, 604_800, 2_592_000]

    let start: Double
    let width: Double
    let count: Int

    /// nil when no timestamp is finite.
    static func choose(timestamps: [Double]) -> SnapshotWindows? {
        var low = Double.infinity, high = -Double.infinity
        for t in timestamps where t.isFinite {
            low = min(low, t)
            high = max(high, t)
        }
        guard low <= high else { return nil }
        // Windows start at the first timestamp, so the first one is full and appends never move them.
        for width in candidates {
            let count = Int(((high - low) / width).rounded(.down)) + 1
            if count <= maxWindows { return SnapshotWindows(start: low, width: width, count: count) }
        }
        let width = ((high - low) / Double(maxWindows - 1)).rounded(.up)
        return SnapshotWindows(start: low, width: width, count: min(maxWindows, Int(((high - low) / width).rounded(.down)) + 1))
    }

    /// The window of each row; -1 for rows without a finite timestamp.
    func assign(_ timestamps: [Double]) -> [Int32] {
        timestamps.map { t in
            guard t.isFinite else { return -1 }
            return Int32(min(count - 1, max(0, Int(((t - start) / width).rounded(.down)))))
        }
    }

    static func name(seconds: Double) -> String {
        if seconds >= 86_400, seconds.truncatingRemainder(dividingBy: 86_400) == 0 { return "\(Int(seconds / 86_400)) d" }
        if seconds >= 3600, seconds.truncatingRemainder(dividingBy: 3600) == 0 { return "\(Int(seconds / 3600)) h" }
        if seconds >= 60, seconds.truncatingRemainder(dividingBy: 60) == 0 { return "\(Int(seconds / 60)) min" }
        return "\(ReportNumber.general(seconds)) s"
    }
}

/// One pass over a production dimension: its histogram and its decile counts per window.
struct DimensionScan: Sendable {
    var histogram: DimensionHistogram
    var windowPSI: [Double]

    static func run(
        reference: ReferenceDimension, production: DimensionAccumulator, bins: Int, windows: [Int32]?, windowCount: Int
    ) -> DimensionScan {
        let values = production.values
        let (low, high) = values.withUnsafeBufferPointer { v in
            var low = reference.sorted.first ?? .infinity, high = reference.sorted.last ?? -.infinity
            for x in v where x.isFinite {
                if x < low { low = x }
                if x > high { high = x }
            }
            return (low, high)
        }
        guard low <= high else {
            let empty = [Double](repeating: 0, count: bins)
            return DimensionScan(
                histogram: DimensionHistogram(name: reference.name, lower: .nan, upper: .nan, reference: empty, production: empty),
                windowPSI: [Double](repeating: .nan, count: windowCount))
        }
        let scale = high > low ? Double(bins) / (high - low) : 0
        let last = bins - 1
        // Reference: sorted, so each bin's count is a difference of two searches.
        var referenceCounts = [Int](repeating: 0, count: bins)
        if scale == 0 {
            referenceCounts[bins / 2] = reference.sorted.count
        } else {
            var below = 0
            for k in 0..<last {
                let edge = low + Double(k + 1) / scale
                let next = NumpyArithmetic.countLess(reference.sorted, than: edge)
                referenceCounts[k] = next - below
                below = next
            }
            referenceCounts[last] = reference.sorted.count - below
        }
        var productionCounts = [Int](repeating: 0, count: bins)
        let edges = reference.quantileEdges
        let deciles = edges.count + 1
        var windowCounts = [Int](repeating: 0, count: windowCount * deciles)
        let rowWindows = windowCount > 0 && !edges.isEmpty ? (windows ?? []) : []
        if scale == 0 {
            productionCounts[bins / 2] = values.lazy.filter(\.isFinite).count
        }
        // One fused pass over fine cells (`finePerBin` per histogram bin): the cell gives the
        // histogram bin by a shift and, through `decileOfCell`, the decile without searching;
        // only the few cells an edge passes through compare against the edges.
        let finePerBin = 256, fineCells = bins * finePerBin
        let fineScale = scale * Double(finePerBin)
        let decileOfCell = Self.decileTable(edges: edges, low: low, cellWidth: scale == 0 ? 0 : 1 / fineScale, cells: fineCells)
        values.withUnsafeBufferPointer { v in
            edges.withUnsafeBufferPointer { e in
                rowWindows.withUnsafeBufferPointer { w in
                    decileOfCell.withUnsafeBufferPointer { table in
                        productionCounts.withUnsafeMutableBufferPointer { counts in
                            windowCounts.withUnsafeMutableBufferPointer { perWindow in
                                let windowed = min(v.count, w.count)
                                for i in 0..<v.count {
                                    let x = v[i]
                                    guard x.isFinite, scale > 0 else { continue }
                                    let cell = min(fineCells - 1, Int((x - low) * fineScale))
                                    counts[cell / finePerBin] += 1
                                    guard i < windowed, w[i] >= 0 else { continue }
                                    var k = Int(table[cell])
                                    if k < 0 {
                                        k = 0
                                        for edge in e where edge <= x { k += 1 }
                                    }
                                    perWindow[Int(w[i]) &* deciles &+ k] += 1
                                }
                            }
                        }
                    }
                }
            }
        }
        if scale == 0, !rowWindows.isEmpty {
            for (i, x) in values.enumerated() where i < rowWindows.count && rowWindows[i] >= 0 && x.isFinite {
                windowCounts[Int(rowWindows[i]) * deciles + QuantileBins.bin(of: x, edges: edges)] += 1
            }
        }
        let windowPSI = (0..<windowCount).map { w -> Double in
            let window = windowCounts[(w * deciles)..<((w + 1) * deciles)]
            guard window.reduce(0, +) >= DriftTimeline.minimumPSIRows else { return .nan }
            return PopulationStabilityIndex.quantile(
                referenceCounts: reference.quantileCounts,
                productionCounts: Array(window))
        }
        return DimensionScan(
            histogram: DimensionHistogram(
                name: reference.name, lower: low, upper: high,
                reference: shares(referenceCounts), production: shares(productionCounts)),
            windowPSI: windowPSI)
    }

    /// The decile of every value in each fine cell, or -1 where an edge lies in or near the cell.
    static func decileTable(edges: [Double], low: Double, cellWidth: Double, cells: Int) -> [Int8] {
        guard cellWidth > 0 else { return [] }
        guard edges.count < Int(Int8.max) else { return [Int8](repeating: -1, count: cells) }
        let margin = cellWidth * 1e-3
        var table = [Int8](repeating: -1, count: cells)
        for c in 0..<cells {
            let lower = low + Double(c) * cellWidth - margin, upper = low + Double(c + 1) * cellWidth + margin
            let below = QuantileBins.bin(of: lower, edges: edges)
            if below == QuantileBins.bin(of: upper, edges: edges) { table[c] = Int8(below) }
        }
        return table
    }

    static func shares(_ counts: [Int]) -> [Double] {
        let total = counts.reduce(0, +)
        return counts.map { total > 0 ? Double($0) / Double(total) : 0 }
    }
}

/// Rows, accuracy and confidence per window, and the last two labelled windows' quality.
struct WindowSeries {
    var rows: [Int]
    var accuracy: [Double]
    var meanConfidence: [Double]
    var change: QualityChange?

    static func compute(monitor: Monitor, windows: SnapshotWindows, rowWindows: [Int32]) -> WindowSeries {
        let n = windows.count
        var rows = [Int](repeating: 0, count: n)
        var labelled = [Int](repeating: 0, count: n), correct = [Int](repeating: 0, count: n)
        var confidenceSum = [Double](repeating: 0, count: n), confidenceCount = [Int](repeating: 0, count: n)
        let hasLabels = monitor.productionSchema.hasTarget && monitor.productionSchema.hasPrediction
        let labelRows = hasLabels ? min(rowWindows.count, monitor.target.count, monitor.prediction.count) : 0
        // Plain loops over local arrays: mutating captured arrays inside closures would cost an
        // exclusivity check per row.
        let target = monitor.target, prediction = monitor.prediction, confidenceColumn = monitor.confidence
        for i in 0..<rowWindows.count where rowWindows[i] >= 0 {
            let w = Int(rowWindows[i])
            rows[w] += 1
            if i < labelRows {
                labelled[w] += 1
                if target[i] == prediction[i] { correct[w] += 1 }
            }
            if i < confidenceColumn.count, confidenceColumn[i].isFinite {
                confidenceSum[w] += confidenceColumn[i]
                confidenceCount[w] += 1
            }
        }
        let accuracy = (0..<n).map { labelled[$0] > 0 ? Double(correct[$0]) / Double(labelled[$0]) : .nan }
        let confidence = (0..<n).map { confidenceCount[$0] > 0 ? confidenceSum[$0] / Double(confidenceCount[$0]) : .nan }
        let lastTwo = Array((0..<n).filter { labelled[$0] > 0 }.suffix(2))
        var change: QualityChange?
        if lastTwo.count == 2 {
            var matrices = [ConfusionMatrix(), ConfusionMatrix()]
            for i in 0..<labelRows {
                let w = Int(rowWindows[i])
                if let slot = lastTwo.firstIndex(of: w) {
                    matrices[slot].add(truth: Int(target[i]), predicted: Int(prediction[i]))
                }
            }
            if let previous = QualityReport.compute(matrices[0], labels: monitor.labels),
               let current = QualityReport.compute(matrices[1], labels: monitor.labels) {
                change = QualityChange(current: current, previous: previous, windowSeconds: windows.width)
            }
        }
        return WindowSeries(rows: rows, accuracy: accuracy, meanConfidence: confidence, change: change)
    }
}
