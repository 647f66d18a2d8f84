/// Cuts a byte stream into lines of at most `maxLineBytes` bytes, decoded as UTF-8 with
/// replacement characters.
///
/// The bytes of an over-long line past the limit are dropped rather than buffered, so a child
/// that never prints a newline cannot grow the buffer. A carriage return also ends a line,
/// so progress bars that redraw with `\r` show as their successive states.
package struct LineAssembler: Sendable {
    package static let maxLineBytes = 500

    private var partial: [UInt8] = []
    private var truncated = false

    package init() {
        partial.reserveCapacity(Self.maxLineBytes)
    }

    /// Feeds `bytes` and hands each completed line to `emit`.
    package mutating func feed(_ bytes: UnsafeRawBufferPointer, emit: (String) -> Void) {
        for byte in bytes {
            if byte == 0x0A || byte == 0x0D {
                // "\r\n" ends one line, not two.
                if byte == 0x0A, partial.isEmpty, !truncated, lastWasReturn {
                    lastWasReturn = false
                    continue
                }
                lastWasReturn = byte == 0x0D
                emit(take())
                continue
            }
            lastWasReturn = false
            if partial.count < Self.maxLineBytes {
                partial.append(byte)
            } else {
                truncated = true
            }
        }
    }

    /// The unterminated last line, if any (called at end of stream).
    package mutating func finish(emit: (String) -> Void) {
        if !partial.isEmpty || truncated { emit(take()) }
    }

    private var lastWasReturn = false

    private mutating func take() -> String {
        var line = String(decoding: partial, as: UTF8.self)
        if truncated { line += "…" }
        partial.removeAll(keepingCapacity: true)
        truncated = false
        return line
    }
}
