import Foundation
import Testing
@testable import ModelTopBase
@testable import ModelTopTables
@testable import ModelTopStatistics
@testable import ModelTopLogs
@testable import ModelTopMonitor
@testable import ModelTopOutput
import ModelTopIO

/// What real serving stacks write (issue 12): pandas' float labels and empty targets, failed
/// requests without a prediction, feedback lines that repeat their request, other spellings.
/// The files are written byte for byte as pandas `to_csv` and `json.dumps` write them.
@Suite struct ServingStackInputTests {
    static func line(_ text: String) -> LogLine {
        Array(text.utf8).withUnsafeBufferPointer { LogLine.parse($0.baseAddress!, 0, $0.count) }
    }

    /// pandas writes `target` as float once one value is missing (NaN as empty), while
    /// `prediction` stays int: `df.to_csv(mode='a', header=not exists, index=False)`.
    static let pandasProduction = """
        PCA_1,PCA_2,target,prediction
        0.587422340072091,-1.2150816638454442,,6
        -1.2368271525133936,-0.9898289732800976,0.0,0
        -2.110056045471277,-0.549277037662523,3.0,3
        0.1,0.2,3.0,5
        0.3,0.4,,3

        """

    @Test func labelsThatAreTheSameNumberAreOneLabel() {
        var labels = LabelTable()
        #expect(labels.intern("3") == labels.intern("3.0"))
        #expect(labels.intern("3.00") == labels.intern("+3"))
        #expect(labels.intern("3e0") == labels.intern("3"))
        #expect(labels.intern("-0") == labels.intern("0.0"))
        #expect(labels.intern("0.50") == labels.intern("0.5"))
        #expect(labels.names == ["3", "0", "0.5"])
        #expect(labels.intern("cat") != labels.intern("Cat"))
        #expect(labels.intern(" 3") != labels.intern("3"), "text with spaces stays text")
        #expect(labels.intern("nan") != labels.intern("NaN"), "nan is text, not a number label")
        #expect(labels.id(of: "3.000") == labels.id(of: "3"))
        var numeric = LabelTable(["10", "2.5", "-1"])
        _ = numeric.intern("2")
        #expect(numeric.sortedIDs().map { numeric.names[Int($0)] } == ["-1", "2", "2.5", "10"])
    }

    @Test func pandasFloatTargetsAndEmptyTargetsGiveTheRightQuality() throws {
        let reference = try CSVReaderTests.withTemporaryFile("PCA_1,PCA_2,target\n0,0,0\n1,1,3\n2,2,5\n0.5,0.5,6\n") { path in
            try ReferenceProfile(table: DataFiles.loadTable(path: path, name: "ref.csv"))
        }
        let monitor = try CSVReaderTests.withTemporaryFile(Self.pandasProduction) { path in
            try DataFiles.loadMonitor(reference: reference, productionPath: path, name: "prod.csv")
        }
        #expect(monitor.rows == 5, "an empty target is an unlabelled row, not a rejected one")
        #expect(monitor.rejections.count == 0)
        #expect(monitor.unlabelledRows == 2)
        #expect(monitor.dimensions[0].count == 5, "unlabelled rows count for drift")
        let report = monitor.report(options: DriftOptions())
        let quality = try #require(report.quality)
        #expect(quality.rows == 3)
        #expect(quality.labels == ["0", "3", "5"])
        #expect(abs(quality.accuracy - 2.0 / 3.0) < 1e-15)
        #expect(report.productionUnlabelled == 2)
        #expect(report.warnings.isEmpty)
        #expect(report.notes.contains { $0.contains("2 of 5 rows have no feedback yet") })
        let json = ReportJSON.render(report, gates: HealthGates())
        #expect(json.contains("\"unlabelled\": 2"))
    }

    @Test func targetAndPredictionWithNoLabelInCommonIsAWarning() throws {
        let reference = try CSVReaderTests.withTemporaryFile("PCA_1,target\n0,cat\n1,dog\n") { path in
            try ReferenceProfile(table: DataFiles.loadTable(path: path, name: "ref.csv"))
        }
        let monitor = try CSVReaderTests.withTemporaryFile("PCA_1,target,prediction\n0,cat,0\n1,dog,1\n") { path in
            try DataFiles.loadMonitor(reference: reference, productionPath: path, name: "prod.csv")
        }
        let report = monitor.report(options: DriftOptions())
        #expect(report.warnings.count == 1)
        #expect(report.warnings.first?.contains("target and prediction share no label") == true)
        #expect(report.notes.contains(report.warnings[0]))
    }

    @Test func failedRequestsWithoutAPredictionAreRequests() {
        var failed = RequestLine()
        failed.ts = 5
        failed.status = 503
        failed.latencyMs = 2.5
        failed.id = "r1"
        #expect(Self.line(#"{"ts": 5, "status": 503, "prediction": null, "latency_ms": 2.5, "id": "r1"}"#) == .request(failed))
        failed.prediction = nil
        #expect(Self.line(#"{"ts": 5, "status": 503, "latency_ms": 2.5, "id": "r1"}"#) == .request(failed))
        #expect(Self.line(#"{"status": 503, "prediction": null}"#) == .rejected(reason: "neither a request nor a feedback line"))
        #expect(Self.line(#"{"ts": 5, "status": 200, "prediction": null}"#) == .rejected(reason: "neither a request nor a feedback line"))
    }

    @Test func otherSpellingsIsoTimesFloatLabelsAndNestedPixels() throws {
        guard case .request(let line) = Self.line(
            #"{"timestamp": "2026-12-02T10:00:00.5Z", "prediction": 3.0, "probabilities": [0.25, 0.75], "latency": 12.5, "pixels": [[0, 1], [2, 3]], "target": "3.0"}"#)
        else { Issue.record("not a request"); return }
        #expect(line.ts == 1_796_205_600.5)
        #expect(line.prediction == "3" && line.target == "3.0", "text stays as written here; LabelTable makes it one label")
        #expect(line.probs == [0.25, 0.75] && line.latencyMs == 12.5 && line.pixels == [0, 1, 2, 3])
        guard case .request(let other) = Self.line(#"{"time": 7, "prediction": "a", "proba": [1]}"#) else { Issue.record("not a request"); return }
        #expect(other.ts == 7 && other.probs == [1])
        #expect(Self.line(#"{"ts": 1, "prediction": 1, "pixels": [[[[1]]]]}"#) == .rejected(reason: "pixels has the wrong type"))
    }

    @Test func repeatedFeedbackDuplicatesUnknownKeysAndFailuresAreAccountedFor() throws {
        let text = [
            #"{"ts": 1.0, "prediction": 1, "status": 200, "id": "a", "probs": [0.1, 0.9]}"#,
            #"{"id": "a", "target": "1.0", "prediction": 1, "ts": 31.0}"#,
            #"{"ts": 2.0, "prediction": 2, "status": 200, "id": "b", "probabilites": [0.5, 0.5]}"#,
            #"{"ts": 2.5, "prediction": 2, "status": 200, "id": "b"}"#,
            #"{"ts": 3.0, "status": 500, "prediction": null, "id": "c", "latency_ms": 4.0}"#,
            #"{"id": "b", "target": 0}"#,
        ].joined(separator: "\n") + "\n"
        let directory = NSTemporaryDirectory() + "modeltop-stack-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data(text.utf8).write(to: URL(fileURLWithPath: directory + "/predictions.jsonl"))
        let (monitor, _) = try LogDirectory.load(directory: directory)
        #expect(monitor.table.count == 3, "a, b and the failed c; not the repeated feedback nor the duplicate")
        #expect(monitor.rejections.count == 0)
        #expect(monitor.repeatedFeedback == 1 && monitor.duplicateRequests == 1 && monitor.firstDuplicate == "b")
        #expect(monitor.unknownKeys == ["probabilites": 1])
        let names = monitor.table.target.map { $0 >= 0 ? monitor.table.labels.names[Int($0)] : "-" }
        #expect(names == ["1", "0", "-"])
        let operations = OperationsReport.compute(monitor, reference: nil)
        #expect(operations.status.serverError == 1 && operations.requests == 3)
        #expect(operations.measured.labelled == 2 && operations.measured.accuracy == 0.5)
        let notes = monitor.notes(directory: "logs")
        #expect(notes.contains("logs: unknown key `probabilites` in 1 line; did you mean `probabilities`?"))
        #expect(notes.contains { $0.contains("1 request line repeats an earlier request's id (the first: id \"b\")") })
        #expect(notes.contains { $0.contains("1 failed request without a prediction") })
    }

    @Test func suggestionsNameTheClosestKnownKey() {
        #expect(LogMonitor.suggestion(for: "probabilites") == "probabilities")
        #expect(LogMonitor.suggestion(for: "Latency_MS") == "latency_ms")
        #expect(LogMonitor.suggestion(for: "predicton") == "prediction")
        #expect(LogMonitor.suggestion(for: "model_version") == nil)
        #expect(LogMonitor.suggestion(for: "tz") == "ts")
    }

    /// Months of history dilute a fresh drift; the newest rows judged alone show it at once.
    @Test func aFreshDriftShowsInTheRecentWindow() throws {
        var generator = SeededGenerator(seed: 3)
        func normal() -> Double {
            let u = max(Double.random(in: 0..<1, using: &generator), 1e-12), v = Double.random(in: 0..<1, using: &generator)
            return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
        }
        let reference = "a,b,target\n" + (0..<2000).map { _ in "\(normal()),\(normal()),1" }.joined(separator: "\n") + "\n"
        var production = "a,b,target,prediction\n"
        production += (0..<20_000).map { _ in "\(normal()),\(normal()),1,1" }.joined(separator: "\n") + "\n"
        production += (0..<600).map { _ in "\(normal() + 1.5),\(normal() + 1.5),1,1" }.joined(separator: "\n") + "\n"
        let profile = try CSVReaderTests.withTemporaryFile(reference) { try ReferenceProfile(table: DataFiles.loadTable(path: $0)) }
        let monitor = try CSVReaderTests.withTemporaryFile(production) { try DataFiles.loadMonitor(reference: profile, productionPath: $0) }
        let whole = monitor.report(options: DriftOptions())
        #expect(!whole.drift.datasetDrift, "600 drifted rows in 20,600 hardly move the whole")
        let recent = try #require(RecentDrift.judge(monitor, options: DriftOptions()))
        #expect(recent.rows == 500 && recent.name == "the last 500 rows")
        #expect(recent.drift.datasetDrift && recent.drift.drifted == 2)
        var snapshot = DashboardSnapshot(report: whole, generatedAt: 0)
        snapshot.recent = recent
        #expect(snapshot.alerts.first?.message.hasPrefix("fresh drift: 2 of 2 dimensions drifted in the last 500 rows") == true)
        #expect(RecentDrift.judge(monitor.keepingLast(400), options: DriftOptions()) == nil, "no window when it would be everything")
        // Judged at most once a second; rows arriving in between mark the verdict stale.
        var cache = RecentDrift.Cache()
        #expect(RecentDrift.judge(monitor, options: DriftOptions(), now: 10, cache: &cache) == recent && !cache.isStale)
        let older = monitor.keepingLast(20_000)
        #expect(RecentDrift.judge(older, options: DriftOptions(), now: 10.5, cache: &cache) == recent && cache.isStale)
        #expect(RecentDrift.judge(older, options: DriftOptions(), now: 11, cache: &cache) == RecentDrift.judge(older, options: DriftOptions()))
        #expect(!cache.isStale)
    }

    /// `report` on a file being appended to: the half-written last line is pending, not rejected;
    /// a whole bad line is still rejected.
    @Test func aHalfWrittenLastLineIsPendingNotRejected() throws {
        let reference = try CSVReaderTests.withTemporaryFile("PCA_1,PCA_2,target\n0,0,0\n1,1,3\n") { path in
            try ReferenceProfile(table: DataFiles.loadTable(path: path, name: "ref.csv"))
        }
        let live = try CSVReaderTests.withTemporaryFile(Self.pandasProduction + "0.25,-1.5") { path in
            try DataFiles.loadMonitor(reference: reference, productionPath: path, name: "prod.csv")
        }
        #expect(live.rows == 5 && live.rejections.count == 0 && live.pendingPartialLine)
        #expect(live.report(options: DriftOptions()).notes.contains { $0.contains("left pending") })
        let bad = try CSVReaderTests.withTemporaryFile(Self.pandasProduction + "0.25,oops,1,1\n") { path in
            try DataFiles.loadMonitor(reference: reference, productionPath: path, name: "prod.csv")
        }
        #expect(bad.rejections.count == 1 && !bad.pendingPartialLine)
    }
}
