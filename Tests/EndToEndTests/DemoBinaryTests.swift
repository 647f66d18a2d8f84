import Foundation
import Testing

/// `modeltop demo --headless` through the real binary, read back by `modeltop report`.
@Suite struct DemoBinaryTests {
    struct Run {
        var directory: String
        var report: [String: Any]
        var status: Int32
    }

    static func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("modeltop-demo-test-\(UUID().uuidString)").path
    }

    /// Plays `scenario` for a simulated minute at full speed and reports on what it wrote.
    static func play(_ scenario: String, seed: String = "5") throws -> Run {
        let directory = temporaryDirectory()
        let demo = try ModelTopBinary.run([
            "demo", "--headless", "--scenario", scenario, "--duration", "60", "--speed", "10000", "--seed", seed, "--out", directory,
        ])
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(demo.stdout.contains("requests"))
        let report = try ModelTopBinary.run([
            "report", "--ref", "\(directory)/ref_data.csv", "--prod", "\(directory)/prod_data.csv", "--logs", directory,
            "--artifacts", "\(directory)/artifacts", "--format", "json",
        ])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any], "\(report.stderr)")
        return Run(directory: directory, report: object, status: report.status)
    }

    static func number(_ run: Run, _ path: String...) -> Double? {
        var value: Any? = run.report
        for key in path { value = (value as? [String: Any])?[key] }
        return (value as? NSNumber)?.doubleValue
    }

    static func flag(_ run: Run, _ section: String, _ key: String) -> Bool? {
        ((run.report[section] as? [String: Any])?[key] as? NSNumber)?.boolValue
    }

    @Test func gradualDriftsAndIncidentFailsWhereNoneStaysHealthy() throws {
        let clean = try Self.play("none")
        let drifted = try Self.play("gradual")
        let incident = try Self.play("incident")
        defer { for run in [clean, drifted, incident] { try? FileManager.default.removeItem(atPath: run.directory) } }

        #expect(clean.status == 0)
        #expect(Self.flag(clean, "drift", "dataset_drift") == false)
        #expect(Self.flag(drifted, "drift", "dataset_drift") == true)
        #expect(drifted.status == 1)
        let cleanAccuracy = try #require(Self.number(clean, "quality", "accuracy"))
        let driftedAccuracy = try #require(Self.number(drifted, "quality", "accuracy"))
        #expect(cleanAccuracy > 0.9)
        #expect(driftedAccuracy < cleanAccuracy - 0.1)

        // The served model is as sure of clean traffic as of the reference, and much less sure of
        // rotated, noisy digits (the uncertainty test: its confidence, KS against the reference).
        #expect(Self.number(clean, "drift", "multivariate", "uncertainty", "p_value").map { $0 > 0.05 } == true)
        #expect(Self.number(drifted, "drift", "multivariate", "uncertainty", "p_value").map { $0 < 1e-6 } == true)
        #expect(Self.number(incident, "drift", "multivariate", "uncertainty", "p_value").map { $0 > 0.05 } == true)
        #expect(Self.number(clean, "operations", "error_rate") == 0)
        #expect((Self.number(incident, "operations", "error_rate") ?? 0) > 0.01)
        #expect(Self.flag(incident, "drift", "dataset_drift") == false)

        for run in [clean, drifted, incident] {
            #expect(Self.number(run, "rows", "rejected") == 0)
            #expect(Self.number(run, "operations", "rejected_lines") == 0)
            #expect(Self.number(run, "operations", "pending_partial_lines") == 0)
            #expect(Self.number(run, "operations", "orphan_feedback") == 0)
            #expect((Self.number(run, "rows", "production") ?? 0) > 300)
            #expect(FileManager.default.fileExists(atPath: "\(run.directory)/artifacts/registry.json"))
        }
    }

    @Test func theSameSeedWritesTheSameBytes() throws {
        let first = try Self.play("seasonal", seed: "9")
        let second = try Self.play("seasonal", seed: "9")
        defer { for run in [first, second] { try? FileManager.default.removeItem(atPath: run.directory) } }
        for name in ["prod_data.csv", "predictions.jsonl", "ref_data.csv"] {
            let a = try Data(contentsOf: URL(fileURLWithPath: "\(first.directory)/\(name)"))
            let b = try Data(contentsOf: URL(fileURLWithPath: "\(second.directory)/\(name)"))
            #expect(a == b, "\(name) differs")
            #expect(a.last == UInt8(ascii: "\n"))
        }
        #expect(Self.number(first, "operations", "rejected_lines") == 0)
    }

    @Test func withoutATerminalItPointsToHeadless() throws {
        let result = try ModelTopBinary.run(["demo", "--duration", "5"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("not a terminal"))
        #expect(result.stderr.contains("--headless"))
    }
}
