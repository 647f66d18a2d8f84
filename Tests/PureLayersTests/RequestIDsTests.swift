import Testing
import ModelTopTables
@testable import ModelTopLogs

/// The id join compares bytes whenever hashes agree, so a collision can never join two ids.
@Suite struct RequestIDsTests {
    static func intern(_ ids: inout RequestIDs, _ text: String, hash: UInt64? = nil) -> (number: Int32, isNew: Bool) {
        var text = text
        return text.withUTF8 { ids.intern($0, hash: hash ?? IDHash.hash($0)) }
    }

    @Test func equalHashesWithDifferentBytesStayDifferentIDs() {
        var ids = RequestIDs()
        // Every id gets the same hash: the worst collision there is. (Growing would rehash them
        // with the real function, so room is made first.)
        let names = (0..<3000).map { "req-\($0)" }
        ids.reserveCapacity(names.count, length: 8)
        for (k, name) in names.enumerated() {
            #expect(Self.intern(&ids, name, hash: 42) == (Int32(k), true))
        }
        for (k, name) in names.enumerated().reversed() {
            #expect(Self.intern(&ids, name, hash: 42) == (Int32(k), false))
        }
        #expect(ids.count == names.count)
        #expect(ids.string(1234) == "req-1234")
    }

    @Test func idsSurviveGrowthAndKeepTheirNumbers() {
        var ids = RequestIDs()
        let names = (0..<50_000).map { "id-\($0 * 7919)-é" } + [""]
        for (k, name) in names.enumerated() { #expect(Self.intern(&ids, name).number == Int32(k)) }
        for (k, name) in names.enumerated() where k % 97 == 0 { #expect(Self.intern(&ids, name) == (Int32(k), false)) }
        #expect(ids.string(Int32(names.count - 2)) == names[names.count - 2])
    }

    @Test func aRequestAndItsFeedbackJoinAcrossChunksWhicheverComesFirst() {
        var monitor = LogMonitor()
        var first = LogChunk()
        first.append(LogChunk.Feedback(id: "late", target: "3"))
        var request = RequestLine()
        request.prediction = "1"
        request.id = "early"
        first.append(request)
        monitor.append(first, firstLine: 1)
        #expect(monitor.orphanFeedback == 1)
        var second = LogChunk()
        request.id = "late"
        second.append(request)
        second.append(LogChunk.Feedback(id: "early", target: "2"))
        monitor.append(second, firstLine: 3)
        let targets = monitor.table.target.map { monitor.table.labels.names[Int($0)] }
        #expect(targets == ["2", "3"])
        #expect(monitor.orphanFeedback == 0)
        #expect(monitor.table.ids[0] == "early" && monitor.table.ids[1] == "late")
    }
}
