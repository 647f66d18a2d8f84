import Foundation
import Testing

/// Runs the real `modeltop` binary the way a user or a CI job does.
@Suite struct ReportBinaryTests {
    @Test func reportOnDriftedFixturesExitsOne() throws {
        let result = try ModelTopBinary.run(["report", "--ref", "fixtures/digits/ref_data.csv", "--prod", "fixtures/digits/prod_data.csv"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("DATASET DRIFT"))
        #expect(result.stdout.contains("CONFUSION MATRIX"))
    }

    @Test func reportOnCleanFixturesExitsZero() throws {
        let result = try ModelTopBinary.run(["report", "--ref", "fixtures/digits/ref_data.csv", "--prod", "fixtures/digits/prod_clean.csv"])
        #expect(result.status == 0, "stdout: \(result.stdout)")
        #expect(result.stdout.contains("healthy"))
    }

    @Test func missingFileIsAClearErrorWithStatusTwo() throws {
        let result = try ModelTopBinary.run(["report", "--ref", "fixtures/digits/ref_data.csv", "--prod", "no/such.csv"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no/such.csv: cannot read: No such file or directory"))
    }

    @Test func unknownFlagIsAUsageErrorWithStatusTwo() throws {
        let result = try ModelTopBinary.run(["report", "--ref", "a.csv", "--prod", "b.csv", "--drift-test", "chi2"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--drift-test must be one of psi, ks, wasserstein"))
    }
}
