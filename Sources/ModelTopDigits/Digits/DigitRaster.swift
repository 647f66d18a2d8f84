/// A digit resampled to the pixel grid it will be drawn at: ink from 0 to 1, row-major.
///
/// One area-weighted (box) resampler serves every size: scaling up by a whole factor repeats
/// pixels exactly (an 8×8 digit stays crisp at 16×16), scaling down averages every source pixel
/// a target pixel covers (a 28×28 digit keeps thin strokes as grey rather than losing them).
package struct DigitRaster: Sendable, Equatable {
    package let side: Int
    package let inks: [Double]

    /// `image` resampled to `side × side`; `side` 0 gives an empty raster.
    package init(_ image: DigitImage, side: Int) {
        let target = max(0, side)
        self.side = target
        guard target > 0 else {
            inks = []
            return
        }
        let source = image.side
        let weights = Self.weights(from: source, to: target)
        let ink = image.inks
        // Rows first (source rows × target columns), then columns.
        var horizontal = [Double](repeating: 0, count: source * target)
        for row in 0..<source {
            for (column, taps) in weights.enumerated() {
                var sum = 0.0
                for (k, weight) in taps { sum += ink[row * source + k] * weight }
                horizontal[row * target + column] = sum
            }
        }
        var result = [Double](repeating: 0, count: target * target)
        for (row, taps) in weights.enumerated() {
            for column in 0..<target {
                var sum = 0.0
                for (k, weight) in taps { sum += horizontal[k * target + column] * weight }
                result[row * target + column] = min(1, max(0, sum))
            }
        }
        inks = result
    }

    package func ink(row: Int, column: Int) -> Double { inks[row * side + column] }

    /// For each target pixel, the source pixels it covers and their share of it (summing to 1).
    ///
    /// Target pixel i spans `[i·s, (i+1)·s)` and source pixel j spans `[j·n, (j+1)·n)` in units
    /// of 1/(s·n) of the image, so overlaps are exact integers.
    static func weights(from source: Int, to target: Int) -> [[(Int, Double)]] {
        (0..<target).map { i in
            let lower = i * source, upper = (i + 1) * source
            var taps: [(Int, Double)] = []
            for j in (lower / target)...((upper - 1) / target) {
                let overlap = min(upper, (j + 1) * target) - max(lower, j * target)
                if overlap > 0 { taps.append((j, Double(overlap) / Double(source))) }
            }
            return taps
        }
    }
}
