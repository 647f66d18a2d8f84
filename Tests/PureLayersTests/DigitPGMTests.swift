import Testing
@testable import ModelTopDigits
import ModelTopIO

/// Binary PGM: comments, 8- and 16-bit rasters, and every malformed header or raster.
@Suite struct DigitPGMTests {
    static func pgm(_ header: String, _ raster: [UInt8]) -> [UInt8] { Array(header.utf8) + raster }

    @Test func eightBitWithComments() throws {
        let image = try PGMDecoder.decode(Self.pgm("P5\n# made by hand\n2 # width\n2\n# max\n200\n", [0, 50, 100, 200]))
        #expect(image.side == 2 && image.maxValue == 200 && image.pixels == [0, 50, 100, 200])
    }

    @Test func sixteenBitIsBigEndian() throws {
        let image = try PGMDecoder.decode(Self.pgm("P5 1 1 65535\n", [0x12, 0x34]))
        #expect(image.pixels == [0x1234] && image.maxValue == 65535)
    }

    @Test func trailingWhitespaceIsAccepted() throws {
        #expect(try PGMDecoder.decode(Self.pgm("P5 1 1 255\n", [7, 0x0A])).pixels == [7])
    }

    @Test func fixturesRead() throws {
        let small = try ImageFiles.load(path: Goldens.fixture("images/digit8.pgm"), selection: .init())
        #expect(small.format == .pgm && small.image.side == 8 && small.image.maxValue == 255)
        let wide = try ImageFiles.load(path: Goldens.fixture("images/digit28-16bit.pgm"), selection: .init())
        let idx = try ImageFiles.load(path: Goldens.fixture("images/digits28-idx3-ubyte"), selection: .init(index: 3))
        #expect(wide.image.inks.count == 784)
        #expect(zip(wide.image.inks, idx.image.inks).allSatisfy { abs($0 - $1) < 1e-9 })
    }

    @Test func everyMalformedFileIsAPlacedError() {
        let cases: [([UInt8], DigitFormatError)] = [
            (Array("P".utf8), DigitFormatError(.truncated(what: "PGM magic", needed: 2, available: 1), offset: 0)),
            (Self.pgm("P2 1 1 255\n1", []), DigitFormatError(.pgmWrongMagic(found: "P2"), offset: 0)),
            (Self.pgm("P6 1 1 255\n", [1, 2, 3]), DigitFormatError(.pgmWrongMagic(found: "P6"), offset: 0)),
            (Self.pgm("P5 8 # no height", []), DigitFormatError(.pgmMissingField("height"), offset: 16)),
            (Self.pgm("P5 8 8", []), DigitFormatError(.pgmMissingField("maxval"), offset: 6)),
            (Self.pgm("P5 8x 8 255\n", []), DigitFormatError(.pgmBadNumber(field: "width", text: "8x"), offset: 3)),
            (Self.pgm("P5 0 0 255\n", []), DigitFormatError(.pgmBadNumber(field: "width", text: "0"), offset: 3)),
            (Self.pgm("P5 99999999999 1 255\n", []), DigitFormatError(.pgmBadNumber(field: "width", text: "99999999999"), offset: 3)),
            (Self.pgm("P5 1 1 0\n", [0]), DigitFormatError(.pgmBadMaxValue(0), offset: 7)),
            (Self.pgm("P5 1 1 70000\n", [0]), DigitFormatError(.pgmBadMaxValue(70000), offset: 7)),
            (Self.pgm("P5 1 1 255", []), DigitFormatError(.truncated(what: "PGM pixels", needed: 1, available: 0), offset: 10)),
            (Self.pgm("P5 8 6 255\n", [UInt8](repeating: 0, count: 48)), DigitFormatError(.notSquare(width: 8, height: 6), offset: 3)),
            (Self.pgm("P5 5000 5000 255\n", []), DigitFormatError(.tooLarge(width: 5000, height: 5000), offset: 3)),
            (Self.pgm("P5 2 2 255\n", [1, 2, 3]),
             DigitFormatError(.truncated(what: "PGM pixels (2×2, 1 byte each)", needed: 4, available: 3), offset: 11)),
            (Self.pgm("P5 1 1 65535\n", [1]),
             DigitFormatError(.truncated(what: "PGM pixels (1×1, 2 bytes each)", needed: 2, available: 1), offset: 13)),
            (Self.pgm("P5 1 1 255\n", [1, 2, 3]), DigitFormatError(.trailingBytes(count: 2), offset: 12)),
            (Self.pgm("P5 2 2 100\n", [1, 2, 101, 3]), DigitFormatError(.pixelAboveMaxValue(value: 101, maxValue: 100), offset: 13)),
        ]
        for (bytes, expected) in cases {
            #expect(throws: expected) { try PGMDecoder.decode(bytes) }
        }
    }

    @Test func messagesSayWhatAndWhere() {
        #expect(DigitFormatError(.pgmWrongMagic(found: "P2"), offset: 0).message
            == "byte 0: ASCII PGM (P2) is not supported; convert it to binary PGM (P5)")
        #expect(DigitFormatError(.pixelAboveMaxValue(value: 101, maxValue: 100), offset: 13).message == "byte 13: pixel value 101 is above maxval 100")
    }
}
