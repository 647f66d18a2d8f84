import ModelTopBase

/// Text wrapped at spaces to a width, for messages that must be read whole on narrow screens.
enum Paragraph {
    /// Draws `text` over as many lines as it needs (at most `maxLines`); returns the lines used.
    @discardableResult
    static func draw(_ painter: inout Painter, _ text: String, x: Int, y: Int, width: Int, maxLines: Int, role: Role = .normal) -> Int {
        guard width > 0, maxLines > 0 else { return 0 }
        let lines = wrap(text, width: width)
        for (k, line) in lines.prefix(maxLines).enumerated() {
            painter.text(line, x: x, y: y + k, width: width, role: role)
        }
        return min(lines.count, maxLines)
    }

    /// Lines of at most `width` columns; a word longer than a line is cut by the painter.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if DisplayWidth.of(candidate) <= width || current.isEmpty {
                current = candidate
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
