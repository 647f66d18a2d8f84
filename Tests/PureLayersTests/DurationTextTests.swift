import Testing
@testable import ModelTopBase
@testable import ModelTopMonitor

/// One duration grammar for `--interval`, `--window` and `--retrain-cooldown`.
@Suite struct DurationTextTests {
    @Test func everyUnitAndBareSeconds() {
        #expect(DurationText.seconds("500ms") == 0.5)
        #expect(DurationText.seconds("90s") == 90 && DurationText.seconds("15m") == 900)
        #expect(DurationText.seconds("1.5h") == 5400 && DurationText.seconds("7d") == 604_800)
        #expect(DurationText.seconds("30") == 30)
        #expect(DurationText.seconds("30", bareNumber: false) == nil)
        for bad in ["", "m", "-5s", "inf", "nans", "5x", "1e999s"] { #expect(DurationText.seconds(bad) == nil, "\(bad)") }
    }

    @Test func windowsTakeRowsOrASpan() {
        #expect(ProductionWindow("5000") == .rows(5000))
        #expect(ProductionWindow("15m") == .seconds(900) && ProductionWindow("500ms") == .seconds(0.5))
        #expect(ProductionWindow("0s") == nil && ProductionWindow("all") == .all && ProductionWindow("later") == nil)
    }
}

/// Paths cut without Foundation, whose NSString version traps on a one-character path.
@Suite struct PathTextTests {
    @Test func directoryAndLastComponent() {
        let cases = [("a/b/c.csv", "a/b"), ("c.csv", "."), ("p", "."), ("0", "."), ("/c.csv", "/"), ("a/b/", "a"), ("/", "/"), ("", ".")]
        for (path, directory) in cases { #expect(PathText.directory(of: path) == directory, "\(path)") }
        #expect(PathText.lastComponent(of: "a/b/c.csv") == "c.csv" && PathText.lastComponent(of: "a/b/") == "b" && PathText.lastComponent(of: "p") == "p")
    }
}
