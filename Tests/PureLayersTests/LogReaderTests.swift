import Foundation
import Testing
@testable import ModelTopBase
import ModelTopTables
@testable import ModelTopLogs
@testable import ModelTopMonitor
import ModelTopIO

/// Reading prediction logs: rotation order, bad and half-written lines, the feedback join.
@Suite struct LogReaderTests {
    static func line(_ text: String) -> LogLine {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { LogLine.parse(UnsafePointer($0.baseAddress!), 0, $0.count) }
    }

    @Test func filesAreReadOldestFirst() throws {
        let (files, skipped) = try LogDirectory.files(in: Goldens.fixture("logs"))
        #expect(files == ["predictions.jsonl.1", "predictions.jsonl"])
        #expect(skipped.isEmpty)
    }

    /// logrotate's `compress`: `predictions.jsonl.1` becomes `predictions.jsonl.1.gz`. A report
    /// reads it in its place and gives the same figures; watch mode lists it as skipped.
    @Test func compressedRotationsAreReadInTheirPlace() throws {
        let directory = try TemporaryFiles.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let fixture = Goldens.fixture("logs")
        try FileManager.default.copyItem(atPath: fixture + "/predictions.jsonl", toPath: directory + "/predictions.jsonl")
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-c", fixture + "/predictions.jsonl.1"]
        _ = FileManager.default.createFile(atPath: directory + "/predictions.jsonl.1.gz", contents: nil)
        gzip.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: directory + "/predictions.jsonl.1.gz"))
        try gzip.run()
        gzip.waitUntilExit()
        #expect(gzip.terminationStatus == 0)

        #expect(try LogDirectory.files(in: directory, includeCompressed: true).files == ["predictions.jsonl.1.gz", "predictions.jsonl"])
        #expect(try LogDirectory.files(in: directory).skipped == ["predictions.jsonl.1.gz"])
        let (compressed, skipped) = try LogDirectory.load(directory: directory)
        let (plain, _) = try LogDirectory.load(directory: fixture)
        #expect(skipped.isEmpty)
        #expect(compressed.table.count == plain.table.count && compressed.orphanFeedback == plain.orphanFeedback)
        let a = try OperationsGoldenTests.emitted(OperationsReport.compute(compressed, reference: nil))
        let b = try OperationsGoldenTests.emitted(OperationsReport.compute(plain, reference: nil))
        #expect(NSDictionary(dictionary: a).isEqual(to: b), "the same report from the compressed rotation")
    }

    @Test func cleanLogsMatchTheGoldenCounts() throws {
        let golden = try Goldens.json("goldens/logs_report.json")
        let operations = golden["operations"] as? [String: Any] ?? [:]
        let (monitor, _) = try LogDirectory.load(directory: Goldens.fixture("logs"))
        #expect(monitor.table.count == operations["requests"] as? Int)
        #expect(monitor.rejections.count == 0)
        #expect(monitor.pendingPartialLines == 0)
        #expect(monitor.orphanFeedback == operations["orphan_feedback"] as? Int)
        let measured = operations["measured"] as? [String: Any] ?? [:]
        let labelled = (0..<monitor.table.count).filter { monitor.table.isScored($0) && monitor.table.target[$0] >= 0 }.count
        #expect(labelled == measured["labelled"] as? Int)
    }

    @Test func dirtyLogsAccountForEveryBadLine() throws {
        let golden = try Goldens.json("goldens/logs_dirty_report.json")
        let operations = golden["operations"] as? [String: Any] ?? [:]
        let (monitor, _) = try LogDirectory.load(directory: Goldens.fixture("logs_dirty"))
        #expect(monitor.table.count == operations["requests"] as? Int)
        #expect(monitor.pendingPartialLines == 1)
        let expected = (golden["rejected"] as? [[String: Any]] ?? []).map { "\($0["file"]!):\($0["line"]!): \($0["reason"]!)" }
        #expect(monitor.rejections.first.map(Diagnostics.message(for:)) == expected)
    }

    @Test func lineClassificationFollowsTheContract() {
        #expect(Self.line("") == .rejected(reason: "empty line"))
        #expect(Self.line("not json") == .rejected(reason: "invalid JSON"))
        #expect(Self.line("[1, 2, 3]") == .rejected(reason: "not a JSON object"))
        #expect(Self.line("{\"ts\": 1, \"prediction\": 3") == .rejected(reason: "invalid JSON"))
        #expect(Self.line("{\"prediction\": 3}") == .rejected(reason: "missing ts"))
        #expect(Self.line("{\"ts\": \"yesterday\", \"prediction\": 3}") == .rejected(reason: "ts is neither Unix seconds nor an ISO-8601 time"))
        #expect(Self.line("{\"ts\": 1, \"prediction\": [3]}") == .rejected(reason: "prediction is not a number or string"))
        #expect(Self.line("{\"ts\": 1, \"prediction\": null}") == .rejected(reason: "neither a request nor a feedback line"))
        #expect(Self.line("{\"ts\": 1, \"prediction\": 3, \"probs\": []}") == .rejected(reason: "probs has the wrong type"))
        #expect(Self.line("{\"ts\": 1, \"prediction\": 3, \"status\": 200.0}") == .rejected(reason: "status has the wrong type"))
        #expect(Self.line("{\"ts\": 1}") == .rejected(reason: "neither a request nor a feedback line"))
        #expect(Self.line("{\"id\": 7, \"target\": 1}") == .rejected(reason: "id has the wrong type"))
        #expect(Self.line("{\"id\": \"a\", \"target\": 1}") == .feedback(id: "a", target: "1"))
        var request = RequestLine()
        request.ts = 5
        request.prediction = "cat"
        request.probs = [0.25, 0.75]
        request.status = 503
        request.id = "é\n"
        #expect(Self.line("{\"extra\": {\"deep\": [1, {\"x\": null}]}, \"ts\": 5, \"prediction\": \"cat\", \"probs\": [0.25, 0.75], \"status\": 503, \"id\": \"\\u00e9\\n\", \"latency_ms\": null}\r") == .request(request))
    }

    @Test func feedbackJoinsInAnyOrderAndLaterWins() {
        var monitor = LogMonitor()
        var chunk = LogChunk()
        chunk.append(LogChunk.Feedback(id: "b", target: "1"))
        var a = RequestLine(), b = RequestLine()
        a.id = "a"; a.prediction = "0"; a.target = "0"
        b.id = "b"; b.prediction = "1"
        chunk.append(a)
        chunk.append(b)
        monitor.append(chunk, firstLine: 1)
        var later = LogChunk()
        for (id, target) in [("a", "2"), ("zzz", "3"), ("zzz", "3")] { later.append(LogChunk.Feedback(id: id, target: target)) }
        monitor.append(later, firstLine: 4)
        let names = monitor.table.target.map { $0 >= 0 ? monitor.table.labels.names[Int($0)] : "-" }
        #expect(names == ["2", "1"])
        #expect(monitor.orphanFeedback == 2)
    }

    @Test func aHugeLineIsRejectedWithoutBufferingIt() throws {
        let directory = NSTemporaryDirectory() + "modeltop-logs-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var text = "{\"ts\": 1, \"prediction\": 1}\n"
        text += String(repeating: "x", count: 9 << 20) + "\n"
        text += "{\"ts\": 2, \"prediction\": 2}\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: directory + "/api.jsonl"))
        let (monitor, _) = try LogDirectory.load(directory: directory)
        #expect(monitor.table.count == 2)
        #expect(monitor.rejections.first.map(Diagnostics.message(for:)) == ["api.jsonl:2: line longer than 65536 bytes"])
    }

    @Test func samplesAreTheNewestImagesScaledForTheScreen() throws {
        let (monitor, _) = try LogDirectory.load(directory: Goldens.fixture("logs"))
        let samples = SamplesSnapshot(logs: monitor).samples
        #expect(samples.count == LogMonitor.samplesKept || samples.count == monitor.recentImages.count)
        #expect(samples.count <= LogMonitor.samplesKept)
        let newest = try #require(samples.first)
        let lastRow = try #require(monitor.recentImages.last).row
        #expect(newest.id == monitor.table.ids[lastRow])
        #expect(newest.imageWidth == 8 && newest.imageHeight == 8 && newest.pixels.count == 64)
        // 8×8 digits use 0…16: scaled so the darkest stroke is near 255.
        #expect((newest.pixels.max() ?? 0) > 200)
        // Each sample carries its request's joined target (the newest 20% of the fixture have none yet).
        for (sample, entry) in zip(samples, monitor.recentImages.reversed()) {
            let target = monitor.table.target[entry.row]
            #expect(sample.target == (target >= 0 ? monitor.table.labels.names[Int(target)] : nil))
        }
    }
}
