import Foundation
import Testing
@testable import ModelTopBase
@testable import ModelTopStatistics
@testable import ModelTopLogs
import ModelTopOutput
import ModelTopIO

/// The operations report against scripts/make_log_goldens.py (numpy / scikit-learn), number by
/// number: through the typed report and through the JSON it writes.
@Suite struct OperationsGoldenTests {
    static let reference: ReferenceProfile? = try? ReferenceProfile(table: DataFiles.loadTable(path: Goldens.fixture("digits/ref_data.csv")))

    /// Each fixture is read and summarised once for the whole suite.
    static let reports: [String: Result<OperationsReport, ModelTopError>] = {
        var reports: [String: Result<OperationsReport, ModelTopError>] = [:]
        for directory in ["logs", "logs_dirty", "logs_stack"] {
            reports[directory] = Result { () throws(ModelTopError) in
                let (monitor, _) = try LogDirectory.load(directory: Goldens.fixture(directory))
                return OperationsReport.compute(monitor, reference: reference)
            }
        }
        return reports
    }()

    static func report(_ directory: String) throws -> OperationsReport {
        guard let result = reports[directory] else { throw Goldens.GoldenError(message: "no fixture \(directory)") }
        return try result.get()
    }

    static func golden(_ name: String) throws -> [String: Any] {
        try Goldens.json("goldens/\(name)")["operations"] as? [String: Any] ?? [:]
    }

    static func emitted(_ report: OperationsReport) throws -> [String: Any] {
        var json = JSONWriter()
        json.object { json in report.writeJSON(into: &json) }
        let object = try JSONSerialization.jsonObject(with: Data(json.text.utf8)) as? [String: Any]
        return object?["operations"] as? [String: Any] ?? [:]
    }

    @Test(arguments: [("logs", "logs_report.json"), ("logs_dirty", "logs_dirty_report.json"), ("logs_stack", "logs_stack_report.json")])
    func jsonMatchesTheGoldenKeyForKey(directory: String, goldenName: String) throws {
        let golden = try Self.golden(goldenName)
        let actual = try Self.emitted(try Self.report(directory))
        var mismatches: [String] = []
        JSONComparison.compare(actual, golden, path: "operations", relative: 1e-9, into: &mismatches)
        #expect(mismatches.isEmpty, "\(goldenName): \(mismatches.prefix(20).joined(separator: "\n"))")
    }

    @Test func typedReportMatchesTheCleanGolden() throws {
        let report = try Self.report("logs")
        let golden = try Self.golden("logs_report.json")
        #expect(report.requests == golden["requests"] as? Int)
        #expect(report.status.success == (golden["status"] as? [String: Any])?["2xx"] as? Int)
        #expect(report.status.serverError == (golden["status"] as? [String: Any])?["5xx"] as? Int)
        expectClose(report.errorRate ?? .nan, Goldens.double(golden["error_rate"]) ?? .nan, relative: 1e-12, "error rate")
        let latency = golden["latency_ms"] as? [String: Any] ?? [:]
        let summary = try #require(report.latency)
        for (key, value) in [("mean", summary.mean), ("p50", summary.p50), ("p90", summary.p90), ("p95", summary.p95),
                             ("p99", summary.p99), ("p999", summary.p999), ("max", summary.max)] {
            expectClose(value, Goldens.double(latency[key]) ?? .nan, relative: 1e-12, "latency \(key)")
        }
        let confidence = try #require(report.confidence)
        let goldenConfidence = golden["confidence"] as? [String: Any] ?? [:]
        #expect(confidence.histogram == goldenConfidence["histogram"] as? [Int])
        #expect(confidence.perClass.map(\.label) == (0...9).map(String.init))
        #expect(confidence.reliability.map(\.bin) == (goldenConfidence["reliability"] as? [[String: Any]] ?? []).compactMap { $0["bin"] as? Int })
        expectClose(confidence.ece ?? .nan, Goldens.double(goldenConfidence["ece"]) ?? .nan, relative: 1e-12, "ece")
        for (key, estimate) in [("estimated", report.estimated), ("estimated_on_labelled", report.estimatedOnLabelled)] {
            let expected = golden[key] as? [String: Any] ?? [:]
            let value = try #require(estimate)
            #expect(value.rows == expected["rows"] as? Int)
            expectClose(value.accuracy, Goldens.double(expected["accuracy"]) ?? .nan, relative: 1e-12, "\(key) accuracy")
            expectClose(value.f1Macro, Goldens.double(expected["f1_macro"]) ?? .nan, relative: 1e-12, "\(key) f1")
        }
        #expect(report.windowSeconds == Goldens.double(golden["window_seconds"]))
        #expect(report.windows.count == (golden["windows"] as? [Any])?.count)
        #expect(report.countWindowRequests == golden["count_window_requests"] as? Int)
        #expect(report.countWindows.count == (golden["count_windows"] as? [Any])?.count)
        #expect(report.countWindows.map(\.requests).reduce(0, +) == report.requests, "every request in one count window")
    }

    @Test func dirtyLogsCountTheirBadLines() throws {
        let report = try Self.report("logs_dirty")
        let golden = try Self.golden("logs_dirty_report.json")
        #expect(report.rejectedLines == golden["rejected_lines"] as? Int)
        #expect(report.pendingPartialLines == 1)
        #expect(report.orphanFeedback == golden["orphan_feedback"] as? Int)
        #expect(report.measured.labelled == (golden["measured"] as? [String: Any])?["labelled"] as? Int)
    }

    @Test func textSectionLabelsEstimatesAsEstimates() throws {
        let lines = try Self.report("logs").textSection()
        #expect(lines.first == "OPERATIONS")
        #expect(lines.contains { $0.contains("estimated (CBPE)") && $0.contains("≈") })
        #expect(lines.contains { $0.contains("p99.9") })
        let starts = Set(lines.dropFirst().map { line in line.firstIndex(where: { $0 != " " }).map { line.distance(from: line.startIndex, to: $0) } ?? 0 })
        #expect(starts == [2])
    }
}

/// Recursive comparison of two parsed JSON values: same keys, same array lengths, numbers within
/// a relative tolerance, nulls where the golden has nulls.
enum JSONComparison {
    static func compare(_ actual: Any, _ expected: Any, path: String, relative: Double, into mismatches: inout [String]) {
        switch expected {
        case let object as [String: Any]:
            guard let other = actual as? [String: Any] else { return mismatches.append("\(path): not an object") }
            if Set(other.keys) != Set(object.keys) {
                mismatches.append("\(path): keys \(other.keys.sorted()) vs \(object.keys.sorted())")
            }
            for (key, value) in object {
                if let mine = other[key] { compare(mine, value, path: path + "." + key, relative: relative, into: &mismatches) }
            }
        case let array as [Any]:
            guard let other = actual as? [Any], other.count == array.count else {
                return mismatches.append("\(path): array length \((actual as? [Any])?.count ?? -1) vs \(array.count)")
            }
            for (k, value) in array.enumerated() { compare(other[k], value, path: "\(path)[\(k)]", relative: relative, into: &mismatches) }
        case is NSNull:
            if !(actual is NSNull) { mismatches.append("\(path): \(actual) vs null") }
        case let text as String:
            if actual as? String != text { mismatches.append("\(path): \(actual) vs \(text)") }
        default:
            guard let want = Goldens.double(expected), let got = Goldens.double(actual) else {
                return mismatches.append("\(path): \(actual) vs \(expected)")
            }
            if !Goldens.close(got, want, relative: relative) { mismatches.append("\(path): \(got) vs \(want)") }
        }
    }

    /// The largest relative difference between numbers at the same place, per top-level key.
    static func maxRelativeError(_ actual: Any, _ expected: Any) -> Double {
        switch expected {
        case let object as [String: Any]:
            let other = actual as? [String: Any] ?? [:]
            return object.map { key, value in other[key].map { maxRelativeError($0, value) } ?? .infinity }.max() ?? 0
        case let array as [Any]:
            let other = actual as? [Any] ?? []
            return array.indices.map { k in k < other.count ? maxRelativeError(other[k], array[k]) : .infinity }.max() ?? 0
        default:
            guard let want = Goldens.double(expected), let got = Goldens.double(actual) else { return 0 }
            if want == got { return 0 }
            return abs(got - want) / max(abs(want), 1e-300)
        }
    }
}
