import Foundation
import Testing

/// The dashboard follows its directory: rows appended by a serving API show up on screen,
/// 'p' holds them back, and a rewritten file is read again from its start.
@Suite struct DashboardLiveTests {
    @Test func appendedRowsAppearPauseHoldsThemAndARewriteIsRead() throws {
        let directory = NSTemporaryDirectory() + "modeltop-live-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let fixtures = ModelTopBinary.packageRoot.appendingPathComponent("fixtures/digits").path
        try FileManager.default.copyItem(atPath: fixtures + "/ref_data.csv", toPath: directory + "/ref_data.csv")
        let production = try String(contentsOfFile: fixtures + "/prod_data.csv", encoding: .utf8)
        let lines = production.split(separator: "\n", omittingEmptySubsequences: false)
        let prodPath = directory + "/prod_data.csv"
        try (lines[0...300].joined(separator: "\n") + "\n").write(toFile: prodPath, atomically: false, encoding: .utf8)

        let session = try TmuxSession(arguments: [directory])
        defer { session.close() }
        try session.waitFor("(300 rows)", timeout: DashboardTerminalTests.startup)

        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: prodPath))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((lines[301...].joined(separator: "\n")).utf8))
        try handle.close()
        try session.waitFor("(899 rows)", timeout: 5)
        try session.waitFor("9/16 dimensions drifted", timeout: 5)

        try session.press("p")
        try session.waitFor("PAUSED")
        let clean = try String(contentsOfFile: fixtures + "/prod_clean.csv", encoding: .utf8)
        try clean.write(toFile: prodPath, atomically: false, encoding: .utf8)
        usleep(1_500_000)
        #expect(try session.screen().contains("9/16 dimensions drifted"), "paused: the view keeps the old data")
        try session.press("p")
        try session.waitFor("0/16 dimensions drifted", timeout: 5)
        try session.press("q")
        let ending = try session.waitForExit()
        #expect(ending.status == "exit=0")
        #expect(ending.sttyBefore == ending.sttyAfter)
    }

    /// Before the first feedback there is no prod_data.csv: the console waits and says why,
    /// then counts; deleted and written again, the file's statistics start afresh.
    @Test func waitsForProductionThenCountsAndStartsAfreshAfterADelete() throws {
        let directory = NSTemporaryDirectory() + "modeltop-wait-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let fixtures = ModelTopBinary.packageRoot.appendingPathComponent("fixtures/digits").path
        try FileManager.default.copyItem(atPath: fixtures + "/ref_data.csv", toPath: directory + "/ref_data.csv")
        let lines = try String(contentsOfFile: fixtures + "/prod_data.csv", encoding: .utf8).split(separator: "\n")
        let prodPath = directory + "/prod_data.csv"
        // Logs in DIR/logs/, found without --logs; one garbage line among them.
        try FileManager.default.createDirectory(atPath: directory + "/logs", withIntermediateDirectories: true)
        let logLines = [#"{"ts": 1795000000.0, "prediction": 3, "status": 200, "id": "a"}"#, "garbage",
                        #"{"ts": 1795000001.0, "status": 503, "prediction": null, "id": "b"}"#]
        try (logLines.joined(separator: "\n") + "\n").write(toFile: directory + "/logs/predictions.jsonl", atomically: false, encoding: .utf8)

        let session = try TmuxSession(arguments: [directory])
        defer { session.close() }
        try session.waitFor("WAITING", timeout: DashboardTerminalTests.startup)
        try session.waitFor("no such file yet")
        let waiting = try session.waitFor("Serving  2 requests · errors 50.00%")
        #expect(waiting.contains("1 log line rejected; first predictions.jsonl:2: invalid JSON"), "\(waiting)")
        try (lines[0] + "\n").write(toFile: prodPath, atomically: false, encoding: .utf8)
        try session.waitFor("no production rows yet", timeout: 5)
        try (lines[0...200].joined(separator: "\n") + "\n").write(toFile: prodPath, atomically: false, encoding: .utf8)
        try session.waitFor("(200 rows)", timeout: 5)
        try FileManager.default.removeItem(atPath: prodPath)
        try session.waitFor("no such file yet", timeout: 5)
        try (lines[0...50].joined(separator: "\n") + "\n").write(toFile: prodPath, atomically: false, encoding: .utf8)
        try session.waitFor("(50 rows)", timeout: 5)
        #expect(try !session.screen().contains("(250 rows)"))
        try session.press("q")
        let ending = try session.waitForExit()
        #expect(ending.status == "exit=0")
    }

    /// Under a comma-decimal locale the dashboard reads appended rows as `report` does: long
    /// numbers (past the fast parser, into strtod) are numbers, and numbers print with a point.
    @Test func aCommaDecimalLocaleChangesNoNumber() throws {
        let directory = NSTemporaryDirectory() + "modeltop-locale-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let reference = "a,b,target\n" + (0..<50).map { "\(Double($0) / 50),\(Double($0 % 7) / 7),\($0 % 3)" }.joined(separator: "\n") + "\n"
        try reference.write(toFile: directory + "/ref_data.csv", atomically: false, encoding: .utf8)
        func rows(_ range: Range<Int>) -> String {
            range.map { "0.\(String(format: "%02d", $0))12345678901234567890123,0.5,\($0 % 3),\($0 % 3)" }.joined(separator: "\n") + "\n"
        }
        try ("a,b,target,prediction\n" + rows(0..<10)).write(toFile: directory + "/prod_data.csv", atomically: false, encoding: .utf8)
        let session = try TmuxSession(arguments: [directory], environment: ["LC_ALL": "de_DE.UTF-8"])
        defer { session.close() }
        try session.waitFor("(10 rows)", timeout: DashboardTerminalTests.startup)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: directory + "/prod_data.csv"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(rows(10..<30).utf8))
        try handle.close()
        let screen = try session.waitFor("(30 rows)", timeout: 5)
        #expect(!screen.contains("rejected"), "\(screen)")
        #expect(screen.contains("bal. acc. 1.0000"), "numbers print with a point: \(screen)")
        try session.press("q")
        #expect(try session.waitForExit().status == "exit=0")
    }
}
