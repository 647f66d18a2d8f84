import ModelTopBase

/// The screen shown below 80×24: exactly one centred sentence, never an index out of range.
enum TooSmall {
    static func message(width: Int, height: Int) -> String {
        "terminal too small: need \(Frame.minimumWidth)×\(Frame.minimumHeight), have \(width)×\(height)"
    }

    static func draw(_ painter: inout Painter, width: Int, height: Int) {
        guard width > 0, height > 0 else { return }
        let text = painter.fitted(message(width: width, height: height), width)
        let used = DisplayWidth.of(text)
        painter.text(text, x: max(0, (width - used) / 2), y: (height - 1) / 2, width: width)
    }
}
