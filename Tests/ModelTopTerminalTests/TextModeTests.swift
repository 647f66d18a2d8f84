import Testing
import ModelTopTerminal

/// Unicode only where the locale can carry it, ASCII whenever asked.
@Suite struct TextModeTests {
    @Test(arguments: ["UTF-8", "utf8", "UTF8"])
    func utf8LocalesDrawUnicode(codeset: String) {
        #expect(TextMode.decide(codeset: codeset, asciiRequested: false) == .unicode)
    }

    @Test(arguments: ["ANSI_X3.4-1968", "ISO-8859-1", ""])
    func otherLocalesDrawASCII(codeset: String) {
        #expect(TextMode.decide(codeset: codeset, asciiRequested: false) == .ascii)
    }

    @Test func asciiFlagWins() {
        #expect(TextMode.decide(codeset: "UTF-8", asciiRequested: true) == .ascii)
    }
}
