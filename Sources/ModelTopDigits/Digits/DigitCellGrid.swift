/// A digit as terminal cells, two pixel rows per cell, for drawing with colour: `▀` in the
/// top pixel's grey on the bottom pixel's grey shows both pixels at full resolution.
package struct DigitCellGrid: Sendable, Equatable {
    /// One character cell: grey levels 0 (background) … 255 (full ink) of its two pixels.
    package struct Cell: Sendable, Equatable {
        package var top: UInt8
        /// nil on the last line of an odd-sized drawing, which has no pixel row below.
        package var bottom: UInt8?
    }

    package let columns: Int
    package let rows: [[Cell]]

    package init(_ raster: DigitRaster) {
        columns = raster.side
        rows = stride(from: 0, to: raster.side, by: 2).map { top in
            (0..<raster.side).map { column in
                Cell(
                    top: Self.level(raster.ink(row: top, column: column)),
                    bottom: top + 1 < raster.side ? Self.level(raster.ink(row: top + 1, column: column)) : nil)
            }
        }
    }

    static func level(_ ink: Double) -> UInt8 { UInt8((min(1, max(0, ink)) * 255).rounded()) }
}
