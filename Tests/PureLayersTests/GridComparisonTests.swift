import Testing
@testable import ModelTopBase
@testable import ModelTopStatistics

/// The grid walk against the direct merge of both sorted samples, on random data built to make
/// ties, crossings inside gaps, values outside the reference's range and PSI edges between values.
@Suite struct GridComparisonTests {
    /// One random sample: a few distributions and roundings, so values often repeat.
    static func sample(_ count: Int, shift: Double, _ generator: inout SeededGenerator) -> [Double] {
        let rounding = [1.0, 10.0, 1000.0, 0][Int.random(in: 0..<4, using: &generator)]
        return (0..<count).map { _ in
            let value = Double.random(in: -3...3, using: &generator) * Double.random(in: 0...1, using: &generator) + shift
            return rounding > 0 ? (value * rounding).rounded() / rounding : value
        }
    }

    static func measure(_ reference: [Double], _ production: [Double], split: Int, keepingSorted: Bool) -> (DimensionDrift, ECDFComparison.Result) {
        let dimension = ReferenceDimension(name: "x", values: reference)
        var accumulator = DimensionAccumulator()
        // Appended in two parts with a catch-up between, as watch mode does (which also keeps the
        // first part sorted, and finds crossing values there by binary search).
        accumulator.append(contentsOf: Array(production.prefix(split)))
        accumulator.catchUp(grid: dimension.grid, keepingSorted: keepingSorted)
        accumulator.append(contentsOf: Array(production.dropFirst(split)))
        let drift = DimensionDrift.measure(reference: dimension, production: accumulator, binning: .quantile)
        let oracle = ECDFComparison.compare(sorted: dimension.sorted, sorted: production.filter(\.isFinite).sorted())
        return (drift, oracle)
    }

    @Test func agreesWithTheDirectMergeOnRandomSamples() {
        var generator = SeededGenerator(seed: 20261122)
        for round in 0..<400 {
            let n1 = Int.random(in: 1...300, using: &generator), n2 = Int.random(in: 1...400, using: &generator)
            let reference = Self.sample(n1, shift: 0, &generator)
            var production = Self.sample(n2, shift: Double.random(in: -1...1, using: &generator), &generator)
            if round % 7 == 0 { production.append(contentsOf: [.nan, .infinity]) }
            if round % 5 == 0 { production.append(contentsOf: reference.prefix(20)) }
            let (drift, oracle) = Self.measure(
                reference, production, split: Int.random(in: 0...production.count, using: &generator), keepingSorted: round % 2 == 0)
            #expect(drift.ksStatistic == oracle.ksStatistic, "round \(round): KS")
            let norm = max(NumpyArithmetic.populationStandardDeviation(reference.sorted()), 0.001)
            let expected = oracle.wasserstein / norm
            #expect(abs(drift.wassersteinNorm - expected) <= 1e-12 * max(1, abs(expected)), "round \(round): Wasserstein \(drift.wassersteinNorm) vs \(expected)")
            let edges = ReferenceDimension(name: "x", values: reference).quantileEdges
            #expect(drift.psi == PopulationStabilityIndex.quantile(
                referenceCounts: QuantileBins.counts(sorted: reference.sorted(), edges: edges),
                productionCounts: QuantileBins.counts(sorted: production.filter(\.isFinite).sorted(), edges: edges)),
                "round \(round): PSI")
        }
    }

    @Test func locatesEveryValueOnItsSplitOrGap() {
        let grid = ReferenceGrid(sorted: [-2, -1, -1, 0, 0.5, 3], edges: [0.25])
        #expect(grid.splits == [-2, -1, 0, 0.25, 0.5, 3])
        #expect(grid.referenceAtOrBelow == [1, 3, 4, 4, 5, 6])
        #expect(grid.edgeSplits == [3])
        let expected: [(Double, Int)] = [(-5, 0), (-2, 1), (-1.5, 2), (-1, 3), (-0.0, 5), (0.1, 6), (0.25, 7), (0.3, 8), (2, 10), (3, 11), (4, 12)]
        for (value, code) in expected { #expect(grid.locate(value) == code, "\(value)") }
    }

    @Test func crowdedCellsAndHugeRangesStillLocateExactly() {
        // Almost everything in one cell, and a span that overflows to infinity.
        let clustered = (0..<1000).map { 1 + Double($0) * 1e-12 } + [1e6]
        let grid = ReferenceGrid(sorted: clustered, edges: [])
        for k in stride(from: 0, to: 1000, by: 37) {
            #expect(grid.locate(clustered[k]) == 2 * k + 1)
            #expect(grid.locate(clustered[k] + 5e-13) == 2 * k + 2)
        }
        let wide = ReferenceGrid(sorted: [-1.7e308, 0, 1.7e308], edges: [])
        #expect(wide.locate(1) == 4)
        #expect(wide.locate(-1) == 2)
    }
}
