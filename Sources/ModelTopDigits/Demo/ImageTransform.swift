import Glibc

/// What the world does to a served image: the pixel operations the demo's scenarios combine.
///
/// Square images, row-major, values on the digits' 0...16 scale. Each function returns a new
/// image and clips to the scale, as a camera or a canvas would.
package enum ImageTransform {
    package static let maxValue = 16.0

    /// Rotates by `degrees` about the image centre with bilinear interpolation and zeros outside
    /// (as `scipy.ndimage.rotate(img, angle, reshape=False, order=1)`, which made the fixtures' drift).
    package static func rotate(_ pixels: [Double], degrees: Double) -> [Double] {
        let side = Int(Double(pixels.count).squareRoot())
        guard side * side == pixels.count, degrees != 0 else { return pixels }
        let radians = degrees * Double.pi / 180
        let c = cos(radians), s = sin(radians)
        let centre = Double(side - 1) / 2
        func at(_ row: Int, _ column: Int) -> Double {
            guard row >= 0, row < side, column >= 0, column < side else { return 0 }
            return pixels[row * side + column]
        }
        var out = [Double](repeating: 0, count: pixels.count)
        for row in 0..<side {
            for column in 0..<side {
                // The source of each output pixel: the inverse rotation of its offset from the centre.
                let dy = Double(row) - centre, dx = Double(column) - centre
                let y = centre + c * dy - s * dx
                let x = centre + s * dy + c * dx
                let y0 = Int(floor(y)), x0 = Int(floor(x))
                let fy = y - Double(y0), fx = x - Double(x0)
                let top = at(y0, x0) * (1 - fx) + at(y0, x0 + 1) * fx
                let bottom = at(y0 + 1, x0) * (1 - fx) + at(y0 + 1, x0 + 1) * fx
                out[row * side + column] = clip(top * (1 - fy) + bottom * fy)
            }
        }
        return out
    }

    /// Adds Gaussian noise of standard deviation `sigma` to every pixel.
    package static func addNoise(_ pixels: [Double], sigma: Double, random: inout DemoRandom) -> [Double] {
        guard sigma > 0 else { return pixels }
        return pixels.map { clip($0 + sigma * random.normal()) }
    }

    /// Heavier strokes: each pixel takes at least `strength` times its brightest 4-neighbour, the
    /// look of a thicker pen or a bolder font.
    package static func thicken(_ pixels: [Double], strength: Double) -> [Double] {
        let side = Int(Double(pixels.count).squareRoot())
        guard side * side == pixels.count, strength > 0 else { return pixels }
        var out = pixels
        for row in 0..<side {
            for column in 0..<side {
                var brightest = 0.0
                for (dy, dx) in [(-1, 0), (1, 0), (0, -1), (0, 1)] {
                    let r = row + dy, k = column + dx
                    if r >= 0, r < side, k >= 0, k < side { brightest = max(brightest, pixels[r * side + k]) }
                }
                out[row * side + column] = clip(max(pixels[row * side + column], strength * brightest))
            }
        }
        return out
    }

    /// Rounds to hundredths: the image a log line carries is exactly the one that was embedded.
    package static func rounded(_ pixels: [Double]) -> [Double] {
        pixels.map { ($0 * 100).rounded() / 100 }
    }

    static func clip(_ value: Double) -> Double { min(maxValue, max(0, value)) }
}
