import Testing
@testable import ModelTopBase
@testable import ModelTopStatistics
@testable import ModelTopLogs

/// The building blocks of the operations report on small cases worked out by hand or with
/// numpy / scikit-learn.
@Suite struct OperationsStatisticsTests {
    @Test func percentilesMatchNumpy() throws {
        let root = try Goldens.json("goldens/logs_percentiles.json")
        let cases = root["cases"] as? [[String: Any]] ?? []
        #expect(cases.count == 5)
        for c in cases {
            let name = c["name"] as? String ?? "?"
            let summary = try #require(LatencySummary.compute(Goldens.doubles(c["values"])), "\(name)")
            for (key, value) in [("mean", summary.mean), ("p50", summary.p50), ("p90", summary.p90), ("p95", summary.p95),
                                 ("p99", summary.p99), ("p999", summary.p999), ("max", summary.max)] {
                expectClose(value, Goldens.double(c[key]) ?? .nan, relative: 1e-12, "\(name) \(key)")
            }
        }
    }

    @Test func latencySummaryIgnoresMissingValues() {
        #expect(LatencySummary.compute([.nan, .nan]) == nil)
        #expect(LatencySummary.compute([.nan, 4, .nan])?.p99 == 4)
    }

    @Test func streamingPairwiseSumIsNumpysSum() {
        var generator = SeededGenerator(seed: 7)
        for n in [0, 1, 7, 8, 9, 127, 128, 129, 255, 256, 1000, 4099, 70_001] {
            let values = (0..<n).map { _ in generator.nextDouble() * 1e3 - 300 }
            var streaming = PairwiseSum(count: n)
            for value in values { streaming.add(value) }
            #expect(streaming.value.bitPattern == NumpyArithmetic.sum(values).bitPattern, "n = \(n)")
        }
    }

    @Test func isotonicPoolsTiesInXLikeScikitLearn() throws {
        let fit = try #require(IsotonicRegression(x: [1, 2, 2, 2, 3, 4, 4, 5], y: [1, 3, 0, 2, 1, 5, 4, 6]))
        #expect(fit.thresholds == [1, 2, 3, 4, 5])
        #expect(fit.values == [1, 1.5, 1.5, 4.5, 6])
        let queries: [Double] = [0, 1, 2, 2.5, 3, 3.5, 4, 4.5, 5, 6]
        #expect(queries.map(fit.predict) == [1, 1, 1.5, 1.5, 1.5, 3, 4.5, 5.25, 6, 6])
    }

    @Test func isotonicFlattensDecreasingData() throws {
        let fit = try #require(IsotonicRegression(x: [1, 2, 3, 4, 5], y: [5, 4, 3, 2, 1]))
        #expect(fit.thresholds == [1, 5])
        #expect(fit.values == [3, 3])
        #expect([0.0, 1, 3, 5, 9].map(fit.predict) == [3, 3, 3, 3, 3])
    }

    @Test func isotonicOfOnePointIsConstant() throws {
        let fit = try #require(IsotonicRegression(x: [2.5], y: [0.7]))
        #expect([0.0, 2.5, 3].map(fit.predict) == [0.7, 0.7, 0.7])
        #expect(IsotonicRegression(x: [], y: []) == nil)
    }

    @Test func binaryIsotonicMergesNearlyEqualXAndClips() throws {
        let x: [Double] = [0.1, 0.2, 0.2, 0.3, 0.35, 0.5, 0.6, 0.6, 0.9, 1e-17, 5e-16]
        let y: [Double] = [0, 1, 0, 0, 1, 0, 1, 1, 1, 0, 1]
        let general = try #require(IsotonicRegression(x: x, y: y, yMin: 0, yMax: 1))
        let binary = try #require(IsotonicRegression(
            sortedNegatives: zip(x, y).filter { $0.1 == 0 }.map(\.0).sorted(),
            sortedPositives: zip(x, y).filter { $0.1 == 1 }.map(\.0).sorted(), yMin: 0, yMax: 1))
        #expect(general == binary)
        // scikit-learn 1.9.1: X_thresholds_ and predict() of the same fit.
        #expect(general.thresholds == [1e-17, 0.3, 0.35, 0.5, 0.6, 0.9])
        #expect(general.values == [1.0 / 3, 1.0 / 3, 0.5, 0.5, 1, 1])
        let queries: [Double] = [0, 1e-16, 0.15, 0.2, 0.25, 0.3, 0.4, 0.55, 0.6, 0.7, 0.95, 1]
        let expected: [Double] = [1.0 / 3, 1.0 / 3, 1.0 / 3, 1.0 / 3, 1.0 / 3, 1.0 / 3, 0.5, 0.7500000000000002, 1, 1, 1, 1]
        #expect(queries.map(general.predict) == expected)
    }

    @Test func bucketedSearchAgreesWithAPlainScan() throws {
        var generator = SeededGenerator(seed: 3)
        let x = (0..<5_000).map { _ in generator.nextDouble() * generator.nextDouble() }
        let y = x.map { generator.nextDouble() < $0 ? 1.0 : 0.0 }
        let fit = try #require(IsotonicRegression(x: x, y: y, yMin: 0, yMax: 1))
        #expect(fit.thresholds.count > 20)
        let queries = (0..<3_000).map { _ in generator.nextDouble() * 1.1 - 0.05 } + fit.thresholds
        for t in queries {
            let clipped = min(max(t, fit.thresholds[0]), fit.thresholds[fit.thresholds.count - 1])
            let j = (fit.thresholds.lastIndex { $0 <= clipped }) ?? 0
            let expected = j == fit.thresholds.count - 1 || fit.thresholds[j] == clipped ? fit.values[j]
                : (fit.values[j + 1] - fit.values[j]) / (fit.thresholds[j + 1] - fit.thresholds[j]) * (clipped - fit.thresholds[j]) + fit.values[j]
            #expect(fit.predict(t).bitPattern == expected.bitPattern, "t = \(t)")
        }
    }

    @Test func statusClassesFollowTheContract() {
        let counts = StatusCounts(statuses: [0, 200, 204, 301, 404, 429, 500, 503, 600])
        #expect(counts.success == 3 && counts.clientError == 2 && counts.serverError == 2 && counts.other == 2)
        #expect(counts.errorRate == 4.0 / 9)
    }

    @Test func confidenceBinsUseNumpysEdges() {
        #expect(ConfidenceSummary.bin(of: 0) == 0)
        #expect(ConfidenceSummary.bin(of: 0.15) == 2)  // numpy's edge 3 is 0.15000000000000002
        #expect(ConfidenceSummary.bin(of: 0.15000000000000002) == 3)
        #expect(ConfidenceSummary.bin(of: 0.95) == 18)
        #expect(ConfidenceSummary.bin(of: 1) == 19)
    }
}

/// Uniform draws in [0, 1) on Core's seeded generator, so the tests need no global random state.
extension SeededGenerator {
    mutating func nextDouble() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
