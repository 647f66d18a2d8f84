/// Draws a digit as lines of text: plain Unicode, plain ASCII, or Unicode with 256-colour greys.
///
/// Returns strings and never touches a terminal, so every mode is snapshot-tested. Ink is
/// drawn as filled glyphs: a light stroke on a dark terminal, as the model's input looks.
public enum DigitRenderer {
    /// Shades from background to full ink for a cell whose two pixels are alike.
    public static let unicodeRamp: [Character] = [" ", "░", "▒", "▓", "█"]
    /// Ten levels of ink, one character each.
    public static let asciiRamp: [Character] = [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"]

    /// The drawing of `image` in `layout`, one string per line, each `layout.columns` wide.
    public static func lines(_ image: DigitImage, layout: DigitLayout) -> [String] {
        let raster = DigitRaster(image, side: layout.pixelSide)
        switch layout.mode {
        case .unicode: return DigitCellGrid(raster).rows.map { String($0.map(unicodeGlyph)) }
        case .ascii:
            return (0..<raster.side).map { row in
                var line = ""
                for column in 0..<raster.side {
                    let glyph = asciiRamp[Int((raster.ink(row: row, column: column) * 9).rounded())]
                    line += String(repeating: glyph, count: layout.cellWidth)
                }
                return line
            }
        }
    }

    /// Unicode drawing with ANSI 256-colour greys: each cell is `▀` in the top pixel's grey
    /// on the bottom pixel's grey, so no resolution is lost to a shade ramp.
    public static func colouredLines(_ image: DigitImage, layout: DigitLayout) -> [String] {
        let raster = DigitRaster(image, side: layout.pixelSide)
        return DigitCellGrid(raster).rows.map { row in
            var line = ""
            for cell in row {
                line += "\u{1B}[38;5;\(xterm(cell.top))m\u{1B}[48;5;\(xterm(cell.bottom ?? 0))m▀"
            }
            return line + "\u{1B}[0m"
        }
    }

    /// One cell as plain text: a half block when one pixel is ink and the other background,
    /// otherwise the shade of their mean.
    public static func unicodeGlyph(_ cell: DigitCellGrid.Cell) -> Character {
        let top = Double(cell.top) / 255, bottom = Double(cell.bottom ?? 0) / 255
        let topLevel = Int((top * 4).rounded()), bottomLevel = Int((bottom * 4).rounded())
        if topLevel >= 3, bottomLevel <= 1 { return "▀" }
        if bottomLevel >= 3, topLevel <= 1 { return "▄" }
        return unicodeRamp[Int(((top + bottom) / 2 * 4).rounded())]
    }

    /// The xterm 256-colour index nearest to a grey level: 16 black, 232…255 greys, 231 white.
    static func xterm(_ level: UInt8) -> Int {
        let step = Int((Double(level) / 255 * 25).rounded())
        switch step {
        case 0: return 16
        case 25: return 231
        default: return 231 + step
        }
    }
}
