/// Is the served model as sure of production as of the reference? A two-sample Kolmogorov–Smirnov
/// test on its confidence (the top-class probability): production's from the prediction logs, the
/// reference's from the same model scoring the reference rows. alibi-detect's
/// `ClassifierUncertaintyDrift` asks this (there on entropy; the top probability is what the logs
/// and the Samples screen show). A model trained on these very reference rows is surer of them
/// than of new rows, which this test would read as drift; on the digits fixture the fixtures'
/// model gives clean production p 0.66 all the same, and the drifted set p 1e-34.
package struct UncertaintyDrift: Sendable, Equatable {
    package var statistic: Double
    package var pValue: Double
    package var referenceRows: Int
    package var productionRows: Int
    package var referenceMean: Double
    package var productionMean: Double
    /// Which model scored the reference ("champion v3 (current)").
    package var model: String

    package static let significance = 0.05

    package var drifted: Bool { pValue < Self.significance }

    /// nil when either side has no finite confidence.
    package static func measure(reference: [Double], production: [Double], model: String) -> UncertaintyDrift? {
        let x = reference.filter(\.isFinite).sorted(), y = production.filter(\.isFinite).sorted()
        guard !x.isEmpty, !y.isEmpty else { return nil }
        // sup |F_x − F_y| over the pooled values, ties stepped over together (scipy's ks_2samp).
        var i = 0, j = 0, d = 0.0
        while i < x.count || j < y.count {
            let value = Swift.min(i < x.count ? x[i] : .infinity, j < y.count ? y[j] : .infinity)
            while i < x.count, x[i] == value { i += 1 }
            while j < y.count, y[j] == value { j += 1 }
            d = Swift.max(d, abs(Double(i) / Double(x.count) - Double(j) / Double(y.count)))
        }
        let p = KolmogorovSmirnovPValue.twoSided(statistic: d, n1: x.count, n2: y.count).pValue
        return UncertaintyDrift(
            statistic: d, pValue: p, referenceRows: x.count, productionRows: y.count,
            referenceMean: x.reduce(0, +) / Double(x.count), productionMean: y.reduce(0, +) / Double(y.count), model: model)
    }
}
