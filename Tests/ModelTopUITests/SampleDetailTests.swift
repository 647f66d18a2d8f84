import Testing
import ModelTopMonitor
@testable import ModelTopUI

/// The open sample (Enter on Samples): the digit at full size, its facts and probability bars,
/// in both text modes at the reference sizes, and what it says when there is nothing to draw.
@Suite struct SampleDetailTests {
    static func opened(_ options: DashboardOptions = DashboardOptions(), down: Int = 0) throws -> Dashboard {
        var dashboard = Dashboard(snapshot: try SampleFixtures.snapshot(), options: options)
        _ = dashboard.handle(.key(.character("5")))
        for _ in 0..<down { _ = dashboard.handle(.key(.character("j"))) }
        _ = dashboard.handle(.key(.enter))
        return dashboard
    }

    @Test func eightByEightWithProbabilitiesInUnicode() throws {
        let dashboard = try Self.opened()
        assertSnapshot(dashboard.render(width: 80, height: 24), named: "sample-detail-80x24")
        assertSnapshot(dashboard.render(width: 120, height: 40), named: "sample-detail-120x40")
        let text = dashboard.render(width: 80, height: 24).text
        #expect(text.contains("▀") || text.contains("▄"), "half blocks")
        for fact in ["predicted   8", "WRONG", "true class  3", "confidence  0.561", "latency     12.6 ms", "time        2026-11-21 23:59:00Z", "id          req-0042"] {
            #expect(text.contains(fact), "\(fact)")
        }
        #expect(text.contains("◀ predicted") && text.contains("◀ true"))
        #expect(text.contains("Sample 1 of 4"))
    }

    @Test func eightByEightInAscii() throws {
        let dashboard = try Self.opened(DashboardOptions(ascii: true, colors: 0))
        for (w, h) in [(80, 24), (120, 40)] {
            let canvas = dashboard.render(width: w, height: h)
            assertSnapshot(canvas, named: "sample-detail-ascii-\(w)x\(h)")
            let ascii = canvas.text.unicodeScalars.allSatisfy { $0.isASCII }
            #expect(ascii)
            #expect(canvas.text.contains("< predicted") && canvas.text.contains("###"))
        }
    }

    @Test func twentyEightByTwentyEightFitsTheSmallestTerminal() throws {
        let dashboard = try Self.opened(down: 2)
        let canvas = dashboard.render(width: 80, height: 24)
        assertSnapshot(canvas, named: "sample-detail-mnist-80x24")
        #expect(canvas.text.contains("no feedback yet") && canvas.text.contains("not logged"))
        // 28 pixel rows are 14 text rows: the whole image and every class bar are on screen.
        #expect(canvas.text.contains("28×28 pixels"))
        #expect(!canvas.text.contains("more classes"))
        let ascii = try Self.opened(DashboardOptions(ascii: true, colors: 0), down: 2)
        assertSnapshot(ascii.render(width: 80, height: 24), named: "sample-detail-mnist-ascii-80x24")
    }

    @Test func noPixelsSaysSo() throws {
        let dashboard = try Self.opened(down: 3)
        for (w, h) in [(80, 24), (120, 40)] {
            let canvas = dashboard.render(width: w, height: h)
            assertSnapshot(canvas, named: "sample-detail-no-pixels-\(w)x\(h)")
            #expect(canvas.text.contains("no pixels logged for") && canvas.text.contains("this request"))
            #expect(canvas.text.contains("no class probabilities logged"))
        }
    }

    /// The list the detail opens from, plain and filtered, at the smallest size.
    @Test func theListItOpensFrom() throws {
        var dashboard = Dashboard(snapshot: try SampleFixtures.snapshot(), options: DashboardOptions())
        _ = dashboard.handle(.key(.character("5")))
        assertSnapshot(dashboard.render(width: 80, height: 24), named: "samples-list-80x24")
        var ascii = Dashboard(snapshot: try SampleFixtures.snapshot(), options: DashboardOptions(ascii: true, colors: 0))
        _ = ascii.handle(.key(.character("5")))
        _ = ascii.handle(.key(.character("l")))
        assertSnapshot(ascii.render(width: 80, height: 24), named: "samples-list-low-confidence-ascii-80x24")
        #expect(ascii.render(width: 80, height: 24).text.contains("req-0042"), "ids are not cut at 80 columns")
    }

    @Test func tooManyClassesShowTheLikeliestAndSaySo() throws {
        var probabilities = [Double](repeating: 0.01, count: 40)
        probabilities[17] = 0.6
        var painter = Painter(width: 60, height: 8, options: DashboardOptions())
        let used = ProbabilityBars.draw(&painter, probabilities: probabilities, predicted: "17", truth: "3",
                                        in: Rect(x: 0, y: 0, width: 60, height: 8))
        #expect(used == 8)
        let text = painter.canvas.text
        #expect(text.contains("17") && text.contains("◀ predicted") && text.contains("33 more classes"))
        #expect(ProbabilityBars.classesShown(probabilities, rows: 8) == [0, 1, 2, 3, 4, 5, 17])
    }

    @Test func imageTooSmallToRecogniseIsNotDrawn() throws {
        let sample = try SampleFixtures.samples().samples[0]
        var painter = Painter(width: 30, height: 3, options: DashboardOptions())
        SampleImage.draw(&painter, sample, in: Rect(x: 0, y: 0, width: 30, height: 3))
        #expect(painter.canvas.text.contains("too small to draw"))
    }

    @Test func emptyFilterInTheOpenSampleSaysHowToGetBack() throws {
        var dashboard = try Self.opened()
        _ = dashboard.handle(.key(.character("/")))
        for c in "nothing-matches" { _ = dashboard.handle(.key(.character(c))) }
        _ = dashboard.handle(.key(.enter))
        let text = dashboard.render(width: 80, height: 24).text
        #expect(text.contains("No sample matches the filter") && text.contains("a shows every sample"))
    }
}
