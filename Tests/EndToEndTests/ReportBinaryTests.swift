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

    @Test func logsAddOperationsThatMatchTheGolden() throws {
        let result = try ModelTopBinary.run([
            "report", "--ref", "fixtures/digits/ref_data.csv", "--prod", "fixtures/digits/prod_clean.csv",
            "--logs", "fixtures/logs", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
        let operations = report["operations"] as? [String: Any] ?? [:]
        let goldenURL = ModelTopBinary.packageRoot.appendingPathComponent("fixtures/goldens/logs_report.json")
        let golden = try JSONSerialization.jsonObject(with: Data(contentsOf: goldenURL)) as? [String: Any] ?? [:]
        let expected = golden["operations"] as? [String: Any] ?? [:]
        #expect(operations["requests"] as? Int == 3000)
        #expect(operations["requests"] as? Int == expected["requests"] as? Int)
        #expect(operations["error_rate"] as? Double == expected["error_rate"] as? Double)
        #expect((operations["latency_ms"] as? [String: Double])?["p99"] == (expected["latency_ms"] as? [String: Double])?["p99"])
        #expect(Set(operations.keys) == Set(expected.keys), "the JSON keys are the documented ones")
    }

    @Test func lowConfidenceThresholdIsAFlag() throws {
        func confidence(_ threshold: String?) throws -> (status: Int32, confidence: [String: Any]) {
            let result = try ModelTopBinary.run([
                "report", "--ref", "fixtures/digits/ref_data.csv", "--prod", "fixtures/digits/prod_clean.csv",
                "--logs", "fixtures/logs", "--format", "json",
            ] + (threshold.map { ["--low-confidence", $0] } ?? []))
            let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
            return (result.status, (report["operations"] as? [String: Any])?["confidence"] as? [String: Any] ?? [:])
        }
        let standard = try confidence(nil), strict = try confidence("0.99"), lax = try confidence("0.5")
        #expect(standard.confidence["threshold"] as? Double == 0.9)
        #expect(strict.confidence["threshold"] as? Double == 0.99 && lax.confidence["threshold"] as? Double == 0.5)
        let shares = [lax, standard, strict].compactMap { $0.confidence["low_share"] as? Double }
        #expect(shares.count == 3 && shares[0] < shares[1] && shares[1] < shares[2], "\(shares)")
        let invalid = try ModelTopBinary.run(["report", "--ref", "fixtures/digits/ref_data.csv", "--prod", "fixtures/digits/prod_clean.csv", "--low-confidence", "0"])
        #expect(invalid.status == 2 && invalid.stderr.contains("--low-confidence must be in (0, 1]"))
    }

    @Test func badLogLinesAreCountedListedAndFailTheGate() throws {
        let arguments = [
            "report", "--ref", "fixtures/digits/ref_data.csv", "--prod", "fixtures/digits/prod_clean.csv",
            "--logs", "fixtures/logs_dirty",
        ]
        let strict = try ModelTopBinary.run(arguments + ["--max-rejected", "0"])
        #expect(strict.status == 2)
        #expect(strict.stderr.contains("fixtures/logs_dirty: 5 log lines rejected"))
        for line in ["predictions.jsonl.1:101: invalid JSON", "predictions.jsonl.1:1501: line longer than 65536 bytes",
                     "predictions.jsonl:801: missing ts"] {
            #expect(strict.stdout.contains(line), "\(line)")
        }
        #expect(strict.stdout.contains("1 half-written"))
        let tolerant = try ModelTopBinary.run(arguments + ["--max-rejected", "5"])
        #expect(tolerant.status == 0)
        // The default tolerates 1% of everything read (5 of 4,797 here), still listing them.
        let standard = try ModelTopBinary.run(arguments)
        #expect(standard.status == 0 && standard.stderr.contains("5 log lines rejected") && standard.stdout.contains("missing ts"))
        let share = try ModelTopBinary.run(arguments + ["--max-rejected", "0.1%"])
        #expect(share.status == 2)
        let invalid = try ModelTopBinary.run(arguments + ["--max-rejected", "lots"])
        #expect(invalid.status == 2 && invalid.stderr.contains("--max-rejected takes a count (5) or a share (1%)"))
    }

    /// How a production file that is not there yet goes wrong, each said by its cause (issue 12).
    @Test func productionFilesBeforeTheirFirstRowSayWhy() throws {
        let directory = NSTemporaryDirectory() + "modeltop-early-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let header = "PCA_1,PCA_2,PCA_3,PCA_4,PCA_5,PCA_6,PCA_7,PCA_8,PCA_9,PCA_10,PCA_11,PCA_12,PCA_13,PCA_14,PCA_15,PCA_16,target,prediction"
        let row = (1...16).map { "0.\($0)" }.joined(separator: ",") + ",3.0,3"
        let cases = [
            ("blank.csv", "\n" + header + "\n" + row + "\n", "line 1 is blank; expected a header"),
            ("header.csv", header + "\n", "no rows yet: the file has only its header"),
            ("touched.csv", row + "\n" + row + "\n", "the first line is data (\"0.1\"…), not a header"),
            ("empty.csv", "", "no header row: the file is empty"),
        ]
        for (name, text, message) in cases {
            try text.write(toFile: directory + "/" + name, atomically: false, encoding: .utf8)
            let result = try ModelTopBinary.run(["report", "--ref", "fixtures/digits/ref_data.csv", "--prod", directory + "/" + name])
            #expect(result.status == 2 && result.stderr.contains(message), "\(name): \(result.stderr)")
        }
    }

    /// One "modeltop: error:" prefix (not "Error: Error:"), and negative numbers taken as values.
    @Test func argumentErrorsReadOnceAndNegativeNumbersAreValues() throws {
        let missing = try ModelTopBinary.run(["report", "--ref", "fixtures/digits/ref_data.csv"])
        #expect(missing.status == 2 && missing.stderr.hasPrefix("modeltop: error: Missing expected argument '--prod <prod>'"), "\(missing.stderr)")
        #expect(!missing.stderr.contains("Error: "))
        let negative = try ModelTopBinary.run(["report", "--ref", "fixtures/digits/ref_data.csv", "--prod", "fixtures/digits/prod_clean.csv", "--threshold", "-0.5"])
        #expect(negative.status == 2 && negative.stderr.contains("--threshold must be a number ≥ 0"), "\(negative.stderr)")
        let artifacts = NSTemporaryDirectory() + "modeltop-margin-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: artifacts) }
        let margin = try ModelTopBinary.run([
            "retrain", "--ref", "fixtures/digits/ref_data.csv", "--prod", "fixtures/digits/prod_clean.csv", "--artifacts", artifacts,
            "--promote-margin", "-0.01", "--format", "json",
        ])
        #expect(margin.status == 0 && margin.stdout.contains("\"promoted\": true"), "\(margin.stderr)")
    }

    @Test func versionIsPrinted() throws {
        let result = try ModelTopBinary.run(["--version"])
        #expect(result.status == 0 && result.stdout.hasPrefix("modeltop "), "\(result.stdout) \(result.stderr)")
    }
}
