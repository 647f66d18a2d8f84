/// A flat little-endian byte format for checkpoints: numbers and arrays of numbers as their raw
/// bytes behind a length, so a million-value column costs one copy each way (JSON would parse
/// every digit). Nothing is trusted on the way back: every length is checked against the bytes
/// left, and any mismatch is a `BinaryDecodingError`, never a crash.
package struct BinaryWriter: Sendable {
    package private(set) var bytes: [UInt8] = []

    package init() {}

    package mutating func int(_ value: Int) { raw(Int64(value).littleEndian) }
    package mutating func double(_ value: Double) { raw(value.bitPattern.littleEndian) }
    package mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    package mutating func string(_ value: String) { uint8s(Array(value.utf8)) }
    package mutating func strings(_ values: [String]) {
        int(values.count)
        for value in values { string(value) }
    }

    package mutating func ints(_ values: [Int]) { array(values.map { Int64($0).littleEndian }) }
    package mutating func int32s(_ values: [Int32]) { array(values.map(\.littleEndian)) }
    package mutating func doubles(_ values: [Double]) { array(values.map { $0.bitPattern.littleEndian }) }
    package mutating func uint8s(_ values: [UInt8]) { array(values) }

    private mutating func raw<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value) { bytes.append(contentsOf: $0) }
    }

    private mutating func array<T: FixedWidthInteger>(_ values: [T]) {
        int(values.count)
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }
}

package struct BinaryDecodingError: Error, Sendable, Equatable {
    package var reason: String

    package init(reason: String) { self.reason = reason }
}

package struct BinaryReader {
    private let bytes: [UInt8]
    package private(set) var position = 0

    package init(_ bytes: [UInt8], from position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    package var isAtEnd: Bool { position == bytes.count }

    package mutating func int() throws(BinaryDecodingError) -> Int {
        let value = try raw(Int64.self)
        guard let int = Int(exactly: value) else { throw BinaryDecodingError(reason: "integer out of range") }
        return int
    }

    package mutating func double() throws(BinaryDecodingError) -> Double { Double(bitPattern: try raw(UInt64.self)) }

    package mutating func bool() throws(BinaryDecodingError) -> Bool {
        let byte = try raw(UInt8.self)
        guard byte <= 1 else { throw BinaryDecodingError(reason: "not a boolean") }
        return byte == 1
    }

    package mutating func string() throws(BinaryDecodingError) -> String {
        let utf8 = try uint8s()
        guard let text = String(validating: utf8, as: UTF8.self) else { throw BinaryDecodingError(reason: "text is not UTF-8") }
        return text
    }

    package mutating func strings() throws(BinaryDecodingError) -> [String] {
        let count = try length(elementSize: 8)
        var values: [String] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try string()) }
        return values
    }

    package mutating func ints() throws(BinaryDecodingError) -> [Int] {
        // Int is Int64 on every platform modeltop builds for (64-bit Linux): read it in place.
        try array(Int.self)
    }

    package mutating func int32s() throws(BinaryDecodingError) -> [Int32] { try array(Int32.self) }

    package mutating func doubles() throws(BinaryDecodingError) -> [Double] {
        let bits = try array(UInt64.self)
        return bits.withUnsafeBufferPointer { source in
            [Double](unsafeUninitializedCapacity: source.count) { target, initialized in
                UnsafeMutableRawBufferPointer(target).copyMemory(from: UnsafeRawBufferPointer(source))
                initialized = source.count
            }
        }
    }
    package mutating func uint8s() throws(BinaryDecodingError) -> [UInt8] { try array(UInt8.self) }

    /// An element count that fits in the bytes left.
    private mutating func length(elementSize: Int) throws(BinaryDecodingError) -> Int {
        let count = try int()
        guard count >= 0, count <= (bytes.count - position) / max(1, elementSize) else {
            throw BinaryDecodingError(reason: "a length of \(count) runs past the end")
        }
        return count
    }

    private mutating func raw<T: FixedWidthInteger>(_: T.Type) throws(BinaryDecodingError) -> T {
        let size = MemoryLayout<T>.size
        guard bytes.count - position >= size else { throw BinaryDecodingError(reason: "truncated") }
        var value = T.zero
        withUnsafeMutableBytes(of: &value) { target in
            bytes.withUnsafeBytes { source in target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[position..<(position + size)])) }
        }
        position += size
        return T(littleEndian: value)
    }

    private mutating func array<T: FixedWidthInteger>(_: T.Type) throws(BinaryDecodingError) -> [T] {
        let size = MemoryLayout<T>.size
        let count = try length(elementSize: size)
        let start = position
        let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBytes { source in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: source[start..<(start + count * size)]))
            }
            initialized = count
        }
        position += count * size
        #if _endian(little)
        return values
        #else
        return values.map { T(littleEndian: $0) }
        #endif
    }
}
