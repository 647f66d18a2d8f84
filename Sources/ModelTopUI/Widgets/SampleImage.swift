import ModelTopDigits
import ModelTopMonitor

/// A sample's input drawn by the digit renderer `modeltop digit` uses: half blocks and grey
/// shades two pixel rows per line in Unicode, the ASCII ramp two columns per pixel otherwise.
enum SampleImage {
    static let noPixels = "no pixels logged for this request"
    static let tooSmall = "too small to draw the image here: enlarge the terminal"
    /// Below this many pixels a side a digit is no longer recognisable, so it is not drawn.
    static let minimumSide = 8

    /// The sample's pixels as an image, or nil when the log carried none (or not a square).
    static func image(_ sample: SamplesSnapshot.Sample) -> ModelTopDigits.DigitImage? {
        let side = sample.imageWidth
        guard side > 0, sample.imageHeight == side, sample.pixels.count == side * side else { return nil }
        return try? ModelTopDigits.DigitImage(pixels: sample.pixels.map(Double.init), maxValue: 255)
    }

    /// Draws the image at the top left of `rect`, as large as fits (`natural`: no larger than
    /// its natural size, 16 columns for 8×8); a message instead when there is nothing to draw
    /// or no room. Returns the area used.
    @discardableResult
    static func draw(
        _ painter: inout Painter, _ sample: SamplesSnapshot.Sample, in rect: Rect, natural: Bool = false
    ) -> (width: Int, height: Int) {
        guard !rect.isEmpty else { return (0, 0) }
        guard let image = image(sample) else { return message(&painter, noPixels, in: rect, role: .muted) }
        let mode: DigitLayout.Mode = painter.ascii ? .ascii : .unicode
        var layout = DigitLayout(mode: mode, sourceSide: image.side, columns: rect.width, lines: rect.height)
        if natural {
            let naturalLayout = DigitLayout(mode: mode, sourceSide: image.side)
            if naturalLayout.pixelSide < layout.pixelSide { layout = naturalLayout }
        }
        guard layout.pixelSide >= min(minimumSide, image.side) else { return message(&painter, tooSmall, in: rect, role: .warn) }
        for (k, line) in DigitRenderer.lines(image, layout: layout).enumerated() {
            painter.text(line, x: rect.x, y: rect.y + k, width: layout.columns)
        }
        return (layout.columns, layout.lines)
    }

    private static func message(_ painter: inout Painter, _ text: String, in rect: Rect, role: Role) -> (width: Int, height: Int) {
        let width = min(rect.width, 24)
        let lines = Paragraph.draw(&painter, text, x: rect.x, y: rect.y, width: width, maxLines: rect.height, role: role)
        return (width, lines)
    }
}
