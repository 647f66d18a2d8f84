/// Class labels as text, interned to small integers so a million rows cost 4 bytes each.
///
/// Labels are text in general (`7`, `True`, `cat`), but labels that are the same number are the
/// same label: pandas writes `target` as `3.0` as soon as the column has one missing value,
/// while `prediction` stays `3`. Every name is therefore stored in its canonical form
/// (`LabelName.canonical`). When every label is a number they sort numerically, otherwise by
/// Unicode code point (the order numpy and scikit-learn use).
package struct LabelTable: Sendable, Equatable {
    package private(set) var names: [String] = []
    private var index: [String: Int32] = [:]
    /// Other spellings seen (`3.0` for `3`), so a log that writes every row that way is
    /// canonicalised once, not once a row. Not part of equality.
    private var aliases: [String: Int32] = [:]

    package static func == (lhs: LabelTable, rhs: LabelTable) -> Bool { lhs.names == rhs.names }

    package init() {}

    package init(_ names: [String]) {
        for name in names { _ = intern(name) }
    }

    package var count: Int { names.count }

    package func id(of name: String) -> Int32? { index[name] ?? aliases[name] ?? index[LabelName.canonical(name)] }

    /// The id of `name` (in its canonical form), adding it if new.
    package mutating func intern(_ written: String) -> Int32 {
        if let id = index[written] ?? aliases[written] { return id }
        let name = LabelName.canonical(written)
        if let id = index[name] {
            aliases[written] = id
            return id
        }
        let id = Int32(names.count)
        names.append(name)
        index[name] = id
        if name != written { aliases[written] = id }
        return id
    }

    /// Ids in presentation order: numeric when every label is a number, else code-point order.
    package func sortedIDs() -> [Int32] {
        let ids = (0..<Int32(names.count)).map { $0 }
        let values = names.map { LabelName.numericValue($0) }
        if values.allSatisfy({ $0 != nil }) {
            return ids.sorted { values[Int($0)]! < values[Int($1)]! }
        }
        return ids.sorted { names[Int($0)].utf8.lexicographicallyPrecedes(names[Int($1)].utf8) }
    }

    /// True when labels sort numerically.
    package var isNumeric: Bool { names.allSatisfy { LabelName.numericValue($0) != nil } }
}

/// The one spelling of a label that is a number, so `3`, `3.0`, `3.00`, `+3` and `3e0` are one class.
package enum LabelName {
    /// An integral number as its integer text (`3.0` → `3`, `-0` → `0`), another finite number in
    /// its shortest round-trip form (`0.50` → `0.5`); text that is not a number stays as it is.
    package static func canonical(_ name: String) -> String {
        guard let value = numericValue(name) else { return name }
        if value == value.rounded(), abs(value) < 9_007_199_254_740_992 { return String(Int64(value)) }
        return "\(value)"
    }

    /// The label's value when its whole text is a finite decimal number (no spaces, no `nan`/`inf`).
    package static func numericValue(_ name: String) -> Double? {
        var utf8 = Array(name.utf8)
        guard let first = utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".")
            || (first >= 0x30 && first <= 0x39), let last = utf8.last, last != 0x20 else { return nil }
        return utf8.withUnsafeMutableBufferPointer { buffer -> Double? in
            guard let base = buffer.baseAddress,
                  case .number(let value) = DecimalParser.parse(base, 0, buffer.count), value.isFinite else { return nil }
            return value
        }
    }
}

/// A chunk-local interner that looks labels up by their bytes without making a `String` per row.
struct ByteLabelInterner {
    private(set) var labels: [[UInt8]] = []
    private var lookup: [[UInt8]: Int32] = [:]
    private var lastID: Int32 = -1

    /// The id for `bytes[start..<end]`, or nil when the bytes are not valid UTF-8.
    mutating func intern(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int32? {
        let length = end - start
        if lastID >= 0, matches(labels[Int(lastID)], base, start, length) { return lastID }
        if labels.count <= 32 {
            for (k, label) in labels.enumerated() where matches(label, base, start, length) {
                lastID = Int32(k)
                return lastID
            }
        } else {
            let key = Array(UnsafeBufferPointer(start: base + start, count: length))
            if let id = lookup[key] {
                lastID = id
                return id
            }
        }
        let key = Array(UnsafeBufferPointer(start: base + start, count: length))
        guard String(validating: key, as: UTF8.self) != nil else { return nil }
        let id = Int32(labels.count)
        labels.append(key)
        lookup[key] = id
        lastID = id
        return id
    }

    @inline(__always)
    private func matches(_ label: [UInt8], _ base: UnsafePointer<UInt8>, _ start: Int, _ length: Int) -> Bool {
        guard label.count == length else { return false }
        return label.withUnsafeBufferPointer { stored in
            for k in 0..<length where stored[k] != base[start + k] { return false }
            return true
        }
    }

    var names: [String] { labels.map { String(decoding: $0, as: UTF8.self) } }
}
