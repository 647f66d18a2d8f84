import Testing
@testable import ModelTopUI

@Suite struct CanvasTests {
    @Test func writesAndClipsAtTheRightEdge() {
        var canvas = Canvas(width: 6, height: 1)
        let used = canvas.write("abcdefgh", x: 2, y: 0)
        #expect(used == 4)
        #expect(canvas.text == "  abcd")
    }

    @Test func neverSplitsAWideCharacter() {
        var canvas = Canvas(width: 5, height: 1)
        canvas.write("ab漢字", x: 0, y: 0)
        // 漢 takes columns 2–3; 字 would need 4–5 and does not fit.
        #expect(canvas.text == "ab漢 ")
        #expect(canvas[3, 0].text == "")
    }

    @Test func controlCharactersFromDataNeverReachTheCanvas() {
        var canvas = Canvas(width: 20, height: 1)
        canvas.write("a\u{1B}]0;x\u{07}b", x: 0, y: 0)
        #expect(!canvas.text.unicodeScalars.contains { $0.value < 0x20 })
        #expect(canvas.text.hasPrefix("a\\e]0;x\\x07b"))
    }
}
