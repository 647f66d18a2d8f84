/// A small JSON emitter with a fixed key order, so the report's JSON is stable text.
package struct JSONWriter {
    package private(set) var text = ""
    private var needsComma: [Bool] = [false]
    private let indentUnit: String
    /// One line, no indentation: for one-snapshot-per-line streams (`watch --headless`).
    private let compact: Bool

    package init(compact: Bool = false) {
        self.compact = compact
        indentUnit = compact ? "" : "  "
    }

    package mutating func object(_ key: String? = nil, _ body: (inout JSONWriter) -> Void) {
        open(key, "{")
        body(&self)
        close("}")
    }

    package mutating func array(_ key: String? = nil, _ body: (inout JSONWriter) -> Void) {
        open(key, "[")
        body(&self)
        close("]")
    }

    package mutating func field(_ key: String?, _ value: Double) { raw(key, ReportNumber.json(value)) }
    package mutating func field(_ key: String?, _ value: Int) { raw(key, String(value)) }
    package mutating func field(_ key: String?, _ value: Bool) { raw(key, value ? "true" : "false") }
    package mutating func field(_ key: String?, _ value: String) { raw(key, Self.quoted(value)) }
    package mutating func null(_ key: String?) { raw(key, "null") }

    /// An array of numbers or strings on one line (matrices stay readable).
    package mutating func inline(_ key: String?, _ values: [String]) { raw(key, "[" + values.joined(separator: ", ") + "]") }

    package static func quoted(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                // Escaping C0, DEL, C1 and the bidi controls keeps the JSON safe to `cat` on a
                // terminal; a JSON reader gets the same text back.
                if SafeText.isUnsafe(scalar) {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private mutating func raw(_ key: String?, _ value: String) {
        separate()
        if let key { text += Self.quoted(key) + ": " }
        text += value
    }

    private mutating func open(_ key: String?, _ bracket: String) {
        raw(key, bracket)
        needsComma.append(false)
    }

    private mutating func close(_ bracket: String) {
        let hadItems = needsComma.removeLast()
        if hadItems, !compact { text += "\n" + String(repeating: indentUnit, count: needsComma.count - 1) }
        text += bracket
    }

    private mutating func separate() {
        guard let last = needsComma.last else { return }
        if needsComma.count > 1 {
            if compact {
                if last { text += "," }
            } else {
                text += last ? ",\n" : "\n"
                text += String(repeating: indentUnit, count: needsComma.count - 1)
            }
        }
        needsComma[needsComma.count - 1] = true
    }
}

/// JSON string quoting for code that writes JSON by hand (one quoting rule everywhere).
package enum JSONText {
    package static func quoted(_ value: String) -> String { JSONWriter.quoted(value) }
}
