import Foundation
import Testing
import ModelTopStatistics
import ModelTopMonitor
@testable import ModelTopUI

/// Every size, every screen and overlay: never a crash, always exactly the canvas asked for.
@Suite struct LayoutTests {
    /// Dashboards showing each screen, plus the help, confirm and filter overlays.
    static func states(_ options: DashboardOptions = DashboardOptions()) throws -> [Dashboard] {
        var all: [Dashboard] = []
        for screen in Screen.allCases {
            var d = try Fixtures.dashboard(options)
            _ = d.handle(.key(.character(Character(String(screen.rawValue)))))
            _ = d.handle(.key(.character("j")))
            all.append(d)
        }
        for keys: [Key] in [[.character("?")], [.character("r")], [.character("2"), .character("/"), .character("x")]] {
            var d = try Fixtures.dashboard(options)
            for key in keys { _ = d.handle(.key(key)) }
            all.append(d)
        }
        return all
    }

    @Test func everySizeFrom1x1To250x80() throws {
        let dashboards = try Self.states()
        var sizes: [(Int, Int)] = [(1, 1), (5, 2), (0, 0), (79, 24), (80, 23), (80, 24), (81, 25), (250, 80)]
        for width in stride(from: 1, through: 250, by: 13) {
            for height in stride(from: 1, through: 80, by: 7) { sizes.append((width, height)) }
        }
        for (width, height) in sizes {
            for var d in dashboards {
                _ = d.handle(.resize(width: width, height: height))
                let canvas = d.render(width: width, height: height)
                #expect(canvas.width == max(0, width) && canvas.height == max(0, height))
            }
        }
    }

    /// Every width at the heights where layouts switch, and every height at the switching widths.
    @Test func everyWidthAndEveryHeightAtTheEdges() throws {
        let dashboards = try Self.states()
        var sizes: [(Int, Int)] = []
        for width in 1...250 { for height in [1, 2, 23, 24, 25, 80] { sizes.append((width, height)) } }
        for height in 1...80 { for width in [1, 79, 80, 81, 149, 150, 250] { sizes.append((width, height)) } }
        for (width, height) in sizes {
            for d in dashboards where width >= 80 || d.state.screen == .overview {
                let canvas = d.render(width: width, height: height)
                #expect(canvas.width == width && canvas.height == height)
            }
        }
    }

    @Test func tooSmallIsExactlyOneCentredLine() throws {
        let d = try Fixtures.dashboard()
        let canvas = d.render(width: 79, height: 30)
        let lines = canvas.text.split(separator: "\n", omittingEmptySubsequences: false)
        let message = "terminal too small: need 80×24, have 79×30"
        #expect(lines[14].trimmingCharacters(in: .whitespaces) == message)
        #expect(lines.enumerated().allSatisfy { $0.offset == 14 || $0.element.allSatisfy { $0 == " " } })
        #expect(lines[14].prefix { $0 == " " }.count == (79 - message.count) / 2)
        #expect(d.render(width: 1, height: 1).text.count == 1)
    }

    @Test func asciiModeUsesOnlyAscii() throws {
        for d in try Self.states(DashboardOptions(ascii: true, colors: 0)) {
            for (width, height) in [(80, 24), (120, 40), (200, 60), (40, 10)] {
                let text = d.render(width: width, height: height).text
                let offending = text.unicodeScalars.first { !$0.isASCII }
                // A "?" that is not the help key means a character had no ASCII stand-in.
                let stray = text.split(separator: "\n").filter { line in
                    line.contains("?") && !line.contains("? help") && !line.contains("this help") && !line.contains("? closes")
                        && !line.contains("rows)?")
                }
                #expect(stray.isEmpty, "\(stray)")
                #expect(offending == nil, "\(d.state.screen) \(width)x\(height): \(String(describing: offending))")
            }
        }
    }

    @Test func monochromeUsesNoColours() throws {
        for d in try Self.states(DashboardOptions(ascii: false, colors: 0)) {
            let canvas = d.render(width: 120, height: 40)
            #expect(canvas.cells.allSatisfy { $0.style.foreground == .normal && $0.style.background == .normal })
        }
    }

    @Test func labelsWithEscapeSequencesRenderEscaped() throws {
        // Clear screen, OSC 52 (writes the clipboard), window title, C1 CSI, right-to-left override.
        let hostile = ["x\u{1B}]0;pwned\u{07}", "\u{1B}[2J", "\u{1B}]52;c;aGk=\u{07}", "\u{9B}31m", "\u{202E}cba"]
        let labels = hostile.map { "\"" + $0 + "\"" }
        let reference = "id,\(labels[0]),b,target,prediction\n" + (0..<40).map { "r\($0),\($0 % 7),\($0 % 5),\(labels[$0 % 5]),ok" }.joined(separator: "\n")
        let production = "id,\(labels[0]),b,target,prediction\n" + (0..<40).map { "p\($0),\($0 % 9),\($0 % 3),ok,\(labels[$0 % 5])" }.joined(separator: "\n")
        let monitor = try InlineData.monitor(reference: reference, production: production)
        var snapshot = DashboardSnapshot.build(monitor: monitor, options: DriftOptions(), generatedAt: Fixtures.generatedAt)
        // File names, request ids and the inputs' notes carry them too.
        snapshot.report.productionFile = "prod" + hostile[1] + ".csv"
        snapshot.report.referenceFile = "ref" + hostile[4] + ".csv"
        snapshot.inputWarnings = ["logs: unknown key `" + hostile[2] + "` in 3 lines"]
        snapshot.waiting = nil
        snapshot.samples = SamplesSnapshot(samples: hostile.enumerated().map { k, text in
            SamplesSnapshot.Sample(
                id: "req" + text, target: text, prediction: hostile[(k + 1) % hostile.count], confidence: 0.5, imageWidth: 2,
                imageHeight: 2, pixels: [0, 255, 128, 0], probabilities: [0.5, 0.5], latencyMs: 3, time: Fixtures.generatedAt)
        }, lowConfidence: 0.9)
        for screen in Screen.allCases {
            var d = Dashboard(snapshot: snapshot, options: DashboardOptions())
            _ = d.handle(.key(.character(Character(String(screen.rawValue)))))
            if screen == .samples { _ = d.handle(.key(.enter)) }
            let text = d.render(width: 160, height: 50).text
            let controls = text.unicodeScalars.filter {
                ($0.value < 0x20 && $0 != "\n") || $0.value == 0x7F || (0x80...0x9F).contains($0.value)
                    || (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value)
            }
            #expect(controls.isEmpty, "\(screen): \(controls.map(\.value))")
            if screen == .drift || screen == .quality { #expect(text.contains("x\\e]0;pwned\\x07"), "\(screen)") }
        }
    }
}
