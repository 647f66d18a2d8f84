import Testing
import ModelTopMonitor
@testable import ModelTopUI

/// Operations, samples, retrain state and model info as later features will provide them:
/// the screens draw real content from them instead of the "which input is missing" text.
@Suite struct OptionalContentTests {
    static func filled() throws -> DashboardSnapshot {
        var snapshot = try Fixtures.drifted.get()
        snapshot.operations = OperationsSnapshot(
            source: "logs/", requests: 1200, errors: 18,
            latency: SnapshotLatency(count: 1182, p50: 11.5, p95: 42.0, p99: 97.3), lowConfidenceShare: 0.061,
            windowSeconds: 300, requestsPerWindow: [100, 120, 90, 130, 160, 150, 140, 170, 140],
            errorsPerWindow: [0, 1, 0, 2, 5, 3, 1, 4, 2], latencyP95PerWindow: [30, 35, 31, 40, 60, .nan, 44, 41, 39],
            modelVersions: [.init(name: "v3", count: 1100), .init(name: "v2", count: 100)],
            topErrors: [.init(name: "timeout", count: 12), .init(name: "bad input\u{1B}[2J", count: 6)])
        let pixels: [UInt8] = (0..<64).map { k in [2, 3, 4, 5, 10, 13, 18, 21, 26, 29, 34, 37, 42, 45, 50, 53, 58, 59, 60, 61].contains(k) ? 255 : 0 }
        snapshot.samples = SamplesSnapshot(samples: [
            .init(id: "req-1", target: "0", prediction: "0", confidence: 0.98, imageWidth: 8, imageHeight: 8, pixels: pixels),
            .init(id: "req-2", target: "0", prediction: "6", confidence: 0.41, imageWidth: 8, imageHeight: 8, pixels: pixels),
            .init(id: "req-3", target: nil, prediction: "3", confidence: 0.77, imageWidth: 8, imageHeight: 8, pixels: []),
        ])
        snapshot.retrain = RetrainSnapshot(
            phase: .running(step: "epoch 3/10", progress: 0.3), log: ["loading prod_data.csv", "epoch 1 loss 0.41", "epoch 2 loss 0.33"],
            versions: [
                .init(name: "v3", createdAt: 1_795_300_000, accuracy: 0.91, active: true),
                .init(name: "v2", createdAt: 1_795_200_000, accuracy: 0.88, active: false),
            ])
        snapshot.model = ModelInfo(version: "v3", lastRetrainAt: 1_795_300_000)
        snapshot.alertBoard = Self.alertBoard()
        return snapshot
    }

    /// Two alerts firing, one holding, and a history whose deliveries went every way.
    static func alertBoard() -> AlertBoard {
        let errors = AlertRule(name: "server_errors", metric: .serverErrorRate, .above, 0.05, severity: .critical, holdSeconds: 30)
        let drift = AlertRule(name: "data_drift", metric: .datasetDrift, .above, 0, severity: .critical, holdSeconds: 60)
        let accuracy = AlertRule(name: "accuracy_low\u{1B}[2J", metric: .accuracy, .below, 0.8, severity: .warning, holdSeconds: 60)
        func event(_ status: AlertEvent.Status, _ rule: AlertRule, _ value: Double, _ window: String, detail: String? = nil, since: Double, at: Double) -> AlertEvent {
            AlertEvent(status: status, rule: rule, value: value, window: window, detail: detail, since: since, at: at, source: "/srv/api")
        }
        let fired = event(.firing, errors, 0.125, "the last 200 requests", since: 1_795_300_000, at: 1_795_300_030)
        let drifted = event(.firing, drift, 1, "1,200 production rows", detail: "12 of 16 dimensions drifted", since: 1_795_300_100, at: 1_795_300_160)
        var board = AlertBoard()
        board.ruleCount = 10
        board.active = [fired, drifted]
        board.pending = ["latency_p99"]
        let first = board.record(event(.firing, accuracy, 0.78, "900 labelled production rows", since: 1_795_299_000, at: 1_795_299_060), targets: ["webhook"])
        board.update(id: first, delivery: .init(target: "webhook", outcome: .delivered("HTTP 200"), attempts: 1))
        let second = board.record(event(.resolved, accuracy, 0.83, "900 labelled production rows", since: 1_795_299_060, at: 1_795_299_900), targets: ["webhook"])
        board.update(id: second, delivery: .init(target: "webhook", outcome: .delivered("HTTP 200"), attempts: 1))
        let third = board.record(fired, targets: ["command", "webhook"])
        board.update(id: third, delivery: .init(target: "command", outcome: .delivered("exit 0 in 0s"), attempts: 1, output: ["paged on-call"]))
        board.update(id: third, delivery: .init(target: "webhook", outcome: .failed("no answer in 5s"), attempts: 4))
        board.record(drifted, targets: ["command", "webhook"])
        return board
    }

    @Test(arguments: [Screen.overview, .operations, .samples, .retrain, .alerts])
    func screensWithEveryInput(_ screen: Screen) throws {
        var dashboard = Dashboard(snapshot: try Self.filled(), options: DashboardOptions())
        _ = dashboard.handle(.key(.character(Character(String(screen.rawValue)))))
        if screen == .samples { _ = dashboard.handle(.key(.character("j"))) }
        assertSnapshot(dashboard.render(width: 120, height: 40), named: "\(screen.title.lowercased())-filled-120x40")
        let text = dashboard.render(width: 80, height: 24).text
        #expect(!text.contains("No prediction logs") && !text.contains("No samples") && !text.contains("not available yet"))
        #expect(!text.contains("have not run yet"))
    }

    @Test func filledScreensInAsciiStayAscii() throws {
        for screen in Screen.allCases {
            var dashboard = Dashboard(snapshot: try Self.filled(), options: DashboardOptions(ascii: true, colors: 0))
            _ = dashboard.handle(.key(.character(Character(String(screen.rawValue)))))
            for (w, h) in [(80, 24), (200, 60)] {
                let ascii = dashboard.render(width: w, height: h).text.unicodeScalars.allSatisfy { $0.isASCII }
                #expect(ascii, "\(screen)")
            }
        }
    }

    @Test func samplesFilterAndMistakes() throws {
        var dashboard = Dashboard(snapshot: try Self.filled(), options: DashboardOptions())
        _ = dashboard.handle(.key(.character("5")))
        for key: Key in [.character("/"), .character("6"), .enter] { _ = dashboard.handle(.key(key)) }
        #expect(ListRows.visible(.samples, snapshot: dashboard.snapshot, state: dashboard.state) == [1])
        #expect(dashboard.render(width: 80, height: 24).text.contains("WRONG"))
    }
}
