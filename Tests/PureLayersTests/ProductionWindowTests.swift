import Testing
@testable import ModelTopBase
@testable import ModelTopStatistics
@testable import ModelTopMonitor
import ModelTopIO

/// `--window`: statistics over the newest rows only.
@Suite struct ProductionWindowTests {
    static let monitor = Result {
        let reference = ReferenceProfile(table: try DataFiles.loadTable(path: Goldens.fixture("digits/ref_data.csv")))
        return try DataFiles.loadMonitor(reference: reference, productionPath: Goldens.fixture("digits/prod_data.csv"))
    }

    @Test func parsesCountsAndDurations() {
        #expect(ProductionWindow("all") == .all)
        #expect(ProductionWindow("5000") == .rows(5000))
        #expect(ProductionWindow("15m") == .seconds(900))
        #expect(ProductionWindow("2h") == .seconds(7200))
        for bad in ["0", "-3", "15x", "m", ""] { #expect(ProductionWindow(bad) == nil, "\(bad)") }
    }

    @Test func aRowWindowEqualsAReportOnTheLastRows() throws {
        let monitor = try Self.monitor.get()
        let windowed = try monitor.restricted(to: .rows(300))
        #expect(windowed.rows == 300)
        #expect(windowed.dimensions[0].values == Array(monitor.dimensions[0].values.suffix(300)))
        #expect(windowed.confusion.total == 300)
        // The tail of the fixture is the most drifted part: a window sees it more clearly.
        let all = monitor.report(options: DriftOptions()), tail = windowed.report(options: DriftOptions())
        #expect(tail.drift.drifted > all.drift.drifted)
        #expect(tail.quality!.accuracy < all.quality!.accuracy)
    }

    @Test func aTimeWindowKeepsTheRowsNearTheNewestTimestamp() throws {
        let monitor = try Self.monitor.get()
        let windowed = try monitor.restricted(to: .seconds(3600))
        let newest = monitor.timestamp.max()!
        #expect(windowed.timestamp.allSatisfy { $0 >= newest - 3600 })
        #expect(windowed.rows == monitor.timestamp.filter { $0 >= newest - 3600 }.count)
    }

    @Test func aTimeWindowWithoutTimestampsIsAUsageError() throws {
        let reference = ReferenceProfile(table: try DataFiles.loadTable(path: Goldens.fixture("digits/ref_data.csv")))
        let monitor = try DataFiles.loadMonitor(reference: reference, productionPath: Goldens.fixture("digits/ref_data.csv"))
        #expect(throws: ModelTopError.self) { try monitor.restricted(to: .seconds(60)) }
    }
}
