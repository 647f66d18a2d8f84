import ModelTopBase

/// Drift over every embedding dimension, with per-dimension verdicts and the data set's.
package struct DriftReport: Sendable, Equatable {
    package var options: DriftOptions
    package var dimensions: [DimensionDrift]
    package var drifted: Int
    /// Drifted dimensions / dimensions with data.
    package var share: Double
    package var datasetDrift: Bool

    /// Measures every dimension (in parallel), adjusts the KS p-values and applies the verdicts.
    /// - Parameter details: per dimension, what a second read found (streamed production only).
    package static func compute(
        reference: [ReferenceDimension], production: [DimensionAccumulator], options: DriftOptions,
        details: [ProductionDetail]? = nil
    ) -> DriftReport {
        precondition(reference.count == production.count, "one accumulator per reference dimension")
        var dimensions = ParallelMap.map(count: reference.count, perWorker: { SortWorkspace() }) { d, workspace in
            DimensionDrift.measure(
                reference: reference[d], production: production[d], binning: options.psiBinning, workspace: workspace,
                detail: details?[d])
        }
        let adjusted = BenjaminiHochberg.adjust(dimensions.map(\.ksPValue))
        for d in dimensions.indices { dimensions[d].ksPValueAdjusted = adjusted[d] }
        return judged(dimensions, options: options)
    }

    /// Applies `options`' verdict rule to measured dimensions.
    package static func judged(_ measured: [DimensionDrift], options: DriftOptions) -> DriftReport {
        var dimensions = measured
        var drifted = 0, tested = 0
        for d in dimensions.indices {
            let dimension = dimensions[d]
            let verdict: Bool?
            switch options.test {
            case .psi:
                verdict = dimension.psi.isNaN ? nil : dimension.psi >= options.threshold
            case .ks:
                let p = options.adjustKS ? dimension.ksPValueAdjusted : dimension.ksPValue
                verdict = p.isNaN ? nil : p < options.threshold
            case .wasserstein:
                verdict = dimension.wassersteinNorm.isNaN ? nil : dimension.wassersteinNorm >= options.threshold
            }
            dimensions[d].drifted = verdict ?? false
            if let verdict {
                tested += 1
                if verdict { drifted += 1 }
            }
        }
        let share = tested > 0 ? Double(drifted) / Double(tested) : 0
        return DriftReport(
            options: options, dimensions: dimensions, drifted: drifted, share: share,
            datasetDrift: tested > 0 && share >= options.driftShare)
    }
}
