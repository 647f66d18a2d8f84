import Foundation
import Testing
import ModelTopTraining

/// Drives the real dashboard in tmux the way a user does: keys in, screen text out.
@Suite struct DashboardTmuxTests {
    static let arguments = DashboardTerminalTests.arguments

    /// Text only the given screen draws, for the digits fixtures (no logs, no retrain state).
    static let markers: [String: String] = [
        "1": "Worst dimensions", "2": "verdict by", "3": "Confusion", "4": "prediction logs", "5": "No samples",
        "6": "Retraining",
    ]

    @Test func opensVisitsEveryScreenShowsHelpAndQuits() throws {
        let session = try TmuxSession(arguments: Self.arguments)
        defer { session.close() }
        try session.waitFor("Worst dimensions", timeout: DashboardTerminalTests.startup)
        #expect(try session.screen().contains("Overview"))
        for key in ["2", "3", "4", "5", "6", "1"] {
            try session.press(key)
            try session.waitFor(Self.markers[key]!)
        }
        try session.press("Tab")
        try session.waitFor(Self.markers["2"]!)
        try session.press("Tab")
        try session.waitFor(Self.markers["3"]!)
        try session.press("BTab")
        try session.waitFor(Self.markers["2"]!)
        try session.press("C-l")
        try session.waitFor(Self.markers["2"]!)
        try session.press("?")
        try session.waitFor("Esc or ? closes")
        try session.press("Escape")
        try session.waitUntil("the help to close", timeout: 5) { !$0.contains("Esc or ? closes") }
        #expect(try session.screen().contains(Self.markers["2"]!))
        try session.press("q")
        let ending = try session.waitForExit()
        #expect(ending.status == "exit=0")
        #expect(ending.sttyBefore == ending.sttyAfter)
    }

    @Test func sortChangesTheOrderAndFilterNarrowsTheRowsOnDrift() throws {
        let session = try TmuxSession(arguments: Self.arguments)
        defer { session.close() }
        try session.waitFor("Worst dimensions", timeout: DashboardTerminalTests.startup)
        try session.press("2")
        let first = Self.driftRows(try session.waitFor(Self.markers["2"]!))
        #expect(first.count >= 12, "a page of the 16 dimensions at 120×40")
        try session.press("s")
        let sorted = Self.driftRows(try session.waitUntil("a new row order") { Self.driftRows($0) != first && Self.driftRows($0).count == first.count })
        #expect(sorted.first == "PCA_15", "the most drifted dimension leads by KS D as by PSI")
        try session.press("/")
        try session.type("PCA_1")
        try session.press("Enter")
        // Wait for the whole filtered frame: a capture can land between the header and the rows.
        let filtered = Self.driftRows(try session.waitUntil("the filtered rows") {
            $0.contains("filter \"PCA_1\"") && Self.driftRows($0).allSatisfy { $0.hasPrefix("PCA_1") }
        })
        #expect(filtered.count == 8)
        #expect(filtered.allSatisfy { $0.hasPrefix("PCA_1") })
        // Without --artifacts there is nowhere to write a model: confirming says so instead of pretending.
        try session.press("r")
        try session.waitFor("Retrain the model")
        try session.press("y")
        try session.waitFor("retrain: not available: pass --artifacts")
        try session.press("q")
        let ending = try session.waitForExit()
        #expect(ending.status == "exit=0")
        #expect(ending.sttyBefore == ending.sttyAfter)
    }

    @Test func resizeBelowTheMinimumSaysSoAndRecovers() throws {
        let session = try TmuxSession(arguments: Self.arguments)
        defer { session.close() }
        try session.waitFor("Worst dimensions", timeout: DashboardTerminalTests.startup)
        try session.resize(width: 70, height: 20)
        try session.waitFor("terminal too small")
        try session.resize(width: 120, height: 40)
        let screen = try session.waitFor("Worst dimensions")
        #expect(!screen.contains("terminal too small"))
        #expect(screen.split(separator: "\n", omittingEmptySubsequences: false).first?.contains("modeltop") == true)
        try session.press("q")
        let ending = try session.waitForExit()
        #expect(ending.status == "exit=0")
        #expect(ending.sttyBefore == ending.sttyAfter)
    }

    @Test func asciiFlagKeepsTheScreenASCII() throws {
        let session = try TmuxSession(arguments: Self.arguments + ["--ascii"])
        defer { session.close() }
        let screen = try session.waitFor("Worst dimensions", timeout: DashboardTerminalTests.startup)
        let wide = Set(screen.unicodeScalars.filter { !$0.isASCII })
        #expect(wide.isEmpty, "non-ASCII on screen with --ascii: \(wide.map { String($0) }.joined())")
        try session.press("q")
        #expect(try session.waitForExit().status == "exit=0")
    }

    /// The dimension names in the Drift table, top to bottom.
    static func driftRows(_ screen: String) -> [String] {
        screen.split(separator: "\n").compactMap { line in
            line.firstMatch(of: /^ (PCA_\d+) +[0-9]/).map { String($0.1) }
        }
    }
}
