import ModelTopStatistics
import ModelTopMonitor

/// The rows a screen's list shows after its filter and sort, as indices into the snapshot.
///
/// The reducer (to clamp selections) and the screens (to draw) both use this, so what is
/// selected is always what is drawn.
enum ListRows {
    static func visible(
        _ screen: Screen, snapshot: DashboardSnapshot, list: DashboardState.ListState, sampleFilter: SampleFilter
    ) -> [Int] {
        switch screen {
        case .drift: return DriftRows.visible(snapshot.report.drift.dimensions, list: list)
        case .quality: return QualityRows.visible(snapshot.report.quality?.classes ?? [], list: list)
        case .samples:
            let samples = snapshot.samples?.samples ?? []
            let low = snapshot.samples?.lowConfidence ?? SnapshotConfidence.lowThreshold
            return samples.indices.filter { k in
                (matches(list.filter, samples[k].id) || matches(list.filter, samples[k].prediction)
                    || matches(list.filter, samples[k].target ?? "")) && sampleFilter.matches(samples[k], lowBelow: low)
            }
        case .retrain: return Array((snapshot.retrain?.versions ?? []).indices)
        case .overview, .operations, .alerts: return []
        }
    }

    static func count(
        _ screen: Screen, snapshot: DashboardSnapshot, list: DashboardState.ListState, sampleFilter: SampleFilter
    ) -> Int {
        visible(screen, snapshot: snapshot, list: list, sampleFilter: sampleFilter).count
    }

    /// The rows of `screen` as the user sees them now: its list state and, on Samples, the
    /// sample filter.
    static func visible(_ screen: Screen, snapshot: DashboardSnapshot, state: DashboardState) -> [Int] {
        visible(screen, snapshot: snapshot, list: state.list(screen), sampleFilter: state.samplesFilter)
    }

    /// Case-insensitive substring match; an empty filter matches everything.
    static func matches(_ filter: String, _ text: String) -> Bool {
        filter.isEmpty || text.lowercased().contains(filter.lowercased())
    }
}

/// Sorting and filtering the drift table's dimensions.
enum DriftRows {
    /// Column titles in table order; sort indices refer to these.
    static let columns = ["dimension", "PSI", "KS D", "KS p", "KS p (BH)", "Wasserstein", "verdict"]
    static let defaultSort = 1

    static func visible(_ dimensions: [DimensionDrift], list: DashboardState.ListState) -> [Int] {
        let kept = dimensions.indices.filter { ListRows.matches(list.filter, dimensions[$0].name) }
        let column = list.sort.column
        return kept.sorted { a, b in
            let order = compare(dimensions[a], dimensions[b], column: column)
            if order == 0 { return a < b }
            return list.sort.descending ? order > 0 : order < 0
        }
    }

    /// -1, 0 or 1; NaN sorts below every number so "no data" sinks in descending order.
    static func compare(_ a: DimensionDrift, _ b: DimensionDrift, column: Int) -> Int {
        switch column {
        case 0: return a.name == b.name ? 0 : (a.name < b.name ? -1 : 1)
        case 1: return numeric(a.psi, b.psi)
        case 2: return numeric(a.ksStatistic, b.ksStatistic)
        case 3: return numeric(a.ksPValue, b.ksPValue)
        case 4: return numeric(a.ksPValueAdjusted, b.ksPValueAdjusted)
        case 5: return numeric(a.wassersteinNorm, b.wassersteinNorm)
        default: return a.drifted == b.drifted ? 0 : (a.drifted ? 1 : -1)
        }
    }

    static func numeric(_ a: Double, _ b: Double) -> Int {
        switch (a.isNaN, b.isNaN) {
        case (true, true): return 0
        case (true, false): return -1
        case (false, true): return 1
        default: return a == b ? 0 : (a < b ? -1 : 1)
        }
    }

    /// Which way a column sorts first: p-values and names ascending, the rest worst first.
    static func descendingFirst(_ column: Int) -> Bool { !(column == 0 || column == 3 || column == 4) }
}

/// Sorting and filtering the quality screen's classes.
enum QualityRows {
    static let columns = ["class", "precision", "recall", "F1", "support"]

    static func visible(_ classes: [QualityReport.ClassMetrics], list: DashboardState.ListState) -> [Int] {
        let kept = classes.indices.filter { ListRows.matches(list.filter, classes[$0].label) }
        func key(_ k: Int) -> Double {
            let c = classes[k]
            switch list.sort.column {
            case 1: return c.precision
            case 2: return c.recall
            case 3: return c.f1
            case 4: return Double(c.support)
            default: return Double(k)
            }
        }
        return kept.sorted { a, b in
            let order = DriftRows.numeric(key(a), key(b))
            if order == 0 { return a < b }
            return list.sort.descending ? order > 0 : order < 0
        }
    }

    static func descendingFirst(_ column: Int) -> Bool { column == 4 }
}
