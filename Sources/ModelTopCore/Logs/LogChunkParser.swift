#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The lines of one block of a log file, classified. Blocks are parsed in parallel and appended
/// to a `LogMonitor` in file order.
public struct LogChunk: Sendable {
    public struct Feedback: Sendable, Equatable {
        public var id: String
        public var target: String
    }

    public var requests: [RequestLine] = []
    public var feedback: [Feedback] = []
    /// Rejected lines, numbered from 1 at the block's first line.
    public var rejections = RejectionLog()
    public var lineCount = 0
}

/// Splits a block of complete lines and classifies each (`LogLine.parse`).
public struct LogChunkParser: Sendable {
    public let file: String

    public init(file: String) { self.file = file }

    public func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> LogChunk {
        var chunk = LogChunk()
        guard let base = bytes.baseAddress else { return chunk }
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
            switch LogLine.parse(base, start, end) {
            case .request(let request): chunk.requests.append(request)
            case .feedback(let id, let target): chunk.feedback.append(.init(id: id, target: target))
            case .rejected(let reason): chunk.rejections.record(RowProblem(file: file, line: line, column: nil, reason: reason))
            }
            start = end + 1
        }
        chunk.lineCount = line
        return chunk
    }
}
