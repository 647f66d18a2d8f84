import Foundation
import Testing
@testable import ModelTopBase
@testable import ModelTopDigits
@testable import ModelTopIO

/// MNIST IDX files: the fixtures read back, and every malformed header or size is an error
/// that says what and at which byte.
@Suite struct DigitIDXTests {
    static func header(_ words: [UInt32]) -> [UInt8] {
        words.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> (24 - 8 * $0)) } }
    }

    static func images(count: UInt32, rows: UInt32, columns: UInt32) -> [UInt8] {
        header([IDXHeader.imagesMagic, count, rows, columns])
    }

    static func parse(_ bytes: [UInt8], fileSize: Int? = nil, magic: UInt32 = IDXHeader.imagesMagic) throws(DigitFormatError) -> IDXHeader {
        try IDXHeader.parse(Array(bytes.prefix(16)), fileSize: fileSize ?? bytes.count, magic: magic)
    }

    @Test func aValidHeaderGivesEachImagesRange() throws {
        let parsed = try Self.parse(Self.images(count: 3, rows: 8, columns: 8), fileSize: 16 + 3 * 64)
        #expect(parsed.count == 3 && parsed.side == 8 && parsed.dataOffset == 16)
        #expect(try parsed.range(of: 2) == 144..<208)
        #expect(throws: DigitFormatError(.indexOutOfRange(index: 3, count: 3))) { try parsed.range(of: 3) }
        let labels = try Self.parse(Self.header([IDXHeader.labelsMagic, 3]), fileSize: 11, magic: IDXHeader.labelsMagic)
        #expect(try labels.range(of: 1) == 9..<10)
    }

    @Test func everyMalformedHeaderIsAPlacedError() {
        let cases: [([UInt8], Int?, DigitFormatError)] = [
            ([0x1F, 0x8B, 8, 0], nil, DigitFormatError(.gzipCompressed, offset: 0)),
            ([0, 0], nil, DigitFormatError(.truncated(what: "IDX magic number", needed: 4, available: 2), offset: 0)),
            (Self.header([IDXHeader.labelsMagic, 1]), nil,
             DigitFormatError(.idxWrongMagic(found: IDXHeader.labelsMagic, expected: IDXHeader.imagesMagic), offset: 0)),
            (Self.header([0x4D4E_4953, 1]), nil, DigitFormatError(.idxWrongMagic(found: 0x4D4E_4953, expected: IDXHeader.imagesMagic), offset: 0)),
            (Self.header([0x0000_0D03, 1, 8, 8]), nil, DigitFormatError(.idxUnsupportedType(0x0D), offset: 2)),
            (Self.header([IDXHeader.imagesMagic, 1, 8]), nil, DigitFormatError(.truncated(what: "IDX header", needed: 12, available: 8), offset: 4)),
            (Self.images(count: 1, rows: 0, columns: 8), 16, DigitFormatError(.idxZeroDimension(index: 1), offset: 8)),
            (Self.images(count: 1, rows: 8, columns: 0), 16, DigitFormatError(.idxZeroDimension(index: 2), offset: 12)),
            (Self.images(count: 1, rows: 28, columns: 20), 16 + 560, DigitFormatError(.notSquare(width: 20, height: 28), offset: 8)),
            (Self.images(count: 1, rows: 5000, columns: 5000), nil, DigitFormatError(.tooLarge(width: 5000, height: 5000), offset: 8)),
            (Self.images(count: 0xFFFF_FFFF, rows: 28, columns: 28), nil, DigitFormatError(.tooManyImages(count: 0xFFFF_FFFF), offset: 4)),
            (Self.images(count: 2, rows: 8, columns: 8), 16 + 100,
             DigitFormatError(.truncated(what: "image data (2 images of 8×8)", needed: 128, available: 100), offset: 16)),
            (Self.images(count: 2, rows: 8, columns: 8), 16 + 130, DigitFormatError(.trailingBytes(count: 2), offset: 144)),
        ]
        for (bytes, size, expected) in cases {
            #expect(throws: expected) { try Self.parse(bytes, fileSize: size) }
        }
    }

    @Test func messagesSayWhatAndWhere() {
        #expect(DigitFormatError(.idxWrongMagic(found: IDXHeader.labelsMagic, expected: IDXHeader.imagesMagic), offset: 0).message
            == "byte 0: magic number 0x00000801, expected 0x00000803 for IDX images (idx3-ubyte); this is a labels file")
        #expect(DigitFormatError(.truncated(what: "image data (2 images of 8×8)", needed: 128, available: 100), offset: 16).message
            == "byte 16: truncated image data (2 images of 8×8): needs 128 bytes, the file has 100 from here")
        #expect(DigitFormatError(.gzipCompressed, offset: 0).message == "byte 0: still gzip-compressed after decompressing (compressed twice?)")
    }

    @Test func fixturesReadWithTheirLabelsFoundByName() throws {
        let path = Goldens.fixture("images/digits8-idx3-ubyte")
        #expect(IDXFileReader.labelsPath(forImages: path) == Goldens.fixture("images/digits8-idx1-ubyte"))
        let loaded = try ImageFiles.load(path: path, selection: .init(index: 0))
        #expect(loaded.format == .idx && loaded.place == "image 0 of 20")
        #expect(loaded.image.side == 8 && loaded.image.label == "0" && loaded.image.maxValue == 255)
        // sklearn digit 0, row 0: 0 0 5 13 9 1 0 0, scaled to bytes.
        #expect(Array(loaded.image.pixels.prefix(8)) == [0, 0, 80, 207, 143, 16, 0, 0])
        let large = try ImageFiles.load(path: Goldens.fixture("images/digits28-idx3-ubyte"), selection: .init(index: 9))
        #expect(large.image.side == 28 && large.image.label == "9")
    }

    @Test func mnistNamesPairImagesWithLabels() throws {
        let directory = try TemporaryFiles.directory()
        for name in ["train-images-idx3-ubyte", "train-labels-idx1-ubyte"] {
            try Data().write(to: URL(fileURLWithPath: directory + "/" + name))
        }
        #expect(IDXFileReader.labelsPath(forImages: directory + "/train-images-idx3-ubyte") == directory + "/train-labels-idx1-ubyte")
        #expect(IDXFileReader.labelsPath(forImages: directory + "/t10k-images-idx3-ubyte") == nil)
        #expect(IDXFileReader.labelsPath(forImages: directory + "/image.pgm") == nil)
    }

    @Test func labelFilesWithAnotherCountAreRejected() throws {
        let directory = try TemporaryFiles.directory()
        let images = directory + "/x-idx3-ubyte", labels = directory + "/y-idx1-ubyte"
        try Data(Self.images(count: 2, rows: 2, columns: 2) + [UInt8](repeating: 9, count: 8)).write(to: URL(fileURLWithPath: images))
        try Data(Self.header([IDXHeader.labelsMagic, 3]) + [1, 2, 3]).write(to: URL(fileURLWithPath: labels))
        #expect(throws: ModelTopError.cannotRead(file: labels, reason: "byte 4: the labels file has 3 labels but the images file has 2 images")) {
            try ImageFiles.load(path: images, selection: .init(labelsPath: labels))
        }
        try Data(Self.header([IDXHeader.labelsMagic, 2]) + [7]).write(to: URL(fileURLWithPath: labels))
        #expect(throws: ModelTopError.cannotRead(file: labels, reason: "byte 8: truncated label data (2 labels): needs 2 bytes, the file has 1 from here")) {
            try ImageFiles.load(path: images, selection: .init(labelsPath: labels))
        }
        try Data(Self.header([IDXHeader.labelsMagic, 2]) + [7, 4]).write(to: URL(fileURLWithPath: labels))
        let loaded = try ImageFiles.load(path: images, selection: .init(index: 1, labelsPath: labels))
        #expect(loaded.image.label == "4" && loaded.image.pixels == [9, 9, 9, 9])
    }

    @Test func truncatedGzipAndUnknownFilesAreClearErrors() throws {
        let directory = try TemporaryFiles.directory()
        let gz = directory + "/train-images-idx3-ubyte.gz", other = directory + "/blob"
        try Data([0x1F, 0x8B, 0x08, 0x00, 1, 2]).write(to: URL(fileURLWithPath: gz))
        try Data([0xFF, 0xFE, 0x00, 0x01]).write(to: URL(fileURLWithPath: other))
        #expect(throws: ModelTopError.cannotRead(file: gz, reason: "the gzip data is truncated")) {
            try ImageFiles.load(path: gz, selection: .init())
        }
        #expect(throws: ModelTopError.cannotRead(file: other, reason: DigitFormatError(.unrecognised, offset: 0).message)) {
            try ImageFiles.load(path: other, selection: .init())
        }
        let empty = directory + "/empty-idx3-ubyte"
        try Data().write(to: URL(fileURLWithPath: empty))
        #expect(throws: ModelTopError.cannotRead(file: empty, reason: "the file is empty")) {
            try ImageFiles.load(path: empty, selection: .init())
        }
    }
}

/// Fresh temporary directories for files a test writes.
enum TemporaryFiles {
    static func directory() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("modeltop-digit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }
}
