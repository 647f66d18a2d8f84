/// Class labels as text, interned to small integers so a million rows cost 4 bytes each.
///
/// Labels are text in general (`7`, `True`, `cat`); when every label parses as an integer they
/// sort numerically, otherwise by Unicode code point (the order numpy and scikit-learn use).
public struct LabelTable: Sendable, Equatable {
    public private(set) var names: [String] = []
    private var index: [String: Int32] = [:]

    public init() {}

    public init(_ names: [String]) {
        for name in names { _ = intern(name) }
    }

    public var count: Int { names.count }

    public func id(of name: String) -> Int32? { index[name] }

    /// The id of `name`, adding it if new.
    public mutating func intern(_ name: String) -> Int32 {
        if let id = index[name] { return id }
        let id = Int32(names.count)
        names.append(name)
        index[name] = id
        return id
    }

    /// Ids in presentation order: numeric when every label is an integer, else code-point order.
    public func sortedIDs() -> [Int32] {
        let ids = (0..<Int32(names.count)).map { $0 }
        let integers = names.map { Int($0) }
        if integers.allSatisfy({ $0 != nil }) {
            return ids.sorted { integers[Int($0)]! < integers[Int($1)]! }
        }
        return ids.sorted { names[Int($0)].utf8.lexicographicallyPrecedes(names[Int($1)].utf8) }
    }

    /// True when labels sort numerically.
    public var isNumeric: Bool { names.allSatisfy { Int($0) != nil } }
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
