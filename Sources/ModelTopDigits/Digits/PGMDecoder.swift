/// Decodes a binary PGM (`P5`): the simplest grey image format, and what most tools export.
///
/// Header: `P5`, width, height, maxval as decimal text separated by whitespace, where `#`
/// starts a comment up to the end of the line; then one whitespace byte and the raster,
/// one byte per pixel when maxval < 256, else two bytes big-endian. Only trailing
/// whitespace may follow the raster (netpbm's multi-image files are not supported).
package enum PGMDecoder {
    package static func decode(_ bytes: [UInt8]) throws(DigitFormatError) -> DigitImage {
        guard bytes.count >= 2 else {
            throw DigitFormatError(.truncated(what: "PGM magic", needed: 2, available: bytes.count), offset: 0)
        }
        let magic = String(decoding: bytes[0..<2], as: UTF8.self)
        guard magic == "P5" else { throw DigitFormatError(.pgmWrongMagic(found: magic), offset: 0) }
        var position = 2
        let width = try number(bytes, &position, field: "width").value
        let height = try number(bytes, &position, field: "height").value
        let (maxValue, maxStart) = try number(bytes, &position, field: "maxval")
        guard (1...65535).contains(maxValue) else { throw DigitFormatError(.pgmBadMaxValue(maxValue), offset: maxStart) }
        guard position < bytes.count, isSpace(bytes[position]) else {
            if position >= bytes.count {
                throw DigitFormatError(.truncated(what: "PGM pixels", needed: 1, available: 0), offset: position)
            }
            throw DigitFormatError(.pgmNoSeparator, offset: position)
        }
        position += 1
        guard width <= DigitImage.maxSide, height <= DigitImage.maxSide else {
            throw DigitFormatError(.tooLarge(width: width, height: height), offset: 3)
        }
        guard width == height else { throw DigitFormatError(.notSquare(width: width, height: height), offset: 3) }
        let bytesPerPixel = maxValue < 256 ? 1 : 2
        let needed = width * height * bytesPerPixel
        let available = bytes.count - position
        guard available >= needed else {
            let what = "PGM pixels (\(width)×\(height), \(bytesPerPixel) byte\(bytesPerPixel == 1 ? "" : "s") each)"
            throw DigitFormatError(.truncated(what: what, needed: needed, available: available), offset: position)
        }
        if let extra = bytes[(position + needed)...].firstIndex(where: { !isSpace($0) }) {
            throw DigitFormatError(.trailingBytes(count: bytes.count - position - needed), offset: extra)
        }
        var pixels = [Double](repeating: 0, count: width * height)
        for k in 0..<pixels.count {
            let at = position + k * bytesPerPixel
            let value = bytesPerPixel == 1 ? Int(bytes[at]) : Int(bytes[at]) << 8 | Int(bytes[at + 1])
            guard value <= maxValue else {
                throw DigitFormatError(.pixelAboveMaxValue(value: value, maxValue: maxValue), offset: at)
            }
            pixels[k] = Double(value)
        }
        return try DigitImage(pixels: pixels, maxValue: Double(maxValue))
    }

    /// Skips whitespace and comments, then reads a decimal number of at most 9 digits and
    /// returns it with the offset where it starts.
    private static func number(_ bytes: [UInt8], _ position: inout Int, field: String) throws(DigitFormatError) -> (value: Int, start: Int) {
        while position < bytes.count {
            if isSpace(bytes[position]) {
                position += 1
            } else if bytes[position] == UInt8(ascii: "#") {
                while position < bytes.count, bytes[position] != 0x0A, bytes[position] != 0x0D { position += 1 }
            } else {
                break
            }
        }
        guard position < bytes.count else { throw DigitFormatError(.pgmMissingField(field), offset: position) }
        let start = position
        while position < bytes.count, !isSpace(bytes[position]), bytes[position] != UInt8(ascii: "#") { position += 1 }
        let token = bytes[start..<position]
        let isDecimal = token.count <= 9 && token.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        guard isDecimal, let value = Int(String(decoding: token, as: UTF8.self)), value > 0 || field == "maxval" else {
            throw DigitFormatError(
                .pgmBadNumber(field: field, text: String(decoding: token.prefix(20), as: UTF8.self)), offset: start)
        }
        return (value, start)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0B || byte == 0x0C
    }
}
