import ModelTopDigits

extension DigitRenderer {
    /// Unicode drawing with ANSI 256-colour greys: each cell is `▀` in the top pixel's grey
    /// on the bottom pixel's grey, so no resolution is lost to a shade ramp.
    package static func colouredLines(_ image: DigitImage, layout: DigitLayout) -> [String] {
        let raster = DigitRaster(image, side: layout.pixelSide)
        return DigitCellGrid(raster).rows.map { row in
            var line = ""
            for cell in row {
                line += ANSIStyle.colors(foreground: xterm(cell.top), background: xterm(cell.bottom ?? 0)) + "▀"
            }
            return line + ANSIStyle.reset
        }
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
