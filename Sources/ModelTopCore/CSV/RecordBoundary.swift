#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds where complete CSV records end in a block of bytes, honouring RFC 4180 quotes, so a
/// file can be cut into blocks that are parsed independently (and in parallel).
public enum RecordBoundary {
    /// The offset just past the last newline that ends a record in `bytes`, given that `bytes`
    /// starts at a record boundary; nil when no record ends inside the block.
    public static func endOfLastRecord(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return nil }
        let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n")
        if memchrIndex(base, quote, bytes.count) == nil {
            // No quotes: the last newline ends the last record.
            var k = bytes.count - 1
            while k >= 0 {
                if base[k] == newline { return k + 1 }
                k -= 1
            }
            return nil
        }
        var inQuotes = false
        var last: Int?
        for k in 0..<bytes.count {
            let byte = base[k]
            if byte == quote {
                inQuotes.toggle()
            } else if byte == newline, !inQuotes {
                last = k + 1
            }
        }
        return last
    }

    /// The offset just past the first record's newline (the header line), or nil if it has none.
    public static func endOfFirstRecord(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var inQuotes = false
        for (k, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "\"") {
                inQuotes.toggle()
            } else if byte == UInt8(ascii: "\n"), !inQuotes {
                return k + 1
            }
        }
        return nil
    }

    private static func memchrIndex(_ base: UnsafePointer<UInt8>, _ byte: UInt8, _ count: Int) -> Int? {
        guard let found = memchr(base, Int32(byte), count) else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }
}
