import Testing
@testable import ModelTopBase
@testable import ModelTopStatistics

/// Drift statistics against scipy (KS), numpy (quantile PSI) and Evidently (PSI, Wasserstein),
/// on edge cases: tiny samples, ties, constants, NaN/inf, categorical binning, huge ranges.
@Suite struct DriftGoldenTests {
    struct Case {
        var name: String
        var reference: [Double]
        var production: [Double]
        var expected: [String: Any]
    }

    static func cases() throws -> [Case] {
        let root = try Goldens.json("goldens/stat_cases.json")
        return (root["cases"] as? [[String: Any]] ?? []).map { entry in
            Case(
                name: entry["name"] as? String ?? "?",
                reference: Goldens.doubles(entry["reference"]),
                production: Goldens.doubles(entry["production"]),
                expected: entry)
        }
    }

    static func measure(_ c: Case, binning: PSIBinning) -> DimensionDrift {
        let reference = ReferenceDimension(name: c.name, values: c.reference)
        var production = DimensionAccumulator()
        production.append(contentsOf: c.production)
        return DimensionDrift.measure(reference: reference, production: production, binning: binning)
    }

    @Test func thereAreEnoughCases() throws {
        #expect(try Self.cases().count >= 20)
    }

    @Test func everyCaseMatchesTheGoldens() throws {
        for c in try Self.cases() {
            let drift = Self.measure(c, binning: .quantile)
            let e = c.expected
            #expect(drift.nonFiniteReference == e["nonfinite_reference"] as? Int, "\(c.name): non-finite reference count")
            #expect(drift.nonFiniteProduction == e["nonfinite_production"] as? Int, "\(c.name): non-finite production count")
            if let d = Goldens.double(e["ks_statistic"]) {
                expectClose(drift.ksStatistic, d, relative: 1e-9, "\(c.name) KS D")
            }
            if let p = Goldens.double(e["ks_pvalue"]) {
                expectClose(drift.ksPValue, p, relative: 1e-6, "\(c.name) KS p")
            }
            if let psi = Goldens.double(e["psi"]) {
                expectClose(drift.psi, psi, relative: 1e-9, "\(c.name) PSI (quantile)")
            }
            if let w = Goldens.double(e["wasserstein_norm"]) {
                expectClose(drift.wassersteinNorm, w, relative: 1e-9, "\(c.name) Wasserstein (normed)")
            }
        }
    }

    @Test func evidentlyBinningMatchesEvidently() throws {
        var compared = 0
        for c in try Self.cases() {
            guard let expected = Goldens.double(c.expected["psi_evidently"]) else { continue }
            let drift = Self.measure(c, binning: .evidently)
            expectClose(drift.psi, expected, relative: 1e-9, "\(c.name) PSI (Evidently)")
            compared += 1
        }
        #expect(compared >= 20)
    }

    @Test func emptySamplesGiveNoNumbersRatherThanACrash() {
        let reference = ReferenceDimension(name: "x", values: [.nan, .infinity])
        var production = DimensionAccumulator()
        production.append(contentsOf: [1, 2, 3])
        let drift = DimensionDrift.measure(reference: reference, production: production, binning: .quantile)
        #expect(drift.psi.isNaN && drift.ksStatistic.isNaN && drift.wassersteinNorm.isNaN)
        #expect(drift.nonFiniteReference == 2)
        let report = DriftReport.judged([drift], options: DriftOptions())
        #expect(report.drifted == 0 && !report.datasetDrift)
    }

    @Test func benjaminiHochbergMatchesScipyOnTheDigitsReport() throws {
        let golden = try Goldens.json("goldens/digits_report.json")
        let dimensions = (golden["drift"] as? [String: Any])?["dimensions"] as? [[String: Any]] ?? []
        let raw = dimensions.compactMap { Goldens.double($0["ks_pvalue"]) }
        let adjusted = BenjaminiHochberg.adjust(raw)
        #expect(raw.count == 16)
        for (k, dimension) in dimensions.enumerated() {
            expectClose(adjusted[k], Goldens.double(dimension["ks_pvalue_bh"]) ?? .nan, relative: 1e-12, "BH p of dim \(k)")
        }
    }

    @Test func benjaminiHochbergKeepsNaNOutOfTheFamily() {
        let adjusted = BenjaminiHochberg.adjust([0.01, .nan, 0.04])
        #expect(adjusted[1].isNaN)
        #expect(adjusted[0] == 0.02 && adjusted[2] == 0.04)
    }

    @Test func radixSortAgreesWithTheStandardLibrary() {
        var generator = SystemRandomNumberGenerator()
        var values = (0..<5000).map { _ in Double.random(in: -1e6...1e6, using: &generator) }
        values += [0, -0.0, .leastNonzeroMagnitude * 3, -.leastNonzeroMagnitude * 3, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 3, 3, 3]
        let (sorted, nonFinite) = RadixSort.sortedFinite(segments: [Array(values[0..<100]), Array(values[100...]), [.nan, .infinity]])
        #expect(nonFinite == 2)
        #expect(sorted.count == values.count)
        #expect(zip(sorted, values.sorted()).allSatisfy { $0 == $1 })
    }

    /// Keys equal in their top bytes go to the final run sort: short runs by comparison, a long
    /// one (a narrow feature far from zero: every value in one run) by passes over the low bytes.
    @Test func radixSortOrdersRunsThatShareTheirHighBytes() {
        var generator = SeededGenerator(seed: 42)
        let narrow = (0..<20_000).map { _ in 1000 + Double(Int.random(in: 0..<1_000_000, using: &generator)) * 1e-12 }
        let mixed = (0..<20_000).map { k in k % 3 == 0 ? narrow[k] : Double.random(in: -2...2, using: &generator) }
        let pairs = (0..<5_000).flatMap { _ -> [Double] in
            let x = Double.random(in: 1...2, using: &generator)
            return [x, x.nextUp, x.nextDown, x]
        }
        for values in [narrow, mixed, pairs] {
            #expect(RadixSort.sorted(values) == values.sorted())
        }
    }
}
