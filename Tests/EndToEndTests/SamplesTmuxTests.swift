import Foundation
import Testing

/// The Samples screen on the bundled prediction logs, driven in tmux: the low-confidence
/// filter, Enter on a sample to see its digit and probability bars, Esc back, q out.
@Suite struct SamplesTmuxTests {
    static let arguments = DashboardTerminalTests.arguments + ["--logs", "fixtures/logs"]
    /// Characters only the digit renderer draws (half blocks and shades).
    static let digitGlyphs: Set<Character> = ["▀", "▄", "░", "▒", "▓"]

    @Test(arguments: [false, true])
    func lowConfidenceSampleOpensAsADigitWithItsProbabilities(ascii: Bool) throws {
        let session = try TmuxSession(arguments: Self.arguments + (ascii ? ["--ascii"] : []))
        defer { session.close() }
        try session.waitFor("Worst dimensions", timeout: DashboardTerminalTests.startup)
        try session.press("5")
        try session.waitFor("samples,")
        try session.press("l")
        // tmux may show the status line before the rows below it are redrawn: wait for both.
        let list = try session.waitUntil("the low-confidence filter") { screen in
            let listed = Self.confidences(screen)
            return screen.contains("filter: confidence < 0.9") && screen.contains("shown of")
                && !listed.isEmpty && listed.allSatisfy { $0 < 0.9 }
        }
        let confidences = Self.confidences(list)
        #expect(!confidences.isEmpty && confidences.allSatisfy { $0 < 0.9 }, "every listed sample is under 0.9:\n\(list)")
        try session.press("Enter")
        let detail = try session.waitUntil("the open sample") { $0.contains("class probabilities") && $0.contains("Sample 1 of") }
        #expect(detail.contains("low (under 0.9)"))
        #expect(detail.contains(ascii ? "< predicted" : "◀ predicted"))
        #expect(Self.barRows(detail, ascii: ascii) >= 1, "a probability bar:\n\(detail)")
        if ascii {
            let onlyASCII = detail.unicodeScalars.allSatisfy { $0.isASCII }
            #expect(onlyASCII, "--ascii draws ASCII only:\n\(detail)")
            #expect(detail.contains("8x8 pixels") && detail.contains("@"), "the ASCII ramp's full ink")
        } else {
            let drawn = detail.contains { Self.digitGlyphs.contains($0) }
            #expect(drawn, "half blocks or shades:\n\(detail)")
            #expect(detail.contains("8×8 pixels"))
        }
        try session.press("j")
        try session.waitFor("Sample 2 of")
        try session.press("Escape")
        let back = try session.waitUntil("the list again") { !$0.contains("class probabilities") && $0.contains("Enter open") }
        #expect(back.contains("filter: confidence < 0.9"), "the filter stays on")
        try session.press("q")
        let ending = try session.waitForExit()
        #expect(ending.status == "exit=0")
        #expect(ending.sttyBefore == ending.sttyAfter)
    }

    /// The "conf." column of the samples table (the fourth field of rows starting with an id).
    static func confidences(_ screen: String) -> [Double] {
        screen.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ")
            guard fields.count >= 4, fields[0].hasPrefix("req-") else { return nil }
            return Double(fields[3])
        }
    }

    /// Rows of the probability chart that draw a bar: a class digit, then bar glyphs.
    static func barRows(_ screen: String, ascii: Bool) -> Int {
        let bar = ascii ? "#" : "█"
        return screen.split(separator: "\n").filter { line in
            line.contains("predicted") && line.contains(bar) && line.contains("0.")
        }.count
    }
}
