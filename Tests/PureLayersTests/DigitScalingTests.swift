import Testing
@testable import ModelTopDigits
@testable import ModelTopOutput

/// Layout and resampling: natural sizes, whole-factor enlarging, box shrinking, and no crash
/// or overflow at any area from 1×1 to 200×100.
@Suite struct DigitScalingTests {
    static func ramp(side: Int) throws -> DigitImage {
        try DigitImage(pixels: (0..<(side * side)).map { Double($0 % 17) }, maxValue: 16)
    }

    @Test func naturalSizeOf8x8Is16ColumnsBy8LinesInBothModes() {
        for mode in [DigitLayout.Mode.unicode, .ascii] {
            let layout = DigitLayout(mode: mode, sourceSide: 8)
            #expect(layout.columns == 16)
            #expect(layout.lines == 8)
        }
        #expect(DigitLayout(mode: .unicode, sourceSide: 8).pixelSide == 16)
        #expect(DigitLayout(mode: .ascii, sourceSide: 8).pixelSide == 8)
    }

    @Test func naturalSizeOf28x28IsOnePixelPerColumn() {
        let unicode = DigitLayout(mode: .unicode, sourceSide: 28)
        #expect(unicode.columns == 28 && unicode.lines == 14)
        let ascii = DigitLayout(mode: .ascii, sourceSide: 28)
        #expect(ascii.columns == 56 && ascii.lines == 28)
    }

    @Test func enlargingUsesWholeFactorsAndShrinkingAnySize() {
        #expect(DigitLayout(mode: .unicode, sourceSide: 8, columns: 20).pixelSide == 16)
        #expect(DigitLayout(mode: .unicode, sourceSide: 8, columns: 40, lines: 100).pixelSide == 40)
        #expect(DigitLayout(mode: .unicode, sourceSide: 28, columns: 20).pixelSide == 20)
        #expect(DigitLayout(mode: .unicode, sourceSide: 28, columns: 80, lines: 5).pixelSide == 10)
        #expect(DigitLayout(mode: .ascii, sourceSide: 28, columns: 21).pixelSide == 10)
    }

    @Test func wholeFactorEnlargingRepeatsPixelsExactly() throws {
        let image = try Self.ramp(side: 8)
        let raster = DigitRaster(image, side: 24)
        for row in 0..<24 {
            for column in 0..<24 {
                #expect(abs(raster.ink(row: row, column: column) - image.ink(row: row / 3, column: column / 3)) < 1e-12)
            }
        }
    }

    @Test func shrinkingAveragesCoveredPixels() throws {
        let image = try DigitImage(pixels: [16, 0, 0, 16], maxValue: 16)
        #expect(DigitRaster(image, side: 1).inks == [0.5])
        let weights = DigitRaster.weights(from: 28, to: 5)
        for taps in weights { #expect(abs(taps.map(\.1).reduce(0, +) - 1) < 1e-12) }
    }

    @Test func everyAreaFrom1x1To200x100DrawsWithinBounds() throws {
        let images = try [1, 3, 8, 28].map { try Self.ramp(side: $0) }
        for image in images {
            for mode in [DigitLayout.Mode.unicode, .ascii] {
                for columns in Array(1...24) + [31, 40, 79, 120, 200] {
                    for lines in Array(1...14) + [24, 50, 100] {
                        let layout = DigitLayout(mode: mode, sourceSide: image.side, columns: columns, lines: lines)
                        let drawn = DigitRenderer.lines(image, layout: layout)
                        #expect(drawn.count == layout.lines && drawn.count <= lines)
                        #expect(drawn.allSatisfy { $0.count == layout.columns && $0.count <= columns })
                        #expect(layout.pixelSide >= 1)
                        let coloured = DigitRenderer.colouredLines(image, layout: layout)
                        #expect(coloured.count == (mode == .unicode ? drawn.count : (layout.pixelSide + 1) / 2))
                    }
                }
            }
        }
    }

    @Test func zeroAreaDrawsNothing() throws {
        let layout = DigitLayout(mode: .unicode, sourceSide: 8, columns: 0, lines: 5)
        #expect(layout.pixelSide == 0)
        #expect(try DigitRenderer.lines(Self.ramp(side: 8), layout: layout).isEmpty)
    }

    @Test func oddDrawingHeightLeavesTheLastBottomHalfEmpty() throws {
        let image = try DigitImage(pixels: [16], maxValue: 16)
        let layout = DigitLayout(mode: .unicode, sourceSide: 1, columns: 3, lines: 9)
        #expect(layout.pixelSide == 3 && layout.lines == 2)
        #expect(DigitRenderer.lines(image, layout: layout) == ["███", "▀▀▀"])
    }
}
