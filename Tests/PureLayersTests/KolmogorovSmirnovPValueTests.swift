import Foundation
import Testing
@testable import ModelTopStatistics

/// Golden p-values from scipy.stats.ks_2samp(method="auto"): `ks_pvalues_scipy.json` comes from
/// scripts/make_ks_goldens.py; `ks_pvalues.json` (another generator) is checked too when present.
struct KolmogorovSmirnovPValueTests {
    struct GoldenFile: Decodable {
        struct Case: Decodable {
            let n1: Int
            let n2: Int
            let d: Double
            let pvalue: Double
            let method: String
        }
        let cases: [Case]
    }

    static let relativeTolerance = 1e-6
    /// p-values below this compare in absolute terms.
    static let absoluteFloor = 1e-300

    static var goldensDirectory: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // PureLayersTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // package root
            .appendingPathComponent("fixtures/goldens", isDirectory: true)
    }

    static func load(_ name: String) throws -> [GoldenFile.Case]? {
        let url = goldensDirectory.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return try JSONDecoder().decode(GoldenFile.self, from: Data(contentsOf: url)).cases
    }

    static func expectedMethod(_ raw: String) -> KolmogorovSmirnovPValue.Method? {
        switch raw {
        case "exact": return .exact
        case "asymp", "asymptotic": return .asymptotic
        default: return nil
        }
    }

    /// Checks every case; returns the largest relative error per method for diagnostics.
    static func check(_ cases: [GoldenFile.Case], source: String) {
        var worst: [KolmogorovSmirnovPValue.Method: Double] = [:]
        for golden in cases {
            let label = "\(source): n1=\(golden.n1) n2=\(golden.n2) d=\(golden.d)"
            let result = KolmogorovSmirnovPValue.twoSided(statistic: golden.d, n1: golden.n1, n2: golden.n2)
            let method = expectedMethod(golden.method)
            #expect(method != nil, "unknown method \(golden.method) (\(label))")
            #expect(result.method == method, "method \(result.method) != \(golden.method) (\(label))")
            let error = abs(result.pValue - golden.pvalue)
            let scale = max(abs(golden.pvalue), absoluteFloor)
            let relative = error <= absoluteFloor ? 0 : error / scale
            worst[result.method] = max(worst[result.method] ?? 0, relative)
            #expect(
                relative <= relativeTolerance,
                "p \(result.pValue) vs scipy \(golden.pvalue), rel \(relative) (\(label))"
            )
        }
        let summary = worst.map { "\($0.key.rawValue): \($0.value)" }.sorted().joined(separator: ", ")
        print("[\(source)] \(cases.count) cases, max relative error \(summary)")
    }

    @Test func matchesOwnScipyGoldens() throws {
        let cases = try #require(try Self.load("ks_pvalues_scipy.json"), "run scripts/make_ks_goldens.py")
        #expect(cases.count >= 150)
        Self.check(cases, source: "ks_pvalues_scipy.json")
    }

    @Test func matchesSharedGoldensWhenPresent() throws {
        guard let cases = try Self.load("ks_pvalues.json") else { return }
        Self.check(cases, source: "ks_pvalues.json")
    }

    @Test func methodFollowsSizeSwitch() {
        #expect(KolmogorovSmirnovPValue.twoSided(statistic: 0.01, n1: 10_000, n2: 9_000).method == .exact)
        #expect(KolmogorovSmirnovPValue.twoSided(statistic: 0.01, n1: 10_001, n2: 50).method == .asymptotic)
    }

    @Test func edgeStatistics() {
        // D = 0 always has p = 1; completely separated samples give the smallest exact p.
        #expect(KolmogorovSmirnovPValue.twoSided(statistic: 0, n1: 7, n2: 13).pValue == 1)
        #expect(KolmogorovSmirnovPValue.twoSided(statistic: 0, n1: 20_000, n2: 60_000).pValue == 1)
        let separated = KolmogorovSmirnovPValue.twoSided(statistic: 1, n1: 3, n2: 3)
        #expect(abs(separated.pValue - 0.1) < 1e-15)  // 2 / C(6, 3)
        #expect(KolmogorovSmirnovPValue.twoSided(statistic: 1, n1: 20_000, n2: 60_000).pValue == 0)
    }

    @Test func invalidInputsGiveNaN() {
        #expect(KolmogorovSmirnovPValue.twoSided(statistic: 0.5, n1: 0, n2: 5).pValue.isNaN)
        #expect(KolmogorovSmirnovPValue.twoSided(statistic: .nan, n1: 5, n2: 5).pValue.isNaN)
    }

    @Test func symmetricInSampleOrder() {
        let a = KolmogorovSmirnovPValue.twoSided(statistic: 3.0 / 13.0, n1: 7, n2: 13)
        let b = KolmogorovSmirnovPValue.twoSided(statistic: 3.0 / 13.0, n1: 13, n2: 7)
        #expect(a.pValue == b.pValue)
        let c = KolmogorovSmirnovPValue.twoSided(statistic: 0.004, n1: 20_000, n2: 60_000)
        let d = KolmogorovSmirnovPValue.twoSided(statistic: 0.004, n1: 60_000, n2: 20_000)
        #expect(c.pValue == d.pValue)
    }
}
