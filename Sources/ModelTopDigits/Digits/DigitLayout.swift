/// How big a digit is drawn: the pixel side and the text area it takes in each mode.
///
/// Terminal cells are about twice as tall as wide, so both modes keep pixels square:
/// Unicode puts two pixel rows in one cell (half blocks), ASCII gives each pixel two columns
/// of one line. An 8×8 digit at its natural size is 16 columns × 8 lines in both modes.
package struct DigitLayout: Sendable, Equatable {
    package enum Mode: Sendable, Equatable {
        /// Half blocks (`▀` `▄`) and shades (`░▒▓█`), two pixel rows per line.
        case unicode
        /// The ramp ` .:-=+*#%@`, one line per pixel row, two columns per pixel.
        case ascii
    }

    /// The narrowest natural drawing, in columns: small images are enlarged by a whole factor
    /// until they are at least this wide, so an 8×8 digit is recognisable.
    package static let naturalColumns = 16

    package let mode: Mode
    /// Pixels per side after resampling (0 when nothing fits).
    package let pixelSide: Int
    /// Columns one pixel takes (ASCII: 2, or 1 when only one column is available).
    package let cellWidth: Int

    /// Lines of text the drawing takes.
    package var lines: Int { mode == .unicode ? (pixelSide + 1) / 2 : pixelSide }
    /// Columns of text the drawing takes.
    package var columns: Int { pixelSide * cellWidth }

    /// The largest drawing of a `sourceSide` image within `columns` × `lines` (nil: no bound).
    /// Enlarging uses whole factors only; shrinking uses any size.
    package init(mode: Mode, sourceSide: Int, columns: Int? = nil, lines: Int? = nil) {
        self.mode = mode
        let source = max(1, sourceSide)
        let widthPerPixel = mode == .ascii && (columns ?? 2) >= 2 ? 2 : 1
        cellWidth = widthPerPixel
        let naturalFactor = max(1, (Self.naturalColumns + source * widthPerPixel - 1) / (source * widthPerPixel))
        var limit = columns == nil && lines == nil ? source * naturalFactor : Int.max
        if let columns { limit = min(limit, max(0, columns) / widthPerPixel) }
        if let lines { limit = min(limit, mode == .unicode ? 2 * max(0, lines) : max(0, lines)) }
        pixelSide = limit >= source ? source * min(limit / source, 1 << 12) : limit
    }
}
