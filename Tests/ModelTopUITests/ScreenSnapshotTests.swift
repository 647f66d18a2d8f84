import Testing
@testable import ModelTopUI

/// Every screen at the three reference sizes, from the real drifted fixture.
@Suite struct ScreenSnapshotTests {
    static let sizes = [(80, 24), (120, 40), (200, 60)]

    @Test(arguments: Screen.allCases)
    func screenAtEverySize(_ screen: Screen) throws {
        var dashboard = try Fixtures.dashboard()
        _ = dashboard.handle(.key(.character(Character(String(screen.rawValue)))))
        for (width, height) in Self.sizes {
            _ = dashboard.handle(.resize(width: width, height: height))
            assertSnapshot(dashboard.render(width: width, height: height),
                           named: "\(screen.title.lowercased())-\(width)x\(height)")
        }
    }

    @Test func tooSmallScreen() throws {
        let dashboard = try Fixtures.dashboard()
        let canvas = dashboard.render(width: 60, height: 20)
        assertSnapshot(canvas, named: "too-small-60x20")
        #expect(canvas.text.contains("terminal too small: need 80×24, have 60×20"))
    }

    @Test func helpOverlay() throws {
        var dashboard = try Fixtures.dashboard()
        _ = dashboard.handle(.key(.character("?")))
        assertSnapshot(dashboard.render(width: 80, height: 24), named: "help-80x24")
        assertSnapshot(dashboard.render(width: 120, height: 40), named: "help-120x40")
    }

    @Test func confirmDialogAndFilterPrompt() throws {
        var dashboard = try Fixtures.dashboard()
        _ = dashboard.handle(.key(.character("2")))
        for key: Key in [.character("/"), .character("1"), .character("2")] { _ = dashboard.handle(.key(key)) }
        assertSnapshot(dashboard.render(width: 80, height: 24), named: "drift-filter-typing-80x24")
        _ = dashboard.handle(.key(.enter))
        assertSnapshot(dashboard.render(width: 80, height: 24), named: "drift-filtered-80x24")
        _ = dashboard.handle(.key(.character("r")))
        assertSnapshot(dashboard.render(width: 80, height: 24), named: "confirm-retrain-80x24")
    }

    @Test func cleanFixtureOverview() throws {
        let dashboard = Dashboard(snapshot: try Fixtures.snapshot(production: "prod_clean.csv"), options: DashboardOptions())
        assertSnapshot(dashboard.render(width: 120, height: 40), named: "overview-clean-120x40")
    }

    @Test func asciiMonochromeOverview() throws {
        let dashboard = try Fixtures.dashboard(DashboardOptions(ascii: true, colors: 0))
        assertSnapshot(dashboard.render(width: 80, height: 24), named: "overview-ascii-80x24")
        var drift = dashboard
        _ = drift.handle(.key(.character("2")))
        assertSnapshot(drift.render(width: 120, height: 40), named: "drift-ascii-120x40")
    }
}
