import ModelTopBase

/// A canvas with the glyphs and theme of one frame: every widget draws through it.
///
/// Text still goes through `Canvas.write`, so it is sanitised; in ASCII mode anything outside
/// ASCII is replaced first (the few typographic marks by look-alikes, the rest by `?`).
struct Painter {
    var canvas: Canvas
    let glyphs: Glyphs
    let theme: Theme

    init(width: Int, height: Int, options: DashboardOptions) {
        canvas = Canvas(width: width, height: height)
        glyphs = Glyphs.forOptions(options)
        theme = Theme(colors: options.colors)
    }

    var ascii: Bool { glyphs.ascii }

    /// Writes `text` at (x, y) in at most `width` columns; returns the columns used.
    @discardableResult
    mutating func text(_ text: String, x: Int, y: Int, width: Int? = nil, role: Role = .normal) -> Int {
        let limit = width ?? (canvas.width - x)
        guard limit > 0 else { return 0 }
        return canvas.write(fitted(text, limit), x: x, y: y, style: theme.style(role), maxWidth: limit)
    }

    /// Writes `text` right-aligned so it ends at column `x + width`.
    mutating func rightText(_ text: String, x: Int, y: Int, width: Int, role: Role = .normal) {
        let shown = fitted(text, width)
        let used = DisplayWidth.of(SafeText.inline(shown))
        self.text(shown, x: x + max(0, width - used), y: y, width: width, role: role)
    }

    /// Text made safe and short enough: sanitised, ASCII-only when asked, cut with an ellipsis.
    func fitted(_ text: String, _ width: Int) -> String {
        var safe = SafeText.inline(text, maxScalars: 512)
        if ascii { safe = Self.asciiOnly(safe) }
        guard DisplayWidth.of(safe) > width else { return safe }
        if !ascii { return DisplayWidth.truncated(safe, to: width) }
        return String(safe.prefix(max(0, width - 1))) + (width > 0 ? glyphs.ellipsis : "")
    }

    /// Puts one glyph (a widget's own character, never data) at (x, y).
    mutating func glyph(_ character: Character, x: Int, y: Int, role: Role = .normal) {
        guard x >= 0, y >= 0, x < canvas.width, y < canvas.height else { return }
        canvas[x, y] = Cell(String(character), style: theme.style(role))
    }

    /// Restyles a rectangle, keeping its text (selection highlight).
    mutating func highlight(_ rect: Rect, role: Role) {
        let style = theme.style(role)
        canvas.restyle(x: rect.x, y: rect.y, width: rect.width, height: rect.height) { $0 = style }
    }

    /// Clears a rectangle to blanks (under dialogs and overlays).
    mutating func clear(_ rect: Rect) {
        canvas.fill(x: rect.x, y: rect.y, width: rect.width, height: rect.height)
    }

    static func asciiOnly(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                out.append(scalar)
                continue
            }
            switch scalar {
            case "—", "–", "─", "−": out.append("-")
            case "²": out.append("2")
            case "σ": out.append(contentsOf: "sigma".unicodeScalars)
            case "…": out.append("~")
            case "≥": out.append(contentsOf: ">=".unicodeScalars)
            case "≤": out.append(contentsOf: "<=".unicodeScalars)
            case "×": out.append("x")
            case "·", "•": out.append(".")
            case "↑": out.append(contentsOf: "Up".unicodeScalars)
            case "↓": out.append(contentsOf: "Down".unicodeScalars)
            case "→": out.append(contentsOf: "->".unicodeScalars)
            case "←": out.append(contentsOf: "<-".unicodeScalars)
            case "▲": out.append("^")
            case "▼": out.append("v")
            default: out.append("?")
            }
        }
        return String(out)
    }
}
