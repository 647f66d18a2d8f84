/// The one sanitiser for untrusted text (labels, column names, file names, log fields)
/// on its way to a terminal or a report.
///
/// No control character or escape sequence from the data may reach the terminal: a label
/// such as `"\u{1B}]0;pwned\u{07}"` would otherwise retitle the window or worse
/// (kubectl's CVE-2021-25743 is this bug). Controls become visible escapes instead.
package enum SafeText {
    /// One line of text with every C0/C1 control, DEL and bidi override made visible.
    package static func inline(_ text: String, maxScalars: Int = 200) -> String {
        var out = String.UnicodeScalarView()
        var count = 0
        for scalar in text.unicodeScalars {
            if count >= maxScalars {
                out.append("…")
                break
            }
            count += 1
            if isUnsafe(scalar) {
                out.append(contentsOf: escape(scalar).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Bytes that may not be UTF-8 (a label read straight from a file) as safe text.
    package static func inline<Bytes: Collection>(bytes: Bytes, maxScalars: Int = 200) -> String
    where Bytes.Element == UInt8 {
        inline(String(decoding: bytes, as: UTF8.self), maxScalars: maxScalars)
    }

    package static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) { return true }
        // Bidirectional overrides and isolates reorder what the user sees (Trojan Source).
        if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) { return true }
        return false
    }

    private static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        case "\u{1B}": return "\\e"
        default:
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return scalar.value <= 0xFF ? "\\x" + String(repeating: "0", count: 2 - hex.count) + hex : "\\u{\(hex)}"
        }
    }
}
