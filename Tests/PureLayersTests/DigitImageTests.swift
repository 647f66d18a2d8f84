import Testing
@testable import ModelTopDigits
@testable import ModelTopOutput

/// Pixel arrays as images, the value range, the glyph rules, the panel and the locale decision.
@Suite struct DigitImageTests {
    @Test func maxValueIsInferredFromTheValues() throws {
        #expect(try DigitImage(pixels: [Double](repeating: 16, count: 64)).maxValue == 16)
        #expect(try DigitImage(pixels: [0, 0, 0, 17]).maxValue == 255)
        #expect(try DigitImage(pixels: [0, 0, 0, 17], maxValue: 1).maxValue == 1)
    }

    @Test func pixelCountMustBeASquare() {
        #expect(throws: DigitFormatError(.pixelCountNotSquare(count: 63))) { try DigitImage(pixels: [Double](repeating: 0, count: 63)) }
        #expect(throws: DigitFormatError(.noPixels)) { try DigitImage(pixels: []) }
        #expect(throws: DigitFormatError(.badMaxValue(0))) { try DigitImage(pixels: [1], maxValue: 0) }
        #expect(DigitImage.squareSide(of: 784) == 28)
        #expect(DigitImage.squareSide(of: 4097 * 4097) == 4097)
    }

    @Test func inkIsClampedAndNaNIsBackground() throws {
        let image = try DigitImage(pixels: [-3, .nan, 8, 40], maxValue: 16)
        #expect(image.inks == [0, 0, 0.5, 1])
    }

    @Test func halfBlocksWhenOneHalfIsInkAndTheOtherBackground() {
        typealias Cell = DigitCellGrid.Cell
        #expect(DigitRenderer.unicodeGlyph(Cell(top: 255, bottom: 0)) == "▀")
        #expect(DigitRenderer.unicodeGlyph(Cell(top: 10, bottom: 240)) == "▄")
        #expect(DigitRenderer.unicodeGlyph(Cell(top: 255, bottom: nil)) == "▀")
        #expect(DigitRenderer.unicodeGlyph(Cell(top: 255, bottom: 255)) == "█")
        #expect(DigitRenderer.unicodeGlyph(Cell(top: 0, bottom: 0)) == " ")
        #expect(DigitRenderer.unicodeGlyph(Cell(top: 128, bottom: 128)) == "▒")
    }

    @Test func colouredCellsUseXtermGreys() throws {
        let image = try DigitImage(pixels: [255, 0, 0, 255], maxValue: 255)
        let lines = DigitRenderer.colouredLines(image, layout: DigitLayout(mode: .unicode, sourceSide: 2, columns: 2, lines: 1))
        #expect(lines == ["\u{1B}[38;5;231m\u{1B}[48;5;16m▀\u{1B}[38;5;16m\u{1B}[48;5;231m▀\u{1B}[0m"])
    }

    @Test func barsAreExactlyTheirWidth() {
        for value in [-1, 0, 0.01, 0.333, 0.5, 0.999, 1, 7, .nan, .infinity] {
            #expect(DigitPanel.bar(value, width: 10, mode: .unicode).count == 10)
            #expect(DigitPanel.bar(value, width: 10, mode: .ascii).count == 10)
        }
        #expect(DigitPanel.bar(0.55, width: 10, mode: .unicode) == "█████▌    ")
        #expect(DigitPanel.bar(0.55, width: 10, mode: .ascii) == "######    ")
    }

    @Test func panelMarksPredictedAndTrueClassAndSanitisesText() throws {
        var image = try DigitImage(pixels: [0])
        image.prediction = "2"
        image.label = "1"
        image.probabilities = [0.1, 0.3, 0.6]
        #expect(DigitPanel.lines(image, mode: .ascii, barWidth: 4) == [
            "predicted 2, true 1, WRONG, pixels 0-1",
            "0      0.100",
            "1 #    0.300  < true",
            "2 ##   0.600  < predicted",
        ])
        image.label = "\u{1B}]0;pwned\u{07}"
        image.probabilities = []
        #expect(DigitPanel.lines(image, mode: .unicode) == ["predicted 2 · true \\e]0;pwned\\x07 · WRONG · pixels 0–1"])
    }

    @Test func unicodeOnlyInUTF8Locales() {
        func mode(_ environment: [String: String], ascii: Bool = false) -> DigitLayout.Mode {
            DigitLocale.mode(environment: environment, asciiRequested: ascii)
        }
        #expect(mode(["LANG": "en_US.UTF-8"]) == .unicode)
        #expect(mode(["LANG": "C.utf8"]) == .unicode)
        #expect(mode(["LANG": "en_US.UTF-8"], ascii: true) == .ascii)
        #expect(mode(["LC_ALL": "C", "LANG": "en_US.UTF-8"]) == .ascii)
        #expect(mode(["LC_ALL": "", "LC_CTYPE": "de_DE.UTF-8"]) == .unicode)
        #expect(mode(["LANG": "POSIX"]) == .ascii)
        #expect(mode([:]) == .ascii)
    }
}
