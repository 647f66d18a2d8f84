import Foundation
import Testing
import ModelTopStatistics
import ModelTopMonitor
@testable import ModelTopUI

/// Frame cost at 200×60 with 64 dimensions. Always renders and checks one frame; with
/// `MODELTOP_BENCH=1` (use a release build) it also times 200 frames and prints mean and p99.
@Suite struct RenderBenchmark {
    static func syntheticSnapshot(dimensions: Int, rows: Int) throws -> DashboardSnapshot {
        let names = (1...dimensions).map { "emb_\($0)" }
        func csv(shift: Double, seed: Int) -> String {
            var lines = ["timestamp," + names.joined(separator: ",") + ",target,prediction,confidence,latency_ms"]
            var state = UInt64(seed)
            func next() -> Double {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return Double(state >> 11) / Double(1 << 53)
            }
            for r in 0..<rows {
                let values = (0..<dimensions).map { d in String(next() + next() + (d % 3 == 0 ? shift : 0)) }
                let target = r % 10, prediction = next() < 0.8 ? target : (target + 1) % 10
                lines.append("\(1_795_000_000 + r * 30)," + values.joined(separator: ",") + ",\(target),\(prediction),\(next()),\(next() * 50)")
            }
            return lines.joined(separator: "\n")
        }
        let monitor = try InlineData.monitor(reference: csv(shift: 0, seed: 1), production: csv(shift: 0.3, seed: 2))
        return DashboardSnapshot.build(monitor: monitor, options: DriftOptions(), generatedAt: Fixtures.generatedAt)
    }

    @Test func renderBenchmark() throws {
        let snapshot = try Self.syntheticSnapshot(dimensions: 64, rows: 2000)
        var dashboards: [Dashboard] = []
        for screen in [Screen.overview, .drift, .quality] {
            var d = Dashboard(snapshot: snapshot, options: DashboardOptions())
            _ = d.handle(.key(.character(Character(String(screen.rawValue)))))
            dashboards.append(d)
        }
        let frame = dashboards[1].render(width: 200, height: 60)
        #expect(frame.text.contains("emb_1"))
        #expect(frame.cells.contains { $0.text != " " })
        guard ProcessInfo.processInfo.environment["MODELTOP_BENCH"] == "1" else { return }
        for d in dashboards {
            var times: [Double] = []
            for _ in 0..<200 {
                let start = DispatchTime.now().uptimeNanoseconds
                let canvas = d.render(width: 200, height: 60)
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                #expect(canvas.width == 200)
            }
            times.sort()
            let mean = times.reduce(0, +) / Double(times.count)
            print("renderBenchmark \(d.state.screen.title) 200x60, 64 dims: mean \(String(format: "%.3f", mean)) ms, p99 \(String(format: "%.3f", times[197])) ms")
        }
    }
}
