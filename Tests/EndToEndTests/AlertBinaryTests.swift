import Foundation
import Testing
import ModelTopBase
import ModelTopMonitor

#if canImport(Glibc)
import Glibc
#endif

/// Alerts leaving the screen, with the real binary: `watch --headless` configured by a
/// modeltop.toml sends a drift that starts and ends to a real HTTP server and a real command,
/// once each; the dashboard stays responsive while a webhook never answers.
@Suite(.serialized) struct AlertBinaryTests {
    static func fixtureLines(_ name: String) throws -> [String] {
        let text = try String(contentsOf: ModelTopBinary.packageRoot.appendingPathComponent("fixtures/digits/\(name)"), encoding: .utf8)
        return text.split(separator: "\n").map(String.init)
    }

    static func append(_ lines: ArraySlice<String>, to path: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((lines.joined(separator: "\n") + "\n").utf8))
        try handle.close()
    }

    static func waitUntil(timeout: Double, _ what: String, _ condition: () -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while !condition() {
            guard Date() < deadline else { throw AlertE2EFailure(description: "timed out after \(timeout) s waiting for \(what)") }
            usleep(100_000)
        }
    }

    /// Every built-in rule but the ones named, switched off (so a test counts only its own alerts).
    static func onlyRules(_ names: [String]) -> String {
        AlertRules.defaults.map(\.name)
            .filter { !names.contains($0) }.map { "[alerts.\($0)]\nenabled = false\n" }.joined(separator: "\n")
    }

    @Test func aDriftThatStartsAndEndsIsSentOnceEachToTheWebhookAndTheCommand() throws {
        let receiver = try AlertDeliveryReceiver()
        let directory = NSTemporaryDirectory() + "modeltop-alert-watch-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let clean = try Self.fixtureLines("prod_clean.csv"), drifted = try Self.fixtureLines("prod_data.csv")
        try FileManager.default.copyItem(
            atPath: ModelTopBinary.packageRoot.appendingPathComponent("fixtures/digits/ref_data.csv").path, toPath: directory + "/ref_data.csv")
        try Data((clean[0...300].joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: directory + "/prod_data.csv"))
        // The config file in the watched directory: found without --config, as a new user would.
        try Data("""
            window = "200"
            interval = "200ms"
            webhook = "\(receiver.url)"
            on_alert = "cat >> '\(directory)/command.log'; echo >> '\(directory)/command.log'"

            [alerts.data_drift]
            for = "0s"

            \(Self.onlyRules(["data_drift"]))
            """.utf8).write(to: URL(fileURLWithPath: directory + "/modeltop.toml"))
        let out = directory + "/watch.out", err = directory + "/watch.err"
        let pid = try Spawn.start([try ModelTopBinary.executable.path, "watch", directory, "--headless"], stdout: out, stderr: err)
        defer { kill(pid, SIGKILL) }
        func size(_ path: String) -> Int { (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0 }
        try Self.waitUntil(timeout: 20, "the first snapshot") { size(out) > 0 }
        try Self.waitUntil(timeout: 3, "a quiet second") { usleep(1_000_000); return true }
        #expect(receiver.posts.isEmpty, "clean production fired: \(receiver.posts)")

        // The fixture's drift is in its later rows (the last 200 of them: 13 of 16 dimensions).
        try Self.append(drifted[600...899], to: directory + "/prod_data.csv")
        try Self.waitUntil(timeout: 20, "the firing POST") { receiver.posts.count >= 1 }
        try Self.append(clean[301...600], to: directory + "/prod_data.csv")
        try Self.waitUntil(timeout: 20, "the resolved POST") { receiver.posts.count >= 2 }
        usleep(2_000_000)  // nothing more may come
        kill(pid, SIGTERM)
        #expect(Spawn.wait(pid) == 0)

        let posts = try receiver.posts.map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(posts.map { $0["status"] as? String } == ["firing", "resolved"], "\(receiver.posts)")
        #expect(posts.allSatisfy { $0["rule"] as? String == "data_drift" && $0["severity"] as? String == "critical" })
        #expect((posts.first?["window"] as? String)?.hasSuffix("production rows") == true)
        let commandLog = try String(contentsOfFile: directory + "/command.log", encoding: .utf8).split(separator: "\n")
        #expect(commandLog == receiver.posts.map { Substring($0) }, "the command got the same two alerts on stdin")
        let stderr = try String(contentsOfFile: err, encoding: .utf8)
        #expect(stderr.contains("alert firing data_drift sent to webhook: HTTP 200"), "\(stderr)")
        #expect(stderr.contains("alert resolved data_drift sent to command: exit 0"), "\(stderr)")
    }

    @Test func theDashboardStaysResponsiveWhileAWebhookNeverAnswersAndShowsTheFailure() throws {
        try TmuxSession.requireTmux()
        let receiver = try AlertDeliveryReceiver(arguments: ["--hang"])
        let directory = NSTemporaryDirectory() + "modeltop-alert-dash-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for name in ["ref_data.csv", "prod_data.csv"] {
            try FileManager.default.copyItem(
                atPath: ModelTopBinary.packageRoot.appendingPathComponent("fixtures/digits/\(name)").path, toPath: directory + "/" + name)
        }
        try Data("""
            webhook = "\(receiver.url)"
            webhook_timeout = "1s"
            [alerts.data_drift]
            for = "0s"
            \(Self.onlyRules(["data_drift"]))
            """.utf8).write(to: URL(fileURLWithPath: directory + "/config.toml"))
        let session = try TmuxSession(arguments: [directory, "--config", directory + "/config.toml"])
        defer { session.close() }
        _ = try session.waitFor("7 Alerts 1", timeout: 20)
        try session.press("7")
        var screen = try session.waitFor("Firing now (1 of 1 rules)")
        #expect(screen.contains("webhook: sending") || screen.contains("webhook: retrying"), "\(screen)")
        // Keys reach the screen at once while the webhook hangs: switch away and back.
        try session.press("2")
        _ = try session.waitFor("PSI", timeout: 3)
        try session.press("7")
        _ = try session.waitFor("Firing now", timeout: 3)
        // 4 attempts of 1 s with 1 + 2 + 4 s between them, then the failure is on screen.
        screen = try session.waitFor("webhook: FAILED, no answer in 1s (4 attempts)", timeout: 30)
        #expect(screen.contains("1 delivery failed"))
        try session.press("q")
    }

    @Test func aConfigFileSetsFlagsFlagsWinAndConfigSaysWhereEachCameFrom() throws {
        let directory = NSTemporaryDirectory() + "modeltop-config-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data("window = \"15m\"\nretain = 5000\n".utf8).write(to: URL(fileURLWithPath: directory + "/modeltop.toml"))
        try Data("window = \"500\"\ndrift_test = \"ks\"\n".utf8).write(to: URL(fileURLWithPath: directory + "/other.toml"))
        var result = try ModelTopBinary.run(["config", directory])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("config file: \(directory)/modeltop.toml (found by the watched directory)"))
        #expect(result.stdout.contains(try #require(Self.row("window", "15m", "modeltop.toml:1", in: result.stdout))))
        #expect(Self.row("retain", "5000", "modeltop.toml:2", in: result.stdout) != nil)
        #expect(Self.row("drift_test", "psi", "default", in: result.stdout) != nil)
        // --config wins over the directory's file; a flag wins over both.
        result = try ModelTopBinary.run(["config", directory, "--config", directory + "/other.toml"])
        #expect(Self.row("window", "500", "other.toml:1", in: result.stdout) != nil && Self.row("retain", "100000", "default", in: result.stdout) != nil)
        var environment = ProcessInfo.processInfo.environment
        environment["MODELTOP_CONFIG"] = directory + "/other.toml"
        result = try ModelTopBinary.run(["config", directory], environment: environment)
        #expect(result.stdout.contains("found by $MODELTOP_CONFIG") && Self.row("drift_test", "ks", "other.toml:2", in: result.stdout) != nil)
        // The file's settings reach the command: report with the file's --drift-test, and a flag over it.
        try FileManager.default.copyItem(
            atPath: ModelTopBinary.packageRoot.appendingPathComponent("fixtures/digits/ref_data.csv").path, toPath: directory + "/ref_data.csv")
        try FileManager.default.copyItem(
            atPath: ModelTopBinary.packageRoot.appendingPathComponent("fixtures/digits/prod_data.csv").path, toPath: directory + "/prod_data.csv")
        let report = ["report", "--ref", directory + "/ref_data.csv", "--prod", directory + "/prod_data.csv", "--format", "json", "--config", directory + "/other.toml"]
        result = try ModelTopBinary.run(report)
        #expect(result.stdout.contains("\"test\": \"ks\""), "\(result.stderr)")
        result = try ModelTopBinary.run(report + ["--drift-test", "wasserstein"])
        #expect(result.stdout.contains("\"test\": \"wasserstein\""), "\(result.stderr)")
    }

    /// A `config` table row: key, value and origin in that order on one line.
    static func row(_ key: String, _ value: String, _ origin: String, in text: String) -> String? {
        text.split(separator: "\n").map(String.init).first { line in
            let cells = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            return cells.count >= 3 && cells[0] == key && cells[1] == value && cells[2] == origin
        }
    }

    @Test(arguments: [
        ("drift_tset = \"ks\"\n", "m.toml:1: unknown key 'drift_tset'; did you mean 'drift_test'?"),
        ("window = \"15m\"\nretain = true\n", "m.toml:2: 'retain' must be a string or a number, not a boolean"),
        ("ascii = \"yes\"\n", "m.toml:1: 'ascii' must be true or false, not a string"),
        ("[alert.server_errors]\nabove = 1\n", "m.toml:1: unknown table [alert]; did you mean 'alerts'?"),
        ("window = \n", "m.toml:1: "),
        ("drift_test = \"chi2\"\n", "(set by "),
    ])
    func aBadConfigFileIsAnErrorWithFileLineAndStatusTwo(text: String, message: String) throws {
        let directory = NSTemporaryDirectory() + "modeltop-config-bad-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data(text.utf8).write(to: URL(fileURLWithPath: directory + "/m.toml"))
        let result = try ModelTopBinary.run([
            "report", "--ref", "fixtures/digits/ref_data.csv", "--prod", "fixtures/digits/prod_clean.csv", "--config", directory + "/m.toml",
        ])
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func initWritesATemplateThatReadsBackToTheDefaults() throws {
        let directory = NSTemporaryDirectory() + "modeltop-config-init-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/conf/config.toml"
        var result = try ModelTopBinary.run(["config", "--init", "--output", path])
        #expect(result.status == 0 && result.stdout == "wrote \(path)\n", "\(result.stderr)")
        result = try ModelTopBinary.run(["config", "--init", "--output", path])
        #expect(result.status == 2 && result.stderr.contains("exists; add --force"))
        let defaults = try ModelTopBinary.run(["config", directory])
        // Every setting uncommented at its default, and every rule table: nothing changes.
        let template = try String(contentsOfFile: path, encoding: .utf8)
        let uncommented = template.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard line.hasPrefix("# "), line.contains(" = ") || line.hasPrefix("# [alerts.") else { return String(line) }
            return line.hasSuffix("= \"\"") ? String(line) : String(line.dropFirst(2))
        }.joined(separator: "\n")
        try Data(uncommented.utf8).write(to: URL(fileURLWithPath: path))
        result = try ModelTopBinary.run(["config", directory, "--config", path])
        #expect(result.status == 0, "\(result.stderr)")
        func values(_ text: String) -> [String] {
            text.split(separator: "\n").dropFirst().map { $0.split(separator: " ").prefix(2).joined(separator: " ") }
        }
        #expect(values(result.stdout) == values(defaults.stdout))
        #expect(result.stdout.contains("config.toml:"), "the settings came from the file")
    }
}

/// scripts/alert-receiver.py on a free port of 127.0.0.1, killed with the test.
final class AlertDeliveryReceiver {
    let process = Process()
    let port: Int
    let log: String

    init(arguments: [String] = []) throws {
        let directory = NSTemporaryDirectory() + "modeltop-receiver-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        log = directory + "/posts.jsonl"
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", ModelTopBinary.packageRoot.appendingPathComponent("scripts/alert-receiver.py").path, "--port", "0", "--log", log] + arguments
        let out = Pipe()
        process.standardOutput = out
        // Never the test runner's own stderr: a receiver left behind must not hold its pipe open.
        process.standardError = FileHandle.nullDevice
        try process.run()
        let line = String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
        guard line.hasPrefix("listening "), let port = Int(line.dropFirst(10).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw AlertE2EFailure(description: "scripts/alert-receiver.py did not start: \(line)")
        }
        self.port = port
    }

    deinit { kill(process.processIdentifier, SIGKILL) }

    var url: String { "http://127.0.0.1:\(port)/hook" }
    var posts: [String] {
        ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }
}

struct AlertE2EFailure: Error, CustomStringConvertible {
    var description: String
}
