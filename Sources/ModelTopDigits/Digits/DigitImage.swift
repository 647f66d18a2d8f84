/// A square grey input image as the model saw it, with what is known about its prediction.
///
/// Pixels keep the file's own scale (sklearn digits 0...16, MNIST 0...255) together with the
/// value that means full ink, so the renderer can draw any source the same way. Values outside
/// `0...maxValue` (and NaN) are drawn clamped; they are not changed here.
package struct DigitImage: Sendable, Equatable {
    /// The largest side modeltop accepts: larger inputs are not digit images but mistakes.
    package static let maxSide = 4096

    /// Pixels per row and per column.
    package let side: Int
    /// `side * side` intensities, row-major, 0 = background.
    package let pixels: [Double]
    /// The intensity drawn as full ink.
    package let maxValue: Double
    /// The true class, when known (an IDX label file, a CSV `label`, a log `target`).
    package var label: String?
    /// The model's prediction, when the image comes from a prediction log.
    package var prediction: String?
    /// The model's class probabilities in label order (class k is column k), or empty.
    package var probabilities: [Double] = []

    /// An image from a square array of intensities; `maxValue` nil infers 16 or 255.
    package init(pixels: [Double], maxValue: Double? = nil) throws(DigitFormatError) {
        guard !pixels.isEmpty else { throw DigitFormatError(.noPixels) }
        let side = Self.squareSide(of: pixels.count)
        guard let side else { throw DigitFormatError(.pixelCountNotSquare(count: pixels.count)) }
        guard side <= Self.maxSide else { throw DigitFormatError(.tooLarge(width: side, height: side)) }
        if let maxValue, !(maxValue.isFinite && maxValue > 0) {
            throw DigitFormatError(.badMaxValue(maxValue))
        }
        self.side = side
        self.pixels = pixels
        self.maxValue = maxValue ?? Self.inferredMaxValue(pixels)
    }

    /// The scale a log's or file's pixels use, read from their largest value: 1 for normalised
    /// inputs (every value ≤ 1), 16 for scikit-learn's 8×8 digits (≤ 16), else 255 (MNIST bytes).
    package static func inferredMaxValue(_ pixels: [Double]) -> Double {
        let top = pixels.reduce(0) { $1 > $0 ? $1 : $0 }
        return top <= 1 ? 1 : (top <= 16 ? 16 : 255)
    }


    /// The side of a square with `count` pixels, or nil when `count` is not a perfect square.
    package static func squareSide(of count: Int) -> Int? {
        guard count > 0 else { return nil }
        var root = Int(Double(count).squareRoot())
        while root * root > count { root -= 1 }
        while (root + 1) * (root + 1) <= count { root += 1 }
        return root * root == count ? root : nil
    }

    /// Ink at `(row, column)` from 0 (background) to 1 (full ink), clamped.
    package func ink(row: Int, column: Int) -> Double {
        Self.clampedInk(pixels[row * side + column] / maxValue)
    }

    /// Every pixel as ink in 0...1, row-major.
    package var inks: [Double] { pixels.map { Self.clampedInk($0 / maxValue) } }

    static func clampedInk(_ value: Double) -> Double {
        guard value > 0 else { return 0 }  // also NaN
        return min(value, 1)
    }
}
