/// The header of an MNIST IDX file (`…-idx3-ubyte` images, `…-idx1-ubyte` labels), checked
/// against the file's size so that a reader can then fetch any one image by offset.
///
/// Layout: a big-endian magic `00 00 08 nd` (0x08 = unsigned bytes, nd = number of
/// dimensions), nd big-endian UInt32 sizes, then the data row-major.
package struct IDXHeader: Sendable, Equatable {
    package static let imagesMagic: UInt32 = 0x0000_0803
    package static let labelsMagic: UInt32 = 0x0000_0801
    /// The most header bytes a reader needs to pass to `parse` (images: 4 + 3 × 4).
    package static let maxHeaderBytes = 16

    /// Number of items (images or labels).
    package let count: Int
    /// Pixels per side for images; 1 for labels.
    package let side: Int
    /// Bytes before the first item.
    package let dataOffset: Int

    /// Bytes per item: `side * side` for images, 1 for labels.
    package var itemBytes: Int { side * side }

    /// The byte range of item `index` within the file.
    package func range(of index: Int) throws(DigitFormatError) -> Range<Int> {
        guard index >= 0, index < count else { throw DigitFormatError(.indexOutOfRange(index: index, count: count)) }
        let start = dataOffset + index * itemBytes
        return start..<(start + itemBytes)
    }

    /// Checks `prefix` (the file's first bytes, up to `maxHeaderBytes`) and the file's size.
    package static func parse(_ prefix: [UInt8], fileSize: Int, magic: UInt32) throws(DigitFormatError) -> IDXHeader {
        if prefix.count >= 2, prefix[0] == 0x1F, prefix[1] == 0x8B { throw DigitFormatError(.gzipCompressed, offset: 0) }
        guard prefix.count >= 4 else {
            throw DigitFormatError(.truncated(what: "IDX magic number", needed: 4, available: prefix.count), offset: 0)
        }
        let found = word(prefix, at: 0)
        let dimensionCount = Int(magic & 0xFF)
        if found != magic {
            if prefix[0] == 0, prefix[1] == 0, prefix[2] != 0x08, Int(prefix[3]) == dimensionCount {
                throw DigitFormatError(.idxUnsupportedType(prefix[2]), offset: 2)
            }
            throw DigitFormatError(.idxWrongMagic(found: found, expected: magic), offset: 0)
        }
        let dataOffset = 4 + 4 * dimensionCount
        guard prefix.count >= dataOffset else {
            throw DigitFormatError(
                .truncated(what: "IDX header", needed: 4 * dimensionCount, available: prefix.count - 4), offset: 4)
        }
        let dimensions = (0..<dimensionCount).map { Int(word(prefix, at: 4 + 4 * $0)) }
        let count = dimensions[0]
        guard count <= DigitFormatError.maxImages else { throw DigitFormatError(.tooManyImages(count: count), offset: 4) }
        var side = 1
        if dimensionCount == 3 {
            let (rows, columns) = (dimensions[1], dimensions[2])
            for (k, size) in [rows, columns].enumerated() where size == 0 {
                throw DigitFormatError(.idxZeroDimension(index: k + 1), offset: 8 + 4 * k)
            }
            guard rows <= DigitImage.maxSide, columns <= DigitImage.maxSide else {
                throw DigitFormatError(.tooLarge(width: columns, height: rows), offset: 8)
            }
            guard rows == columns else { throw DigitFormatError(.notSquare(width: columns, height: rows), offset: 8) }
            side = rows
        }
        let header = IDXHeader(count: count, side: side, dataOffset: dataOffset)
        let needed = count * header.itemBytes
        let available = fileSize - dataOffset
        let what = dimensionCount == 3 ? "image data (\(count) images of \(side)×\(side))" : "label data (\(count) labels)"
        if available < needed {
            throw DigitFormatError(.truncated(what: what, needed: needed, available: available), offset: dataOffset)
        }
        if available > needed {
            throw DigitFormatError(.trailingBytes(count: available - needed), offset: dataOffset + needed)
        }
        return header
    }

    private static func word(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { ($0 << 8) | UInt32(bytes[offset + $1]) }
    }
}
