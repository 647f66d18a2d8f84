/// A rectangle of cells on the canvas; layout code splits these, widgets draw inside them.
struct Rect: Sendable, Equatable {
    var x: Int
    var y: Int
    var width: Int
    var height: Int

    init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    var isEmpty: Bool { width <= 0 || height <= 0 }
    var maxX: Int { x + width }
    var maxY: Int { y + height }

    /// The inside of a one-cell border.
    var inset: Rect { Rect(x: x + 1, y: y + 1, width: width - 2, height: height - 2) }

    /// Cuts `rows` off the top: (top, rest).
    func splitTop(_ rows: Int) -> (Rect, Rect) {
        let top = min(max(0, rows), height)
        return (Rect(x: x, y: y, width: width, height: top), Rect(x: x, y: y + top, width: width, height: height - top))
    }

    /// Cuts `columns` off the left, leaving `gap` columns between: (left, rest).
    func splitLeft(_ columns: Int, gap: Int = 1) -> (Rect, Rect) {
        let left = min(max(0, columns), width)
        let restX = min(maxX, x + left + gap)
        return (Rect(x: x, y: y, width: left, height: height), Rect(x: restX, y: y, width: maxX - restX, height: height))
    }
}
