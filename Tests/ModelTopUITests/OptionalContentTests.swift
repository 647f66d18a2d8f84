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
        return snapshot
    }

    @Test(arguments: [Screen.overview, .operations, .samples, .retrain])
    func screensWithEveryInput(_ screen: Screen) throws {
        var dashboard = Dashboard(snapshot: try Self.filled(), options: DashboardOptions())
        _ = dashboard.handle(.key(.character(Character(String(screen.rawValue)))))
        if screen == .samples { _ = dashboard.handle(.key(.character("j"))) }
        assertSnapshot(dashboard.render(width: 120, height: 40), named: "\(screen.title.lowercased())-filled-120x40")
        let text = dashboard.render(width: 80, height: 24).text
        #expect(!text.contains("No prediction logs") && !text.contains("No samples") && !text.contains("not available yet"))
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
