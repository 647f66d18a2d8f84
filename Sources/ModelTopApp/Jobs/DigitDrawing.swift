import ModelTopBase
import ModelTopDigits
import ModelTopOutput
import ModelTopIO

/// `modeltop digit`: one input image drawn with its label, prediction and class probabilities,
/// because the way to understand an odd prediction is to look at what the model was shown.
package struct DigitDrawing {
    package var file: String
    package var selection: ImageFiles.Selection
    package var mode: DigitLayout.Mode
    /// Fit into this many columns and lines (nil: natural size, capped at the screen).
    package var width: Int?
    package var height: Int?
    /// The terminal's size, or `COLUMNS`×`LINES`, or 80×24.
    package var screen: (columns: Int, lines: Int)
    /// 256-colour greys (Unicode on a colour terminal).
    package var coloured: Bool

    package init(
        file: String, selection: ImageFiles.Selection, mode: DigitLayout.Mode, width: Int?, height: Int?,
        screen: (columns: Int, lines: Int), coloured: Bool
    ) {
        self.file = file
        self.selection = selection
        self.mode = mode
        self.width = width
        self.height = height
        self.screen = screen
        self.coloured = coloured
    }

    /// The caption, the picture and the panel, as the command prints them.
    package func run() throws -> String {
        let loaded = try ImageFiles.load(path: file, selection: selection)
        var layout = DigitLayout(mode: mode, sourceSide: loaded.image.side, columns: width, lines: height)
        // Natural size unless asked otherwise, but never larger than the screen: a 4096×4096
        // image is 25 MB of text at its natural size.
        if width == nil, height == nil, layout.columns > screen.columns || layout.lines > screen.lines - 2 {
            layout = DigitLayout(mode: mode, sourceSide: loaded.image.side, columns: screen.columns, lines: max(1, screen.lines - 2))
        }
        let picture = coloured && mode == .unicode
            ? DigitRenderer.colouredLines(loaded.image, layout: layout)
            : DigitRenderer.lines(loaded.image, layout: layout)
        let panel = DigitPanel.lines(loaded.image, mode: mode)
        let side = loaded.image.side
        let dot = mode == .unicode ? " · " : ", "
        var output = [
            [SafeText.inline(file), loaded.format.rawValue, SafeText.inline(loaded.place), "\(side)×\(side)"]
                .joined(separator: dot).replacingScalar("×", with: mode == .unicode ? "×" : "x")
        ]
        let panelWidth = panel.map(\.count).max() ?? 0
        if layout.columns + 3 + panelWidth <= max(80, screen.columns) {
            output += DigitPanel.beside(picture, leftWidth: layout.columns, panel)
        } else {
            output += picture + [""] + panel
        }
        return output.map { Self.trimmedRight($0) }.joined(separator: "\n") + "\n"
    }

    /// Drops trailing spaces so blank image margins do not pad every line.
    static func trimmedRight(_ line: String) -> String {
        var text = Substring(line)
        while text.hasSuffix(" ") { text = text.dropLast() }
        return String(text)
    }
}

extension String {
    /// Every `scalar` replaced, for the ASCII caption.
    fileprivate func replacingScalar(_ scalar: Unicode.Scalar, with replacement: String) -> String {
        var out = ""
        for s in unicodeScalars { if s == scalar { out += replacement } else { out.unicodeScalars.append(s) } }
        return out
    }
}
