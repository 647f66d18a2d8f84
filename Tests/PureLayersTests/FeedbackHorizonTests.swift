import Foundation
import Testing
import ModelTopIO
@testable import ModelTopBase
@testable import ModelTopStatistics
@testable import ModelTopLogs

/// Watch mode's feedback horizon (issue 15): only the newest requests are kept whole; the ones
/// that leave keep counting in volume, errors and measured quality.
@Suite struct FeedbackHorizonTests {
    /// Requests with ids, a tenth failing without a prediction, most followed by their feedback
    /// within `delay` lines; `late` requests get their feedback only at the very end.
    static func lines(requests: Int, delay: Int, late: Set<Int> = []) -> [String] {
        var generator = SeededGenerator(seed: 42)
        var lines: [String] = []
        var pending: [(due: Int, text: String)] = []
        for k in 0..<requests {
            let truth = Int.random(in: 0..<4, using: &generator)
            let prediction = Bool.random(using: &generator) ? truth : Int.random(in: 0..<4, using: &generator)
            if k % 10 == 9 {
                lines.append(#"{"id": "r\#(k)", "ts": \#(1_795_000_000 + k), "status": 503, "prediction": null, "latency_ms": 3.5}"#)
                continue
            }
            lines.append(#"{"id": "r\#(k)", "ts": \#(1_795_000_000 + k), "status": 200, "prediction": \#(prediction), "confidence": 0.\#(5 + k % 5), "latency_ms": \#(5 + k % 17)}"#)
            let feedback = #"{"id": "r\#(k)", "target": \#(truth)}"#
            if late.contains(k) {
                pending.append((Int.max, feedback))
            } else if k % 4 != 0 {
                pending.append((lines.count + Int.random(in: 0...delay, using: &generator), feedback))
            }
            lines += pending.filter { $0.due <= lines.count }.map(\.text)
            pending.removeAll { $0.due <= lines.count }
        }
        return lines + pending.map(\.text)
    }

    static func monitor(_ lines: [String], horizon: Int?) -> LogMonitor {
        var monitor = LogMonitor(horizon: horizon)
        monitor.beginFile("predictions.jsonl")
        var line = 1
        for start in stride(from: 0, to: lines.count, by: 97) {
            let text = lines[start..<min(lines.count, start + 97)].joined(separator: "\n") + "\n"
            let chunk = Array(text.utf8).withUnsafeBufferPointer { LogChunkParser(file: "predictions.jsonl").parse($0) }
            monitor.append(chunk, firstLine: line)
            monitor.dropRequestsBeyondHorizon()
            line += chunk.lineCount
        }
        return monitor
    }

    @Test func requestsPastTheHorizonStillCountInVolumeErrorsAndQuality() {
        let lines = Self.lines(requests: 3000, delay: 40)
        let whole = Self.monitor(lines, horizon: nil), kept = Self.monitor(lines, horizon: 200)
        #expect(kept.table.count <= 250 && kept.history.requests == 3000 - kept.table.count)
        let a = OperationsReport.compute(whole, reference: nil), b = OperationsReport.compute(kept, reference: nil)
        #expect(b.requests == a.requests && a.requests == 3000)
        #expect(b.status == a.status && b.errorRate == a.errorRate)
        #expect(b.measured == a.measured)
        #expect(b.orphanFeedback == 0 && a.orphanFeedback == 0)
        // What needs the requests themselves covers the kept ones, and a note says so.
        #expect(b.latency?.count == kept.table.count)
        #expect(kept.notes(directory: "logs").contains { $0.contains("kept as counts only") })
        #expect(!whole.notes(directory: "logs").contains { $0.contains("kept as counts only") })
    }

    /// Latency over every request comes from an HdrHistogram of those that left plus the kept
    /// ones: each percentile within 0.1% of a latency at that rank; the mean and maximum exact.
    @Test func latencyOverEveryRequestIsWithinItsStatedError() throws {
        let lines = Self.lines(requests: 5000, delay: 30)
        let whole = Self.monitor(lines, horizon: nil), kept = Self.monitor(lines, horizon: 300)
        let exact = try #require(OperationsReport.compute(whole, reference: nil).latency)
        let report = OperationsReport.compute(kept, reference: nil)
        let all = try #require(report.latencyAllRequests)
        #expect(report.latency?.count == kept.table.latencyMs.filter { !$0.isNaN }.count)
        #expect(all.count == exact.count && all.max == exact.max)
        #expect(abs(all.mean - exact.mean) <= 1e-9 * exact.mean)
        let sorted = whole.table.latencyMs.filter { !$0.isNaN }.sorted()
        for (percent, value) in zip(LatencySummary.reportedPercentiles, [all.p50, all.p90, all.p95, all.p99, all.p999]) {
            let index = Double(sorted.count - 1) * percent / 100
            let low = sorted[Int(index.rounded(.down))], high = sorted[min(sorted.count - 1, Int(index.rounded(.up)) + 1)]
            #expect(value >= low * (1 - LatencyHistory.relativeError) && value <= high * (1 + LatencyHistory.relativeError), "p\(percent): \(value) not in [\(low), \(high)]")
        }
        #expect(OperationsReport.compute(whole, reference: nil).latencyAllRequests == nil, "without a horizon: exact only")
    }

    @Test func feedbackAfterItsRequestLeftIsFeedbackWithoutARequest() {
        let lines = Self.lines(requests: 2000, delay: 10, late: [5, 6])
        let whole = Self.monitor(lines, horizon: nil), kept = Self.monitor(lines, horizon: 100)
        let a = OperationsReport.compute(whole, reference: nil), b = OperationsReport.compute(kept, reference: nil)
        #expect(a.orphanFeedback == 0 && b.orphanFeedback == 2)
        #expect(b.measured.labelled == a.measured.labelled - 2 && b.measured.unlabelled == a.measured.unlabelled + 2)
        #expect(b.requests == a.requests && b.status == a.status)
    }

    /// Feedback that comes before its request waits for it across drops (up to the horizon).
    @Test func feedbackWaitingForItsRequestSurvivesDrops() {
        var lines = Self.lines(requests: 1500, delay: 5)
        lines.insert(#"{"id": "early", "target": 2}"#, at: 0)
        lines.append(#"{"id": "early", "ts": 1795009999, "status": 200, "prediction": 2}"#)
        let kept = Self.monitor(lines, horizon: 100), whole = Self.monitor(lines, horizon: nil)
        #expect(OperationsReport.compute(kept, reference: nil).measured == OperationsReport.compute(whole, reference: nil).measured)
        #expect(kept.orphanFeedback == 0)
    }

    /// Watch mode passes the horizon to the log reader: the fixture's logs read with a horizon
    /// of 300 count the same requests and errors as without.
    @Test func liveSourcesKeepTheHorizon() throws {
        let directory = NSTemporaryDirectory() + "modeltop-horizon-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for name in ["ref_data.csv", "prod_data.csv"] {
            try FileManager.default.copyItem(atPath: Goldens.fixture("digits/" + name), toPath: directory + "/" + name)
        }
        func open(_ horizon: Int?) throws -> LogMonitor {
            let sources = try LiveSources(
                referencePath: directory + "/ref_data.csv", productionPath: directory + "/prod_data.csv",
                logDirectory: Goldens.fixture("logs"), feedbackHorizon: horizon)
            return try #require(sources.logMonitor)
        }
        let kept = try open(300), whole = try open(nil)
        #expect(kept.table.count <= 375 && kept.history.requests > 1000)
        let a = OperationsReport.compute(whole, reference: nil), b = OperationsReport.compute(kept, reference: nil)
        #expect(b.requests == a.requests && b.status == a.status)
    }
}
