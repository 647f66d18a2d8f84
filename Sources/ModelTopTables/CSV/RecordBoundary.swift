import Glibc

/// Where CSV records end, honouring quotes the way Python's csv module and pandas do: a quote
/// opens a quoted field only at the start of a field; anywhere else it is an ordinary character.
/// Files are cut into blocks at these boundaries so blocks can be parsed independently.
package enum RecordBoundary {
    /// The quote state machine shared by every scan over records.
    struct Scanner {
        let delimiter: UInt8
        var inQuotes = false
        var atFieldStart = true

        /// Feeds one byte; true when it is the newline that ends a record.
        @inline(__always)
        mutating func step(_ byte: UInt8) -> Bool {
            if inQuotes {
                // A closing quote; a doubled quote re-opens at once (see below).
                if byte == UInt8(ascii: "\"") { inQuotes = false }
                return false
            }
            switch byte {
            case UInt8(ascii: "\""):
                // At a field start this opens quoting; right after a closing quote it is the
                // escaped quote of `""`; elsewhere it is a literal character.
                if atFieldStart { inQuotes = true }
                atFieldStart = false
                return false
            case UInt8(ascii: "\n"):
                atFieldStart = true
                return true
            case delimiter:
                atFieldStart = true
                return false
            default:
                atFieldStart = false
                return false
            }
        }

        /// Called after a closing quote: the next byte being `"` means an escaped quote.
        @inline(__always)
        mutating func stepAfterClose(_ byte: UInt8) -> Bool {
            if byte == UInt8(ascii: "\"") {
                inQuotes = true
                return false
            }
            return step(byte)
        }
    }

    /// The offset just past the last newline that ends a record in `bytes`, given that `bytes`
    /// starts at a record boundary; nil when no record ends inside the block.
    package static func endOfLastRecord(in bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8) -> Int? {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return nil }
        if memchr(base, Int32(UInt8(ascii: "\"")), bytes.count) == nil {
            // No quotes: the last newline ends the last record.
            var k = bytes.count - 1
            while k >= 0 {
                if base[k] == UInt8(ascii: "\n") { return k + 1 }
                k -= 1
            }
            return nil
        }
        var last: Int?
        scan(bytes, from: 0, delimiter: delimiter) { end in
            last = end
            return true
        }
        return last
    }

    /// The offset just past the first record's newline (the header line), or nil if it has none.
    package static func endOfFirstRecord(in bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8) -> Int? {
        var first: Int?
        scan(bytes, from: 0, delimiter: delimiter) { end in
            first = end
            return false
        }
        return first
    }

    /// Where the record that `start` lies in ends (just past its newline, or the end of the
    /// buffer), and how many newlines that passes; `atFieldStart` says whether `start` begins a field.
    static func endOfRecord(
        in bytes: UnsafeBufferPointer<UInt8>, from start: Int, delimiter: UInt8, atFieldStart: Bool
    ) -> (end: Int, newlines: Int) {
        var end = bytes.count
        scan(bytes, from: start, delimiter: delimiter, atFieldStart: atFieldStart) { recordEnd in
            end = recordEnd
            return false
        }
        // Quoted newlines inside the record count as lines too.
        let newlines = bytes[start..<end].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        return (end, newlines)
    }

    /// Calls `record` with the end of each record in `bytes` until it returns false.
    private static func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, delimiter: UInt8, atFieldStart: Bool = true,
        _ record: (Int) -> Bool
    ) {
        var scanner = Scanner(delimiter: delimiter, atFieldStart: atFieldStart)
        var justClosed = false
        var k = start
        while k < bytes.count {
            let byte = bytes[k]
            let wasInQuotes = scanner.inQuotes
            let ends = justClosed ? scanner.stepAfterClose(byte) : scanner.step(byte)
            justClosed = wasInQuotes && !scanner.inQuotes
            k += 1
            if ends, !record(k) { return }
        }
    }
}
