import ModelTopBase

/// How a cell looks. Colours are semantic so a monochrome terminal can still render them.
package struct CellStyle: Sendable, Hashable {
    package enum Color: UInt8, Sendable, Hashable, CaseIterable {
        case normal, red, green, yellow, blue, magenta, cyan, white, gray
    }

    package var foreground: Color
    package var background: Color
    package var bold: Bool
    package var reverse: Bool
    package var dim: Bool
    package var underline: Bool

    package init(
        foreground: Color = .normal, background: Color = .normal, bold: Bool = false,
        reverse: Bool = false, dim: Bool = false, underline: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.dim = dim
        self.underline = underline
    }

    package static let plain = CellStyle()
}

/// One terminal cell: a grapheme of display width 1 or 2, or the right half of a wide one.
package struct Cell: Sendable, Hashable {
    /// The text drawn in this cell; "" for the continuation of a wide character on its left.
    package var text: String
    package var style: CellStyle

    package init(_ text: String = " ", style: CellStyle = .plain) {
        self.text = text
        self.style = style
    }

    package static let blank = Cell()
}

/// A grid of cells that screens render into and the terminal draws. Pure: tests read it as text.
///
/// Writing never splits a wide character: one that does not fit at the right edge is replaced
/// by a space. All text is passed through `SafeText` first, so no control character from the
/// data reaches the terminal.
package struct Canvas: Sendable, Equatable {
    package let width: Int
    package let height: Int
    package private(set) var cells: [Cell]

    package init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    package subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Writes `text` at (x, y), clipped to `maxWidth` columns and the canvas; returns the columns used.
    @discardableResult
    package mutating func write(_ text: String, x: Int, y: Int, style: CellStyle = .plain, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(width, x + (maxWidth ?? width))
        var column = x
        for character in SafeText.inline(text, maxScalars: 4096) {
            let w = DisplayWidth.of(String(character))
            if w == 0 { continue }
            if column + w > limit {
                break
            }
            if column >= 0 {
                self[column, y] = Cell(String(character), style: style)
                if w == 2 { self[column + 1, y] = Cell("", style: style) }
            }
            column += w
        }
        return max(0, column - x)
    }

    /// Fills a rectangle with one character and style.
    package mutating func fill(x: Int, y: Int, width w: Int, height h: Int, with cell: Cell = .blank) {
        for row in max(0, y)..<min(height, y + h) {
            for column in max(0, x)..<min(width, x + w) { self[column, row] = cell }
        }
    }

    /// Sets the style of a rectangle without changing its text (selection highlight).
    package mutating func restyle(x: Int, y: Int, width w: Int, height h: Int, _ change: (inout CellStyle) -> Void) {
        for row in max(0, y)..<min(height, y + h) {
            for column in max(0, x)..<min(width, x + w) { change(&self[column, row].style) }
        }
    }

    /// The canvas as plain text, one line per row, trailing spaces kept (snapshot tests).
    package var text: String {
        (0..<height).map { y in (0..<width).map { self[$0, y].text }.joined() }.joined(separator: "\n")
    }
}
