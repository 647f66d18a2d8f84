import ModelTopTables

/// A minimal, fast JSON reader over the bytes of one line: just what a flat request-log object
/// needs (numbers, strings, arrays of numbers), skipping anything else, however nested.
///
/// Foundation's `JSONSerialization` builds an object graph per line and is ~20× slower; a log
/// directory can hold millions of lines.
struct JSONScanner {
    let base: UnsafePointer<UInt8>
    var position: Int
    let end: Int

    init(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) {
        self.base = base
        position = start
        self.end = end
    }

    struct Failure: Error {
        var reason: String
    }

    var atEnd: Bool {
        mutating get {
            skipSpace()
            return position >= end
        }
    }

    @inline(__always)
    mutating func skipSpace() {
        while position < end {
            let byte = base[position]
            guard byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A else { return }
            position += 1
        }
    }

    @inline(__always)
    mutating func peek() -> UInt8? {
        skipSpace()
        return position < end ? base[position] : nil
    }

    mutating func expect(_ byte: UInt8, _ what: String) throws(Failure) {
        guard peek() == byte else { throw Failure(reason: "expected \(what)") }
        position += 1
    }

    /// Calls `field` for each key of an object; `field` must consume the value.
    mutating func object(_ field: (inout JSONScanner, _ keyStart: Int, _ keyEnd: Int) throws(Failure) -> Void) throws(Failure) {
        try expect(UInt8(ascii: "{"), "a JSON object")
        if peek() == UInt8(ascii: "}") {
            position += 1
            return
        }
        while true {
            guard peek() == UInt8(ascii: "\"") else { throw Failure(reason: "expected a key") }
            let (keyStart, keyEnd, escaped) = try rawString()
            if escaped {
                // Keys we know have no escapes; an escaped key is some other key.
                try expect(UInt8(ascii: ":"), "':'")
                try skipValue()
            } else {
                try expect(UInt8(ascii: ":"), "':'")
                try field(&self, keyStart, keyEnd)
            }
            guard let next = peek() else { throw Failure(reason: "unterminated object") }
            position += 1
            if next == UInt8(ascii: "}") { return }
            guard next == UInt8(ascii: ",") else { throw Failure(reason: "expected ',' or '}'") }
        }
    }

    /// True when the key bytes equal `key` (ASCII).
    @inline(__always)
    func key(_ start: Int, _ stop: Int, is key: StaticString) -> Bool {
        guard stop - start == key.utf8CodeUnitCount else { return false }
        let expected = key.utf8Start
        for k in 0..<(stop - start) where base[start + k] != expected[k] { return false }
        return true
    }

    /// The raw bytes of a string (quotes excluded) and whether it contains escapes.
    mutating func rawString() throws(Failure) -> (Int, Int, Bool) {
        try expect(UInt8(ascii: "\""), "a string")
        let start = position
        var escaped = false
        while position < end {
            let byte = base[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return (start, position - 1, escaped)
            }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                position += 2
                continue
            }
            if byte < 0x20 { throw Failure(reason: "control character in a string") }
            position += 1
        }
        throw Failure(reason: "unterminated string")
    }

    /// A string value, unescaped.
    mutating func string() throws(Failure) -> String {
        let (start, stop, escaped) = try rawString()
        let bytes = UnsafeBufferPointer(start: base + start, count: stop - start)
        guard escaped else {
            // Ids and labels are nearly always ASCII, which needs no UTF-8 validation.
            if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
            guard let text = String(validating: bytes, as: UTF8.self) else { throw Failure(reason: "string is not valid UTF-8") }
            return text
        }
        return try Self.unescape(bytes)
    }

    /// A number; nil for `null`.
    mutating func number() throws(Failure) -> Double? {
        guard let first = peek() else { throw Failure(reason: "expected a number") }
        if first == UInt8(ascii: "n") {
            try literal("null")
            return nil
        }
        if let (value, stop) = DecimalParser.parsePrefix(base, position, end) {
            position = stop
            return value
        }
        let start = position
        while position < end, Self.isNumberByte(base[position]) { position += 1 }
        guard position > start, case .number(let value) = DecimalParser.parse(base, start, position), value.isFinite else {
            throw Failure(reason: "expected a number")
        }
        return value
    }

    /// An array of numbers appended to `values`; with `depth` > 1 also arrays of them (an image's
    /// rows), flattened, at most `depth` levels deep, so a hostile line cannot recurse without bound.
    mutating func numbers(into values: inout [Double], depth: Int = 1) throws(Failure) {
        guard depth > 0 else { throw Failure(reason: "arrays nested too deep") }
        try expect(UInt8(ascii: "["), "an array of numbers")
        if peek() == UInt8(ascii: "]") {
            position += 1
            return
        }
        while true {
            if peek() == UInt8(ascii: "[") {
                try numbers(into: &values, depth: depth - 1)
            } else {
                guard let value = try number() else { throw Failure(reason: "null inside an array of numbers") }
                values.append(value)
            }
            guard let next = peek() else { throw Failure(reason: "unterminated array") }
            position += 1
            if next == UInt8(ascii: "]") { return }
            guard next == UInt8(ascii: ",") else { throw Failure(reason: "expected ',' or ']'") }
        }
    }

    /// A label: a string as is, an integral number as its integer text, `true`/`false`; nil for null.
    mutating func label() throws(Failure) -> String? {
        switch peek() {
        case UInt8(ascii: "\""):
            return try string()
        case UInt8(ascii: "t"):
            try literal("true")
            return "true"
        case UInt8(ascii: "f"):
            try literal("false")
            return "false"
        case UInt8(ascii: "n"):
            try literal("null")
            return nil
        default:
            let start = position
            guard let value = try number() else { return nil }
            if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
            return String(decoding: UnsafeBufferPointer(start: base + start, count: position - start), as: UTF8.self)
        }
    }

    mutating func literal(_ word: StaticString) throws(Failure) {
        skipSpace()
        let count = word.utf8CodeUnitCount
        guard position + count <= end else { throw Failure(reason: "unexpected end of line") }
        for k in 0..<count where base[position + k] != word.utf8Start[k] {
            throw Failure(reason: "unexpected character")
        }
        position += count
    }

    /// Skips any JSON value, iteratively (a deeply nested line cannot overflow the stack).
    mutating func skipValue() throws(Failure) {
        var open: [UInt8] = []  // the containers entered: '{' or '['
        while true {
            guard let byte = peek() else { throw Failure(reason: "unexpected end of line") }
            switch byte {
            case UInt8(ascii: "{"):
                position += 1
                if peek() == UInt8(ascii: "}") {
                    position += 1
                } else {
                    open.append(byte)
                    _ = try rawString()
                    try expect(UInt8(ascii: ":"), "':'")
                    continue
                }
            case UInt8(ascii: "["):
                position += 1
                if peek() == UInt8(ascii: "]") {
                    position += 1
                } else {
                    open.append(byte)
                    continue
                }
            case UInt8(ascii: "\""): _ = try rawString()
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            default: _ = try number()
            }
            // A value is complete: close containers until one continues with a comma.
            while let top = open.last {
                guard let next = peek() else { throw Failure(reason: "unexpected end of line") }
                position += 1
                if next == UInt8(ascii: ",") {
                    if top == UInt8(ascii: "{") {
                        _ = try rawString()
                        try expect(UInt8(ascii: ":"), "':'")
                    }
                    break
                }
                let closes = top == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                guard next == closes else { throw Failure(reason: "expected ',' or a closing bracket") }
                open.removeLast()
            }
            if open.isEmpty { return }
        }
    }

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
    }

    private static func unescape(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> String {
        var scalars = String.UnicodeScalarView()
        var utf8: [UInt8] = []
        var k = 0
        func flush() throws(Failure) {
            guard !utf8.isEmpty else { return }
            guard let text = String(validating: utf8, as: UTF8.self) else { throw Failure(reason: "string is not valid UTF-8") }
            scalars.append(contentsOf: text.unicodeScalars)
            utf8.removeAll()
        }
        func hex4(_ at: Int) -> UInt32? {
            guard at + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for j in at..<(at + 4) {
                guard let digit = hexValue(bytes[j]) else { return nil }
                value = value << 4 | digit
            }
            return value
        }
        while k < bytes.count {
            let byte = bytes[k]
            guard byte == UInt8(ascii: "\\"), k + 1 < bytes.count else {
                utf8.append(byte)
                k += 1
                continue
            }
            try flush()
            let code = bytes[k + 1]
            k += 2
            switch code {
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "/"), UInt8(ascii: "\\"), UInt8(ascii: "\""): scalars.append(Unicode.Scalar(code))
            case UInt8(ascii: "u"):
                guard var value = hex4(k) else { throw Failure(reason: "bad \\u escape") }
                k += 4
                if (0xD800...0xDBFF).contains(value), k + 6 <= bytes.count, bytes[k] == UInt8(ascii: "\\"),
                   bytes[k + 1] == UInt8(ascii: "u"), let low = hex4(k + 2), (0xDC00...0xDFFF).contains(low) {
                    value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                    k += 6
                }
                scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
            default:
                throw Failure(reason: "bad escape in a string")
            }
        }
        try flush()
        return String(scalars)
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }
}
