import CNcursesw
import ModelTopUI

/// Turns semantic cell styles into curses attributes and colour pairs.
///
/// Pairs are allocated on first use, so a terminal with few pairs still gets every combination
/// the screens actually draw; when pairs run out, the foreground alone is kept.
final class ColorPalette {
    /// Colours in use: 0 (none: NO_COLOR or a monochrome terminal), 8, 16 or 256.
    let colors: Int
    private let defaultColors: Bool
    private let maxPairs: Int
    private var pairs: [UInt16: Int16] = [:]
    private var nextPair: Int16 = 1

    init(colors: Int, defaultColors: Bool, maxPairs: Int) {
        self.colors = colors
        self.defaultColors = defaultColors
        self.maxPairs = min(maxPairs, Int(Int16.max))
    }

    /// The attributes and pair for a style. Allocates the pair with `init_pair` the first time.
    func resolve(_ style: CellStyle) throws(CursesError) -> (attributes: attr_t, pair: Int16) {
        var attributes = modeltop_a_normal()
        if style.bold { attributes |= modeltop_a_bold() }
        if style.reverse { attributes |= modeltop_a_reverse() }
        if style.dim { attributes |= modeltop_a_dim() }
        if style.underline { attributes |= modeltop_a_underline() }
        guard colors > 0, style.foreground != .normal || style.background != .normal else { return (attributes, 0) }
        if colors < 16, style.foreground == .gray { attributes |= modeltop_a_dim() }
        return (attributes, try pair(foreground: style.foreground, background: style.background))
    }

    private func pair(foreground: CellStyle.Color, background: CellStyle.Color) throws(CursesError) -> Int16 {
        let key = UInt16(foreground.rawValue) << 8 | UInt16(background.rawValue)
        if let existing = pairs[key] { return existing }
        if Int(nextPair) >= maxPairs {
            return background == .normal ? 0 : try pair(foreground: foreground, background: .normal)
        }
        let number = nextPair
        try Curses.initPair(number, foreground: curses(foreground, isBackground: false), background: curses(background, isBackground: true))
        nextPair += 1
        pairs[key] = number
        return number
    }

    /// The curses colour number for a semantic colour on this terminal.
    private func curses(_ color: CellStyle.Color, isBackground: Bool) -> Int16 {
        switch color {
        case .normal: return defaultColors ? -1 : Int16(isBackground ? COLOR_BLACK : COLOR_WHITE)
        case .red: return Int16(COLOR_RED)
        case .green: return Int16(COLOR_GREEN)
        case .yellow: return Int16(COLOR_YELLOW)
        case .blue: return Int16(COLOR_BLUE)
        case .magenta: return Int16(COLOR_MAGENTA)
        case .cyan: return Int16(COLOR_CYAN)
        case .white: return Int16(COLOR_WHITE)
        case .gray: return colors >= 256 ? 244 : colors >= 16 ? 8 : Int16(COLOR_WHITE)
        }
    }
}
