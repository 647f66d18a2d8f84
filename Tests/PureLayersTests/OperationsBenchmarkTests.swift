import Foundation
import Testing
@testable import ModelTopBase
@testable import ModelTopLogs
import ModelTopIO

/// Reading and summarising a large prediction log within the budget (≤ 1.5 s, ≤ 300 MB for a
/// million requests in release).
///
/// With `MODELTOP_BENCH=1` it times `bench-data/logs` (written by `scripts/make_bench_logs.py`;
/// `MODELTOP_BENCH_LOGS` overrides the directory). Without it, the same path runs over a small
/// generated log and checks the result, so the test never passes by skipping.
@Suite struct OperationsBenchmarkTests {
    @Test func operationsBenchmark() throws {
        let environment = ProcessInfo.processInfo.environment
        if environment["MODELTOP_BENCH"] == "1" {
            let directory = environment["MODELTOP_BENCH_LOGS"] ?? Goldens.packageRoot.appendingPathComponent("bench-data/logs").path
            let clock = ContinuousClock()
            let (baseRSS, baseCPU, start) = (Self.peakRSSMegabytes(), Self.cpuSeconds(), clock.now)
            let (monitor, _) = try LogDirectory.load(directory: directory)
            let (loadRSS, loadCPU, loaded) = (Self.peakRSSMegabytes(), Self.cpuSeconds(), clock.now)
            let report = OperationsReport.compute(monitor, reference: nil)
            let (endRSS, endCPU, end) = (Self.peakRSSMegabytes(), Self.cpuSeconds(), clock.now)
            print("operationsBenchmark: \(report.requests) requests; load \(loaded - start) wall, \(loadCPU - baseCPU) s CPU; compute \(end - loaded) wall, \(endCPU - loadCPU) s CPU; peak RSS \(baseRSS) MB before, \(loadRSS) MB after load, \(endRSS) MB after compute")
            if environment["MODELTOP_BENCH_PHASES"] == "1" {
                let table = monitor.table
                var estimator: ConfidenceBasedEstimate?
                let phases: [(String, () -> Void)] = [
                    ("status", { _ = StatusCounts(statuses: table.status) }),
                    ("latency", { _ = LatencySummary.compute(table.latencyMs) }),
                    ("confidence", { _ = ConfidenceSummary.compute(table, threshold: 0.9) }),
                    ("measured", { _ = OperationsReport.measured(table) }),
                    ("cbpe fit", { estimator = ConfidenceBasedEstimate(table) }),
                    ("cbpe unlabelled", { _ = estimator?.estimate(table, labelled: false) }),
                    ("cbpe labelled", { _ = estimator?.estimate(table, labelled: true) }),
                    ("windows", { _ = TimeWindows.compute(table, reference: nil, threshold: 0.9) }),
                ]
                print("operationsBenchmark phases: " + phases.map { name, body in "\(name) \(clock.measure(body))" }.joined(separator: ", "))
            }
            #expect(report.requests > 0)
            #expect(end - start < .milliseconds(1500))
            #expect(endRSS <= 300)
        } else {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("modeltop-ops-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            try Self.smallLog(requests: 2_000).write(to: directory.appendingPathComponent("predictions.jsonl"), atomically: true, encoding: .utf8)
            let (monitor, _) = try LogDirectory.load(directory: directory.path)
            let report = OperationsReport.compute(monitor, reference: nil)
            #expect(report.requests == 2_000)
            #expect(report.measured.labelled + report.measured.unlabelled + report.status.serverError == 2_000)
            #expect(report.measured.labelled > 1_000)
            let estimated = try #require(report.estimated)
            #expect(estimated.rows == report.measured.unlabelled)
            #expect(estimated.accuracy > 0.5 && estimated.accuracy <= 1)
            #expect(report.windowSeconds == 60)
            #expect(report.windows.map(\.requests).reduce(0, +) == 2_000)
        }
    }

    /// The process's peak resident set so far (`ru_maxrss`), in MB.
    static func peakRSSMegabytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss / 1024
    }

    /// CPU time used by all threads of the process so far: wall time is meaningless on a busy
    /// two-core machine, CPU time much less so.
    static func cpuSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    /// Lines shaped like `make_bench_logs.py`'s: 10 probabilities, a status, ~70% feedback.
    static func smallLog(requests: Int) -> String {
        var generator = SeededGenerator(seed: 11)
        var text = ""
        for i in 0..<requests {
            let truth = Int(generator.next() % 10)
            let prediction = generator.nextDouble() < 0.85 ? truth : Int(generator.next() % 10)
            var weights = (0..<10).map { _ in generator.nextDouble() }
            weights[prediction] += 8 * generator.nextDouble() + 1
            let sum = weights.reduce(0, +)
            let probs = weights.map { "\($0 / sum)" }.joined(separator: ", ")
            let status = generator.nextDouble() < 0.97 ? 200 : 503
            text += "{\"ts\": \(1_795_000_000 + Double(i) * 0.5), \"id\": \"r\(i)\", \"latency_ms\": \(5 + 20 * generator.nextDouble()), \"prediction\": \(prediction), \"probs\": [\(probs)], \"status\": \(status)}\n"
            if generator.nextDouble() < 0.7 { text += "{\"id\": \"r\(i)\", \"target\": \(truth)}\n" }
        }
        return text
    }
}
