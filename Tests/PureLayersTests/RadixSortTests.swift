import Foundation
import Testing
@testable import ModelTopBase
@testable import ModelTopStatistics

/// The sort behind every drift statistic: its fitted-key path, each way it falls back, and the
/// reusable workspace must all give exactly the order of `RadixSort.key` (−0 before +0).
@Suite struct RadixSortTests {
    /// The oracle: the standard library's sort on the order-preserving bit patterns.
    static func expected(_ segments: [[Double]]) -> [UInt64] {
        segments.joined().filter(\.isFinite).sorted { RadixSort.key($0) < RadixSort.key($1) }.map(\.bitPattern)
    }

    static func check(_ segments: [[Double]], _ label: String, workspace: SortWorkspace = SortWorkspace()) {
        let oracle = expected(segments)
        let nonFinite = segments.joined().count - oracle.count
        let fresh = RadixSort.sortedFinite(segments: segments)
        #expect(fresh.sorted.map(\.bitPattern) == oracle, "\(label): sortedFinite")
        #expect(fresh.nonFinite == nonFinite, "\(label): non-finite count")
        let reused = RadixSort.sortFinite(segments: segments, in: workspace)
        #expect(reused.sorted.map(\.bitPattern) == oracle, "\(label): in a workspace")
        #expect(reused.nonFinite == nonFinite, "\(label): non-finite count in a workspace")
    }

    static func normal(_ count: Int, _ generator: inout SeededGenerator, decimals: Double = 1e6) -> [Double] {
        (0..<count).map { _ in
            let u = Double.random(in: .leastNonzeroMagnitude..<1, using: &generator)
            let v = Double.random(in: 0..<1, using: &generator)
            return ((-2 * log(u)).squareRoot() * cos(2 * .pi * v) * decimals).rounded() / decimals
        }
    }

    @Test func embeddingLikeColumnsInManySegments() {
        var generator = SeededGenerator(seed: 7)
        let column = Self.normal(60_000, &generator)
        Self.check(stride(from: 0, to: column.count, by: 997).map { Array(column[$0..<min($0 + 997, column.count)]) }, "normal")
        // Printed with one decimal: every key shared by hundreds of equal values.
        Self.check([Self.normal(50_000, &generator, decimals: 10)], "coarse")
    }

    @Test func zerosOfBothSignsAndNonFiniteValues() {
        var generator = SeededGenerator(seed: 8)
        var values = Self.normal(5_000, &generator)
        for k in stride(from: 0, to: values.count, by: 3) { values[k] = k % 2 == 0 ? -0.0 : 0.0 }
        Self.check([values, [.nan, -.infinity, .infinity], [], [-0.0, 0.0, .nan]], "signed zeros")
    }

    /// One far outlier squeezes the rest into one key: insertion runs out of budget and the
    /// bit-pattern sort takes over.
    @Test func aFarOutlierFallsBackToTheBitPatternSort() {
        var generator = SeededGenerator(seed: 9)
        Self.check([Self.normal(20_000, &generator) + [1e300]], "outlier")
        Self.check([Self.normal(20_000, &generator) + [-1e300, 1e-300, -1e-300]], "outliers both sides")
    }

    @Test func spansBeyondADoubleConstantColumnsAndFewValues() {
        var generator = SeededGenerator(seed: 10)
        Self.check([[.greatestFiniteMagnitude, -.greatestFiniteMagnitude] + Self.normal(1_000, &generator)], "span overflows")
        Self.check([[Double](repeating: 2.5, count: 3_000)], "constant")
        Self.check([[3, 1, 2], [-1]], "four values")
        Self.check([Self.normal(255, &generator)], "just under the radix threshold")
        Self.check([], "no segments")
        Self.check([[.nan, .nan]], "only NaN")
    }

    /// Neighbouring doubles (a narrow feature far from zero) share fitted keys.
    @Test func neighbouringDoublesAndSubnormals() {
        var generator = SeededGenerator(seed: 11)
        let pairs = (0..<5_000).flatMap { _ -> [Double] in
            let x = Double.random(in: 1000...1000.001, using: &generator)
            return [x, x.nextUp, x.nextDown, x]
        }
        Self.check([pairs], "neighbours")
        let tiny = (0..<5_000).map { (k: Int) -> Double in
            let magnitude = Double(k % 97) * Double.leastNonzeroMagnitude
            return k % 2 == 0 ? magnitude : -magnitude
        }
        Self.check([tiny], "subnormals")
    }

    @Test func aWorkspaceIsReusedAcrossSizes() {
        var generator = SeededGenerator(seed: 12)
        let workspace = SortWorkspace()
        for count in [50_000, 300, 80_000, 5_000, 80_000] {
            Self.check([Self.normal(count, &generator)], "\(count) values", workspace: workspace)
        }
    }
}
