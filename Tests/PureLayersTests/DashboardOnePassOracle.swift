import ModelTopTables
@testable import ModelTopStatistics
@testable import ModelTopMonitor

// The dashboard's histograms, windows and summaries as they were computed before
// `DashboardScanCache`: one pass over every row per build. Kept here, unchanged but for the
// names, as an independent oracle for the cached path.

/// A snapshot made the one-pass way, for comparison with `DashboardSnapshot.build`.
func onePassSnapshot(monitor: Monitor, options: DriftOptions = DriftOptions(), generatedAt: Double = 0, histogramBins: Int = 24) -> DashboardSnapshot {
    let report = monitor.report(options: options)
    let windows = SnapshotWindows.choose(timestamps: monitor.timestamp)
    let rowWindows = windows.map { $0.assign(monitor.timestamp) }
    let bins = max(1, histogramBins)
    let perDimension = (0..<monitor.dimensions.count).map { d in
        OnePassScan.run(
            reference: monitor.reference.dimensions[d], production: monitor.dimensions[d],
            bins: bins, windows: rowWindows, windowCount: windows?.count ?? 0)
    }
    var snapshot = DashboardSnapshot(
        report: report, generatedAt: generatedAt, histograms: perDimension.map(\.histogram),
        confidence: onePassConfidence(monitor.confidence), latency: onePassLatency(monitor.latencyMs))
    if let windows, let rowWindows {
        let series = OnePassSeries.compute(monitor: monitor, windows: windows, rowWindows: rowWindows)
        snapshot.timeline = DriftTimeline(
            start: windows.start, windowSeconds: windows.width, rows: series.rows,
            accuracy: series.accuracy, meanConfidence: series.meanConfidence,
            psi: perDimension.map(\.windowPSI))
        snapshot.qualityChange = series.change
        // Reconstruction error per window, row by row in order.
        var tallies = [ReconstructionTally](repeating: ReconstructionTally(), count: windows.count)
        for (k, error) in monitor.reconstructionError.enumerated() where k < rowWindows.count && rowWindows[k] >= 0 {
            tallies[Int(rowWindows[k])].add(error)
        }
        if tallies.contains(where: { $0.count > 0 }) { snapshot.timeline?.reconstruction = tallies }
    }
    return snapshot
}

func onePassConfidence(_ values: [Double]) -> SnapshotConfidence? {
    var sum = 0.0, low = 0, count = 0
    for value in values where value.isFinite {
        sum += value
        count += 1
        if value < SnapshotConfidence.lowThreshold { low += 1 }
    }
    guard count > 0 else { return nil }
    return SnapshotConfidence(count: count, mean: sum / Double(count), lowShare: Double(low) / Double(count))
}

func onePassLatency(_ values: [Double]) -> SnapshotLatency? {
    let sorted = values.withUnsafeBufferPointer { RadixSort.sortedFinite($0).sorted }
    guard !sorted.isEmpty else { return nil }
    return SnapshotLatency(
        count: sorted.count, p50: NumpyArithmetic.quantile(sorted: sorted, 0.5),
        p95: NumpyArithmetic.quantile(sorted: sorted, 0.95), p99: NumpyArithmetic.quantile(sorted: sorted, 0.99))
}

/// One pass over a production dimension: its histogram and its decile counts per window.
struct OnePassScan: Sendable {
    var histogram: DimensionHistogram
    var windowPSI: [Double]

    static func run(
        reference: ReferenceDimension, production: DimensionAccumulator, bins: Int, windows: [Int32]?, windowCount: Int
    ) -> OnePassScan {
        let values = production.values
        // The layout: the reference's range doubled until it holds every production value.
        var layout = HistogramLayout(reference: reference, level: 0, bins: bins)
        guard !layout.isEmpty else {
            let empty = [Double](repeating: 0, count: bins)
            return OnePassScan(
                histogram: DimensionHistogram(name: reference.name, lower: .nan, upper: .nan, reference: empty, production: empty),
                windowPSI: [Double](repeating: .nan, count: windowCount))
        }
        var level = 0
        for x in values where x.isFinite {
            level = max(level, HistogramLayout.level(holding: layout.baseCell(x), fineCells: layout.fineCells))
        }
        layout = HistogramLayout(reference: reference, level: level, bins: bins)
        let low = layout.low, high = layout.high
        let referenceCounts = layout.referenceCounts
        var productionCounts = [Int](repeating: 0, count: bins)
        let edges = reference.quantileEdges
        let deciles = edges.count + 1
        var windowCounts = [Int](repeating: 0, count: windowCount * deciles)
        let rowWindows = windowCount > 0 && !edges.isEmpty ? (windows ?? []) : []
        for (i, x) in values.enumerated() where x.isFinite {
            productionCounts[layout.cell(level0: layout.baseCell(x)) / HistogramLayout.finePerBin] += 1
            guard i < rowWindows.count, rowWindows[i] >= 0 else { continue }
            windowCounts[Int(rowWindows[i]) * deciles + QuantileBins.bin(of: x, edges: edges)] += 1
        }
        let windowPSI = (0..<windowCount).map { w -> Double in
            let window = windowCounts[(w * deciles)..<((w + 1) * deciles)]
            guard window.reduce(0, +) >= DriftTimeline.minimumPSIRows else { return .nan }
            return PopulationStabilityIndex.quantile(
                referenceCounts: reference.quantileCounts,
                productionCounts: Array(window))
        }
        return OnePassScan(
            histogram: DimensionHistogram(
                name: reference.name, lower: low, upper: high,
                reference: HistogramLayout.shares(referenceCounts), production: HistogramLayout.shares(productionCounts)),
            windowPSI: windowPSI)
    }
}

/// Rows, accuracy and confidence per window, and the last two labelled windows' quality.
struct OnePassSeries {
    var rows: [Int]
    var accuracy: [Double]
    var meanConfidence: [Double]
    var change: QualityChange?

    static func compute(monitor: Monitor, windows: SnapshotWindows, rowWindows: [Int32]) -> OnePassSeries {
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
        return OnePassSeries(rows: rows, accuracy: accuracy, meanConfidence: confidence, change: change)
    }
}
