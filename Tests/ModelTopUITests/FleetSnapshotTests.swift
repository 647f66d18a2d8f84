import Testing
import ModelTopMetrics
import ModelTopUI

/// The fleet console's two screens, its help and its notice, as text; and its keys.
@Suite struct FleetSnapshotTests {
    static let now = 1_796_300_000.0

    static func console(problem: String? = nil, ascii: Bool = false) -> FleetConsole {
        var snapshot = FleetSnapshot()
        let names = (1...12).map { "emb_\($0)" }
        snapshot.dimensions = names.enumerated().map { k, name in
            let psi = [0.02, 0.31, 0.08, 0.15, 0.01, 0.9, 0.04, 0.05, 0.12, 0.03, 0.07, 0.02][k]
            return .init(name: name, psi: psi, ksGrid: psi / 2, rows: 1_798, drifted: psi >= 0.1)
        }
        snapshot.quality = FleetSnapshot.quality([
            .init(labels: ["target": "1", "prediction": "1"], value: 700), .init(labels: ["target": "2", "prediction": "2"], value: 600),
            .init(labels: ["target": "2", "prediction": "1"], value: 120), .init(labels: ["target": "3", "prediction": "3"], value: 378),
        ])
        snapshot.requests = ["2xx": 2_400, "4xx": 30, "5xx": 12]
        snapshot.latency = FleetSnapshot.latency([("0.01", 900.0), ("0.05", 2_300.0), ("0.1", 2_442.0), ("+Inf", 2_442.0)].map {
            .init(labels: ["le": $0.0], value: $0.1)
        })
        snapshot.estimatedAccuracy = 0.871
        snapshot.replicas = [
            .init(instance: "10.0.0.11:9108", health: "up", lastScrape: now - 1, lastError: "", rows: 899, driftShare: 0.25,
                  accuracy: 0.9065, p99: 0.049, modelVersion: "v3", lastData: now - 6),
            .init(instance: "10.0.0.12:9108\u{1b}[2J", health: "stale", lastScrape: now - 9,
                  lastError: "Get \"http://10.0.0.12:9108/metrics\": dial tcp: connect: connection refused", rows: 899,
                  driftShare: 0.5, accuracy: 0.54, p99: 0.12, modelVersion: "v3", lastData: now - 40),
        ]
        snapshot.alerts = [
            .init(name: "ModelTopFleetDrift", state: "firing", instance: nil, activeAt: now - 900),
            .init(name: "ModelTopReplicaDown", state: "pending", instance: "10.0.0.12:9108\u{1b}[2J", activeAt: now - 9),
        ]
        snapshot.answeredAt = now - 2
        snapshot.problem = problem
        var console = FleetConsole(source: "http://127.0.0.1:9090 job=modeltop", options: DashboardOptions(ascii: ascii))
        console.take(snapshot)
        console.now = now
        return console
    }

    @Test func fleetScreen() {
        assertSnapshot(Self.console().render(width: 100, height: 24), named: "fleet-fleet-100x24")
        assertSnapshot(Self.console(ascii: true).render(width: 80, height: 24), named: "fleet-fleet-80x24-ascii")
    }

    @Test func replicasScreenWithAScrapeErrorAndHostileText() {
        var console = Self.console()
        _ = console.handle(.character("2"))
        _ = console.handle(.character("j"))
        let canvas = console.render(width: 120, height: 16)
        assertSnapshot(canvas, named: "fleet-replicas-120x16")
        #expect(!canvas.text.contains("\u{1b}"))
    }

    @Test func prometheusDownIsANoticeAndHelpListsTheKeys() {
        assertSnapshot(Self.console(problem: "Prometheus at http://127.0.0.1:9090: connection refused").render(width: 100, height: 20),
                       named: "fleet-notice-100x20")
        var console = Self.console()
        #expect(console.handle(.character("?")) == nil)
        assertSnapshot(console.render(width: 100, height: 24), named: "fleet-help-100x24")
        #expect(console.handle(.character("x")) == nil && !console.helpShown)
    }

    @Test func keys() {
        var console = Self.console()
        #expect(console.handle(.character("G")) == nil && console.selected == 11)
        #expect(console.handle(.tab) == nil && console.screen == .replicas && console.selected == 0)
        #expect(console.handle(.character("r")) == .refreshNow && console.asking)
        #expect(console.handle(.control("l")) == .redrawAll)
        #expect(console.handle(.character("e")) == .exportScreen)
        #expect(console.handle(.character("p")) == nil && console.paused)
        #expect(console.render(width: 100, height: 24).text.contains("PAUSED"))
        #expect(console.handle(.character("q")) == .quit)
        #expect(Self.console().render(width: 30, height: 5).text.contains("too small"))
        var never = FleetConsole(source: "http://127.0.0.1:9", options: DashboardOptions())
        var failed = FleetAnswers()
        failed.problem = "Prometheus at http://127.0.0.1:9: connection refused"
        never.take(FleetSnapshot.make(failed, now: Self.now, previous: nil))
        let screen = never.render(width: 100, height: 20).text
        #expect(screen.contains("No answer from Prometheus yet") && screen.contains("connection refused"))
    }
}
