import CNcursesw
import ModelTopUI

/// Puts one canvas cell on the curses window as a wide character with its style.
///
/// Wide characters go through `setcchar`/`wadd_wch` (their "" right half is never drawn). In a
/// locale that is not UTF-8, non-ASCII text is drawn as "?" per column, so borders stay aligned.
struct CellPainter {
    let window: Curses.Window
    let palette: ColorPalette
    let localeIsUTF8: Bool

    func paint(_ canvas: Canvas, x: Int, y: Int, screenWidth: Int, screenHeight: Int) throws(CursesError) {
        let cell = canvas[x, y]
        let isWide = x + 1 < canvas.width && canvas[x + 1, y].text.isEmpty
        let columns = isWide ? 2 : 1
        let (attributes, pair) = try palette.resolve(cell.style)
        var characters = wideCharacters(of: cell.text)
        if !localeIsUTF8, characters.contains(where: { $0 > 0x7E }) {
            characters = [wchar_t(UInt8(ascii: "?"))]
            if isWide {
                try put([wchar_t(UInt8(ascii: "?"))], attributes: attributes, pair: pair, x: x + 1, y: y, columns: 1, screenWidth: screenWidth, screenHeight: screenHeight)
            }
            try put(characters, attributes: attributes, pair: pair, x: x, y: y, columns: 1, screenWidth: screenWidth, screenHeight: screenHeight)
            return
        }
        guard x + columns <= screenWidth else { return }
        try put(characters, attributes: attributes, pair: pair, x: x, y: y, columns: columns, screenWidth: screenWidth, screenHeight: screenHeight)
    }

    private func put(
        _ characters: [wchar_t], attributes: attr_t, pair: Int16, x: Int, y: Int, columns: Int, screenWidth: Int, screenHeight: Int
    ) throws(CursesError) {
        var cchar = cchar_t()
        do {
            try Curses.setcchar(&cchar, characters + [0], attributes: attributes, pair: pair)
        } catch {
            // A grapheme curses cannot hold (too many combining marks, say): draw a placeholder instead.
            try Curses.setcchar(&cchar, [wchar_t(UInt8(ascii: "?")), 0], attributes: attributes, pair: pair)
        }
        try Curses.wmove(window, y: Int32(y), x: Int32(x))
        if y == screenHeight - 1, x + columns == screenWidth {
            try Curses.winsWch(window, &cchar)
        } else {
            try Curses.waddWch(window, &cchar)
        }
    }

    /// The grapheme's scalars as `wchar_t`, at most what a `cchar_t` holds (one spacing, then combining).
    private func wideCharacters(of text: String) -> [wchar_t] {
        let limit = Int(modeltop_cchar_max()) - 1
        let scalars = text.unicodeScalars.prefix(limit).map { wchar_t(bitPattern: $0.value) }
        return scalars.isEmpty ? [wchar_t(UInt8(ascii: " "))] : scalars
    }
}
