import Foundation
import Testing
import ModelTopTables
@testable import ModelTopStatistics
import ModelTopMonitor
@testable import ModelTopIO

/// Watch mode on a directory as real stacks treat it (issue 12): `prod_data.csv` that does not
/// exist yet, is header-only, is deleted and created again; a reference rewritten in place.
/// The clock is the test's, so "settled" is decided without sleeping.
@Suite struct LiveSourcesTests {
    final class Clock: @unchecked Sendable {
        var now = 100.0
    }

    struct Directory {
        let path = NSTemporaryDirectory() + "modeltop-live-\(UUID().uuidString)"
        var reference: String { path + "/ref_data.csv" }
        var production: String { path + "/prod_data.csv" }

        init() throws { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }

        func write(_ text: String, to file: String) throws { try Data(text.utf8).write(to: URL(fileURLWithPath: file)) }

        /// Appends as pandas' `to_csv(mode='a')` does: to the same file, in place.
        func append(_ text: String, to file: String) throws {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
            try handle.close()
        }

        /// Rewrites in place (`open(…, "w")`): same inode, truncated first.
        func rewrite(_ text: String, to file: String) throws {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
            try handle.truncate(atOffset: 0)
            try handle.write(contentsOf: Data(text.utf8))
            try handle.close()
        }

        func remove() { try? FileManager.default.removeItem(atPath: path) }
    }

    static let reference = "PCA_1,PCA_2,target\n" + (0..<40).map { "\(Double($0) / 10),\(Double($0 % 7)),\($0 % 3)" }.joined(separator: "\n") + "\n"
    static func rows(_ range: Range<Int>, shift: Double = 0) -> String {
        range.map { "\(Double($0) / 10 + shift),\(Double($0 % 5)),\($0 % 3 == 0 ? "" : "\($0 % 3).0"),\($0 % 3)" }.joined(separator: "\n") + "\n"
    }

    func sources(_ directory: Directory, _ clock: Clock) throws -> LiveSources {
        try LiveSources(
            referencePath: directory.reference, productionPath: directory.production, logDirectory: nil, settleSeconds: 0.5,
            clock: { clock.now })
    }

    @Test func waitsForProductionAndStartsAfreshWhenItIsDeletedAndCreatedAgain() throws {
        let directory = try Directory()
        defer { directory.remove() }
        try directory.write(Self.reference, to: directory.reference)
        let clock = Clock()
        let live = try sources(directory, clock)
        #expect(live.monitor == nil)
        #expect(live.productionWaiting?.contains("no such file yet") == true)

        try directory.write("", to: directory.production)  // `touch prod_data.csv`
        _ = try live.refresh()
        #expect(live.productionWaiting?.contains("the file is empty") == true)

        try directory.append("PCA_1,PCA_2,target,prediction\n", to: directory.production)
        _ = try live.refresh()
        #expect(live.productionWaiting?.contains("no production rows yet") == true)

        try directory.append(Self.rows(0..<400), to: directory.production)
        _ = try live.refresh()
        #expect(live.productionWaiting == nil)
        #expect(live.monitor?.rows == 400)

        try FileManager.default.removeItem(atPath: directory.production)
        _ = try live.refresh()
        #expect(live.monitor == nil && live.productionWaiting?.contains("no such file yet") == true)
        #expect(live.takeNotices().contains { $0.contains("start afresh") })

        try directory.write("PCA_1,PCA_2,target,prediction\n" + Self.rows(0..<50, shift: 2), to: directory.production)
        _ = try live.refresh()
        let monitor = try #require(live.monitor)
        #expect(monitor.rows == 50, "the old file's 400 rows are gone with it")
        // The final state equals a one-shot report on the file as it is.
        let oneShot = try DataFiles.loadMonitor(reference: live.reference, productionPath: directory.production)
        #expect(monitor.report(options: DriftOptions()) == oneShot.report(options: DriftOptions()))
        #expect(monitor.unlabelledRows == 17)
    }

    @Test func aFileWhoseFirstLineIsDataIsNamedAndWaitedOn() throws {
        let directory = try Directory()
        defer { directory.remove() }
        try directory.write(Self.reference, to: directory.reference)
        try directory.write(Self.rows(0..<3), to: directory.production)  // touched, then header=False
        let live = try sources(directory, Clock())
        #expect(live.monitor == nil)
        #expect(live.productionWaiting?.contains("the first line is data") == true)
        // Fixed by rewriting the file with its header: counted from then on.
        try directory.rewrite("PCA_1,PCA_2,target,prediction\n" + Self.rows(0..<3), to: directory.production)
        _ = try live.refresh()
        #expect(live.monitor?.rows == 3 && live.productionWaiting == nil)
    }

    @Test func aReferenceRewrittenInPlaceIsRebuiltOnlyOnceSettledAndWhole() throws {
        let directory = try Directory()
        defer { directory.remove() }
        try directory.write(Self.reference, to: directory.reference)
        try directory.write("PCA_1,PCA_2,target,prediction\n" + Self.rows(0..<30), to: directory.production)
        let clock = Clock()
        let live = try sources(directory, clock)
        let before = live.reference.table.rowCount

        try directory.rewrite("", to: directory.reference)  // the moment of the truncate
        #expect(try live.refresh())
        #expect(live.reference.table.rowCount == before, "never rebuilt from an empty file")
        #expect(live.referenceProblem?.contains("being rewritten") == true)
        clock.now += 5
        _ = try live.refresh()
        #expect(live.reference.table.rowCount == before, "an empty file never settles into a reference")

        let lines = Self.reference.split(separator: "\n", omittingEmptySubsequences: false)
        let half = lines.prefix(20).joined(separator: "\n") + "\n" + lines[20].prefix(3)  // cut inside a line
        try directory.rewrite(half, to: directory.reference)
        _ = try live.refresh()
        clock.now += 5
        _ = try live.refresh()
        #expect(live.reference.table.rowCount == before, "a half-written line means a writer is still at work")

        let longer = Self.reference + "9,9,2\n"
        try directory.rewrite(longer, to: directory.reference)
        _ = try live.refresh()
        clock.now += 0.2
        _ = try live.refresh()
        #expect(live.reference.table.rowCount == before, "not settled yet")
        clock.now += 0.5
        _ = try live.refresh()
        #expect(live.reference.table.rowCount == before + 1)
        #expect(live.referenceProblem == nil)
        #expect(live.takeNotices().contains { $0.contains("reference rebuilt (41 rows)") })
        #expect(live.monitor?.rows == 30, "production is counted again against the new reference")

        try directory.rewrite(Self.reference + "9,oops,2\n", to: directory.reference)
        _ = try live.refresh()
        clock.now += 1
        _ = try live.refresh()
        #expect(live.reference.table.rowCount == before + 1, "a reference with a rejected row is not taken silently")
        #expect(live.referenceProblem?.contains("keeping the previous reference") == true)
        #expect(live.inputWarnings.contains { $0.contains("1 rows rejected") })
    }
}
