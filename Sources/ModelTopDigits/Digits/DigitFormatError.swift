import ModelTopBase

/// Why an image file or a pixel array cannot be drawn, and where: the one place these
/// problems become text (`message`). Readers throw it; commands wrap it with the file name.
package struct DigitFormatError: Error, Sendable, Equatable {
    package enum Problem: Sendable, Equatable {
        case noPixels
        case pixelCountNotSquare(count: Int)
        case badMaxValue(Double)
        case tooLarge(width: Int, height: Int)
        case notSquare(width: Int, height: Int)
        case gzipCompressed
        case emptyFile
        case unrecognised
        case truncated(what: String, needed: Int, available: Int)
        case trailingBytes(count: Int)
        case idxWrongMagic(found: UInt32, expected: UInt32)
        case idxUnsupportedType(UInt8)
        case idxZeroDimension(index: Int)
        case tooManyImages(count: Int)
        case indexOutOfRange(index: Int, count: Int)
        case labelCountMismatch(images: Int, labels: Int)
        case pgmWrongMagic(found: String)
        case pgmMissingField(String)
        case pgmBadNumber(field: String, text: String)
        case pgmBadMaxValue(Int)
        case pgmNoSeparator
        case pixelAboveMaxValue(value: Int, maxValue: Int)
        case csvNoPixelColumns
        case csvFieldCount(expected: Int, found: Int)
        case csvBadNumber(column: String, text: String)
        case csvNoSuchRow(String)
        case lineTooLong(limit: Int)
        case requestNotFound(id: String)
        case requestWithoutPixels(id: String)
    }

    package var problem: Problem
    /// 0-based byte offset in the file where the problem is, when it is about bytes.
    package var offset: Int?
    /// 1-based line, when the file is text (CSV, logs).
    package var line: Int?

    package init(_ problem: Problem, offset: Int? = nil, line: Int? = nil) {
        self.problem = problem
        self.offset = offset
        self.line = line
    }

    /// The largest number of images an IDX file may claim (MNIST has 70 000).
    package static let maxImages = 10_000_000

    /// `byte 16: …` or `line 3: …`, then what was wrong in words.
    package var message: String {
        var place = ""
        if let line { place = "line \(line): " } else if let offset { place = "byte \(offset): " }
        return place + reason
    }

    private var reason: String {
        switch problem {
        case .noPixels: return "no pixels"
        case let .pixelCountNotSquare(count):
            return "\(count) pixels is not a square image (64 = 8×8 and 784 = 28×28 are)"
        case let .badMaxValue(value): return "the full-ink value must be a number above 0, found \(value)"
        case let .tooLarge(width, height):
            return "\(width)×\(height) is larger than \(DigitImage.maxSide)×\(DigitImage.maxSide); not a digit image"
        case let .notSquare(width, height): return "the image is \(width)×\(height); digit images are square"
        case .gzipCompressed: return "still gzip-compressed after decompressing (compressed twice?)"
        case .emptyFile: return "the file is empty"
        case .unrecognised:
            return "not an image file modeltop reads: expected IDX (…-idx3-ubyte), binary PGM (P5) or CSV (id,label,p0,…)"
        case let .truncated(what, needed, available):
            return "truncated \(what): needs \(needed) byte\(needed == 1 ? "" : "s"), the file has \(available) from here"
        case let .trailingBytes(count): return "\(count) unexpected byte\(count == 1 ? "" : "s") after the image data"
        case let .idxWrongMagic(found, expected):
            let kind = expected == IDXHeader.imagesMagic ? "images (idx3-ubyte)" : "labels (idx1-ubyte)"
            var text = "magic number \(Self.hex(found)), expected \(Self.hex(expected)) for IDX \(kind)"
            if found == IDXHeader.imagesMagic { text += "; this is an images file" }
            if found == IDXHeader.labelsMagic { text += "; this is a labels file" }
            return text
        case let .idxUnsupportedType(code):
            return "IDX element type 0x\(String(code, radix: 16, uppercase: true)) is not supported; expected 0x08 (unsigned byte)"
        case let .idxZeroDimension(index): return "IDX dimension \(index + 1) is 0"
        case let .tooManyImages(count): return "the header claims \(count) images, more than \(Self.maxImages)"
        case let .indexOutOfRange(index, count):
            return "no image \(index): the file has \(count) (indexes 0…\(max(0, count - 1)))"
        case let .labelCountMismatch(images, labels):
            return "the labels file has \(labels) labels but the images file has \(images) images"
        case let .pgmWrongMagic(found):
            if found == "P2" { return "ASCII PGM (P2) is not supported; convert it to binary PGM (P5)" }
            return "magic \"\(SafeText.inline(found, maxScalars: 8))\", expected P5 (binary PGM)"
        case let .pgmMissingField(field): return "the PGM header ends before its \(field)"
        case let .pgmBadNumber(field, text):
            return "PGM \(field) \"\(SafeText.inline(text, maxScalars: 20))\" is not a positive integer"
        case let .pgmBadMaxValue(value): return "PGM maxval \(value) is outside 1…65535"
        case .pgmNoSeparator: return "no whitespace between the PGM header and the pixels"
        case let .pixelAboveMaxValue(value, maxValue): return "pixel value \(value) is above maxval \(maxValue)"
        case .csvNoPixelColumns: return "no pixel columns: expected a header such as id,label,p0,p1,…"
        case let .csvFieldCount(expected, found): return "\(found) fields, the header has \(expected)"
        case let .csvBadNumber(column, text):
            return "column \(SafeText.inline(column, maxScalars: 40)): \"\(SafeText.inline(text, maxScalars: 20))\" is not a number"
        case let .csvNoSuchRow(what): return "no row \(SafeText.inline(what, maxScalars: 80))"
        case let .lineTooLong(limit): return "a line longer than \(limit) bytes"
        case let .requestNotFound(id): return "no request with id \"\(SafeText.inline(id))\""
        case let .requestWithoutPixels(id): return "request \"\(SafeText.inline(id))\" has no pixels field"
        }
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }
}
