/// The few things that vary between CSV files we accept: the delimiter and a leading BOM.
package struct CSVDialect: Sendable, Equatable {
    package var delimiter: UInt8

    package static let comma = CSVDialect(delimiter: UInt8(ascii: ","))

    package init(delimiter: UInt8) { self.delimiter = delimiter }

    /// Picks comma, tab or semicolon: whichever occurs most often outside quotes in the header
    /// line. Comma wins ties and is the default when none occurs (a one-column file).
    package static func detect(headerLine: UnsafeBufferPointer<UInt8>) -> CSVDialect {
        var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: "\t"): 0, UInt8(ascii: ";"): 0]
        var inQuotes = false
        for byte in headerLine {
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            if !inQuotes, counts[byte] != nil { counts[byte, default: 0] += 1 }
        }
        var best = UInt8(ascii: ",")
        for candidate in [UInt8(ascii: "\t"), UInt8(ascii: ";")] where counts[candidate, default: 0] > counts[best, default: 0] {
            best = candidate
        }
        return CSVDialect(delimiter: best)
    }

    /// The length of a UTF-8 byte order mark at the start of `bytes` (0 or 3).
    package static func byteOrderMarkLength(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }
}
