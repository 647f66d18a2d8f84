import ModelTopBase

/// Reads a text file line by line in 1 MiB rounds, so a digits CSV or a prediction log of any
/// size is scanned with bounded memory.
enum TextLines {
    /// Calls `body` with each line (without its LF) and its 1-based number until it returns
    /// false. A line longer than `maxLength` is passed as nil: skipped or rejected by `body`.
    static func scan(
        _ file: ImageFileAccess, maxLength: Int,
        _ body: (_ line: ArraySlice<UInt8>?, _ number: Int) throws(ModelTopError) -> Bool
    ) throws(ModelTopError) {
        let round = 1 << 20
        var offset = 0
        var carry: [UInt8] = []
        var number = 0
        var skipping = false
        while offset < file.size {
            let fresh = try file.read(offset..<(offset + round))
            if fresh.isEmpty { break }
            offset += fresh.count
            let buffer = carry + fresh
            var start = 0
            while let newline = buffer[start...].firstIndex(of: 0x0A) {
                if skipping {
                    skipping = false
                } else {
                    number += 1
                    let line = buffer[start..<newline]
                    guard try body(line.count > maxLength ? nil : line, number) else { return }
                }
                start = newline + 1
            }
            carry = Array(buffer[start...])
            if !skipping, carry.count > maxLength {
                number += 1
                guard try body(nil, number) else { return }
                skipping = true
            }
            if skipping { carry = [] }
        }
        if !skipping, !carry.isEmpty {
            number += 1
            _ = try body(carry.count > maxLength ? nil : carry[...], number)
        }
    }
}
