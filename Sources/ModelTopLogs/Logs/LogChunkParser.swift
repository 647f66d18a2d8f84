import Glibc
import ModelTopBase

/// Splits a block of complete lines, classifies each (`LogLine`) and lays the result out in a
/// `LogChunk`'s columns.
package struct LogChunkParser: Sendable {
    package let file: String

    package init(file: String) { self.file = file }

    package func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> LogChunk {
        var chunk = LogChunk()
        guard let base = bytes.baseAddress else { return chunk }
        var fields = LogLine.Fields()
        var start = 0
        var line = 0
        while start < bytes.count {
            let end: Int
            if let found = memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start) {
                end = UnsafeRawPointer(found) - UnsafeRawPointer(base)
            } else {
                end = bytes.count
            }
            line += 1
            let kind = fields.read(base, start, end)
            for key in fields.unknownKeys { chunk.unknownKeys[key, default: 0] += 1 }
            switch kind {
            case .request: chunk.append(fields.line)
            case .feedback(let id, let target): chunk.append(LogChunk.Feedback(id: id, target: target))
            case .rejected(let reason): chunk.rejections.record(RowProblem(file: file, line: line, column: nil, reason: reason))
            }
            start = end + 1
        }
        chunk.lineCount = line
        return chunk
    }
}
