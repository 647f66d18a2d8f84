/// Draws a digit as lines of plain text, Unicode or ASCII (the coloured drawing, with escapes, is
/// in ModelTopOutput: `DigitRenderer.colouredLines`).
///
/// Returns strings and never touches a terminal, so every mode is snapshot-tested. Ink is
/// drawn as filled glyphs: a light stroke on a dark terminal, as the model's input looks.
package enum DigitRenderer {
    /// Shades from background to full ink for a cell whose two pixels are alike.
    package static let unicodeRamp: [Character] = [" ", "░", "▒", "▓", "█"]
    /// Ten levels of ink, one character each.
    package static let asciiRamp: [Character] = [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"]

    /// The drawing of `image` in `layout`, one string per line, each `layout.columns` wide.
    package static func lines(_ image: DigitImage, layout: DigitLayout) -> [String] {
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

    /// One cell as plain text: a half block when one pixel is ink and the other background,
    /// otherwise the shade of their mean.
    package static func unicodeGlyph(_ cell: DigitCellGrid.Cell) -> Character {
        let top = Double(cell.top) / 255, bottom = Double(cell.bottom ?? 0) / 255
        let topLevel = Int((top * 4).rounded()), bottomLevel = Int((bottom * 4).rounded())
        if topLevel >= 3, bottomLevel <= 1 { return "▀" }
        if bottomLevel >= 3, topLevel <= 1 { return "▄" }
        return unicodeRamp[Int(((top + bottom) / 2 * 4).rounded())]
    }
}
