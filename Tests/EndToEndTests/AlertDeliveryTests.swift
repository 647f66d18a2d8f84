import Foundation
import Testing
import ModelTopBase
import ModelTopMonitor
import ModelTopIO

#if canImport(Glibc)
import Glibc
#endif

/// `--on-alert` and `--webhook` against real parts: /bin/sh commands, and a Python HTTP server
/// (scripts/alert-receiver.py) on 127.0.0.1 that answers 200, 500 or never.
@Suite(.serialized) struct AlertDeliveryTests {
    static let event: AlertEvent = {
        let errors = AlertRule(name: "server_errors", metric: .serverErrorRate, .above, 0.05, severity: .critical, holdSeconds: 30, minSamples: 50)
        var engine = AlertEngine(rules: AlertRules(rules: [errors]), source: "/srv/api")
        var facts = AlertFacts()
        facts.set(.serverErrorRate, 0.25, "the last 200 requests", samples: 200)
        _ = engine.evaluate(facts, now: 1_800_000_000)
        return engine.evaluate(facts, now: 1_800_000_030)[0]
    }()

    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "modeltop-alerts-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func theCommandGetsTheEnvironmentAndTheJSONOnStdin() throws {
        let directory = try Self.temporaryDirectory()
        let command = AlertCommand(command: "printf '%s %s %s\\n' \"$MODELTOP_ALERT_STATUS\" \"$MODELTOP_ALERT_RULE\" \"$MODELTOP_ALERT_VALUE\" > \(directory)/env; cat > \(directory)/stdin; echo done")
        let delivery = command.run(Self.event)
        guard case .delivered(let how) = delivery.outcome else { Issue.record("\(delivery)"); return }
        #expect(how.hasPrefix("exit 0"))
        #expect(delivery.output == ["done"])
        #expect(try String(contentsOfFile: directory + "/env", encoding: .utf8) == "firing server_errors 0.25\n")
        #expect(try String(contentsOfFile: directory + "/stdin", encoding: .utf8) == Self.event.json + "\n")
    }

    /// A command that never reads its stdin and exits at once cannot end this process with
    /// SIGPIPE (the alert is in the pipe before the child exists). Before that, one CI run died so.
    @Test func aCommandThatIgnoresStdinNeverCostsASigpipe() {
        for _ in 0..<100 {
            let delivery = AlertCommand(command: "exit 0").run(Self.event)
            #expect(delivery.outcome != .pending)
        }
    }

    @Test func aFailingCommandIsReportedWithItsStatus() {
        let delivery = AlertCommand(command: "echo nope >&2; exit 3").run(Self.event)
        guard case .failed(let why) = delivery.outcome else { Issue.record("\(delivery)"); return }
        #expect(why.hasPrefix("exit 3"))
        #expect(delivery.output == ["nope"])
    }

    @Test func aHangingCommandIsKilledAtItsTimeoutWithItsChildren() throws {
        let directory = try Self.temporaryDirectory()
        let start = Date()
        // The shell ignores SIGTERM and its background child sleeps: the group gets SIGKILL.
        let delivery = AlertCommand(command: "trap '' TERM; sleep 30 & echo $! > \(directory)/child; wait", timeout: 0.5).run(Self.event)
        let took = Date().timeIntervalSince(start)
        guard case .failed(let why) = delivery.outcome else { Issue.record("\(delivery)"); return }
        #expect(why.hasPrefix("timed out after 500ms"))
        #expect(took < 0.5 + ChildProcess.cancelGrace + 2, "took \(took) s")
        let child = try #require(Int32(String(contentsOfFile: directory + "/child", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        usleep(200_000)
        // Gone, or a zombie waiting for init to reap it: not running, anyway.
        let state = (try? String(contentsOfFile: "/proc/\(child)/stat", encoding: .utf8))?.split(separator: " ").dropFirst(2).first
        #expect(state == nil || state == "Z", "the command's child outlived its timeout: state \(state ?? "")")
    }

    @Test func outputIsBoundedAndMadeSafe() {
        let delivery = AlertCommand(command: "i=0; while [ $i -lt 5000 ]; do printf 'line %d \\033[31mred\\n' $i; i=$((i+1)); done").run(Self.event)
        #expect(delivery.output.count == AlertCommand.keptLines)
        #expect(delivery.output.last?.hasPrefix("line 4999") == true)
        #expect(delivery.output.allSatisfy { !$0.contains("\u{1B}") })
    }

    @Test func aWebhookPostsTheAlertOnceInEitherShape() throws {
        let receiver = try AlertDeliveryReceiver()
        let generic = AlertWebhook(url: URL(string: receiver.url)!).deliver(Self.event)
        #expect(generic.outcome == .delivered("HTTP 200") && generic.attempts == 1)
        let slack = AlertWebhook(url: URL(string: receiver.url)!, shape: .slack).deliver(Self.event)
        #expect(slack.outcome == .delivered("HTTP 200"))
        #expect(receiver.posts == [Self.event.json, Self.event.slackJSON])
    }

    @Test func aServerThatFailsIsRetriedWithBackOffThenReported() throws {
        let receiver = try AlertDeliveryReceiver(arguments: ["--status", "500"])
        var attempts: [Int] = []
        let delivery = AlertWebhook(url: URL(string: receiver.url)!, backoff: [0.1, 0.2]).deliver(Self.event) { attempts.append($0.attempts) }
        #expect(delivery.outcome == .failed("HTTP 500") && delivery.attempts == 3)
        #expect(attempts == [1, 2])
        #expect(receiver.posts.count == 3)
    }

    @Test func aServerThatNeverAnswersTimesOutEachAttempt() throws {
        let receiver = try AlertDeliveryReceiver(arguments: ["--hang"])
        let start = Date()
        let delivery = AlertWebhook(url: URL(string: receiver.url)!, timeout: 1, backoff: [0.1]).deliver(Self.event)
        let took = Date().timeIntervalSince(start)
        guard case .failed(let why) = delivery.outcome else { Issue.record("\(delivery)"); return }
        #expect(why == "no answer in 1s", "\(why)")
        #expect(delivery.attempts == 2)
        #expect(took >= 2, "took \(took) s")
        #expect(took < 6, "took \(took) s")
    }

    @Test func nobodyListeningIsAFailureNotAHang() {
        let delivery = AlertWebhook(url: URL(string: "http://127.0.0.1:9/hook")!, timeout: 1, backoff: []).deliver(Self.event)
        #expect(delivery.outcome == .failed("connection refused"))
    }
}
