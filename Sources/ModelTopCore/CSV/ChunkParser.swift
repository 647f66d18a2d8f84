/// Parses a block of complete CSV records (no header) into a `TableChunk`.
///
/// Each row is checked against the schema before any of it is kept: a row with a wrong field
/// count, a non-number in a numeric column, an empty or non-UTF-8 label, or a bad timestamp is
/// rejected whole, counted and reported with its line and column, and parsing goes on.
public struct ChunkParser: Sendable {
    public let schema: TableSchema
    public let file: String

    public init(schema: TableSchema, file: String) {
        self.schema = schema
        self.file = file
    }

    public func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> TableChunk {
        var state = RowState(schema: schema, file: file)
        guard let base = bytes.baseAddress else { return state.chunk }
        let end = bytes.count
        let delimiter = schema.dialect.delimiter
        let columns = schema.roles.count
        var position = 0
        var line = 1
        var rawStarts = [Int](repeating: 0, count: columns)
        var rawEnds = [Int](repeating: 0, count: columns)
        var errorColumns = [Int](repeating: 0, count: columns)
        var unquoted = [[UInt8]?](repeating: nil, count: columns)

        while position < end {
            let recordLine = line
            let recordStart = position
            // Blank lines are not records (pandas skips them too).
            if base[position] == UInt8(ascii: "\n") {
                position += 1
                line += 1
                continue
            }
            if base[position] == UInt8(ascii: "\r"), position + 1 < end, base[position + 1] == UInt8(ascii: "\n") {
                position += 2
                line += 1
                continue
            }
            var fieldCount = 0
            var problem: (column: Int, reason: String)?
            var lineStart = recordStart
            // Split the record into fields, unquoting where needed.
            while true {
                let fieldStart = position
                var fieldEnd: Int
                var text: [UInt8]? = nil
                if position < end, base[position] == UInt8(ascii: "\"") {
                    var buffer: [UInt8] = []
                    position += 1
                    var closed = false
                    while position < end {
                        let byte = base[position]
                        if byte == UInt8(ascii: "\"") {
                            if position + 1 < end, base[position + 1] == UInt8(ascii: "\"") {
                                buffer.append(byte)
                                position += 2
                                continue
                            }
                            closed = true
                            position += 1
                            break
                        }
                        if byte == UInt8(ascii: "\n") {
                            line += 1
                            lineStart = position + 1
                        }
                        buffer.append(byte)
                        position += 1
                    }
                    if !closed, problem == nil {
                        problem = (fieldStart - recordStart + 1, "unterminated quoted field")
                    }
                    text = buffer
                    fieldEnd = position
                    if position < end, base[position] != delimiter, base[position] != UInt8(ascii: "\n"),
                       !(base[position] == UInt8(ascii: "\r") && (position + 1 == end || base[position + 1] == UInt8(ascii: "\n"))) {
                        if problem == nil { problem = (position - lineStart + 1, "unexpected character after a closing quote") }
                        while position < end, base[position] != delimiter, base[position] != UInt8(ascii: "\n") { position += 1 }
                    }
                } else {
                    while position < end {
                        let byte = base[position]
                        if byte == delimiter || byte == UInt8(ascii: "\n") { break }
                        position += 1
                    }
                    fieldEnd = position
                    if fieldEnd > fieldStart, position >= end || base[position] == UInt8(ascii: "\n"),
                       base[fieldEnd - 1] == UInt8(ascii: "\r") {
                        fieldEnd -= 1
                    }
                }
                if fieldCount < columns {
                    errorColumns[fieldCount] = fieldStart - lineStart + 1
                    rawStarts[fieldCount] = fieldStart
                    rawEnds[fieldCount] = fieldEnd
                    unquoted[fieldCount] = text
                }
                fieldCount += 1
                if position < end, base[position] == delimiter {
                    position += 1
                    continue
                }
                // End of record: newline or end of block.
                if position < end { position += 1 }
                line += 1
                break
            }

            if problem == nil, fieldCount != columns {
                problem = (1, "expected \(columns) fields, found \(fieldCount)")
            }
            if problem == nil {
                problem = state.take(
                    base: base, starts: rawStarts, ends: rawEnds, unquoted: unquoted, errorColumns: errorColumns)
            }
            if let problem {
                state.chunk.rejections.record(
                    RowProblem(file: file, line: recordLine, column: problem.column, reason: problem.reason))
            } else {
                state.commit()
            }
        }
        state.chunk.lineCount = line - 1
        state.chunk.labelNames = state.labels.names
        return state.chunk
    }
}

/// One row's values, staged until the whole row has been checked.
private struct RowState {
    let schema: TableSchema
    let file: String
    var chunk: TableChunk
    var labels = ByteLabelInterner()
    private var embedding: [Double]
    private var probability: [Double]
    private var target: Int32 = 0
    private var prediction: Int32 = 0
    private var timestamp = 0.0
    private var latency = 0.0
    private var confidence = 0.0
    private var id = ""

    init(schema: TableSchema, file: String) {
        self.schema = schema
        self.file = file
        chunk = TableChunk(dimensions: schema.embeddingNames.count, probabilityColumns: schema.probabilityLabels.count)
        embedding = [Double](repeating: 0, count: schema.embeddingNames.count)
        probability = [Double](repeating: 0, count: schema.probabilityLabels.count)
    }

    /// Reads every field of the row into the staging values; returns the first problem.
    mutating func take(
        base: UnsafePointer<UInt8>, starts: [Int], ends: [Int], unquoted: [[UInt8]?], errorColumns: [Int]
    ) -> (column: Int, reason: String)? {
        for k in 0..<schema.roles.count {
            let role = schema.roles[k]
            if role == .ignored { continue }
            let column = errorColumns[k]
            let name = schema.columnNames[k]
            let outcome: (column: Int, reason: String)? = Self.withField(base, starts[k], ends[k], unquoted[k]) { fieldBase, start, end in
                switch role {
                case .embedding(let index):
                    guard let value = Self.number(fieldBase, start, end, allowEmpty: true) else {
                        return (column, "\(SafeText.inline(name)): expected a number, found \(Self.quoted(fieldBase, start, end))")
                    }
                    embedding[index] = value
                case .probability(_, let index):
                    guard let value = Self.number(fieldBase, start, end, allowEmpty: true) else {
                        return (column, "\(SafeText.inline(name)): expected a number, found \(Self.quoted(fieldBase, start, end))")
                    }
                    probability[index] = value
                case .latencyMs, .confidence:
                    guard let value = Self.number(fieldBase, start, end, allowEmpty: true) else {
                        return (column, "\(name): expected a number, found \(Self.quoted(fieldBase, start, end))")
                    }
                    if role == .latencyMs { latency = value } else { confidence = value }
                case .timestamp:
                    guard let value = Timestamp.parse(fieldBase, start, end) else {
                        return (column, "timestamp: expected Unix seconds or ISO-8601, found \(Self.quoted(fieldBase, start, end))")
                    }
                    timestamp = value
                case .target, .prediction:
                    guard end > start else { return (column, "\(name): empty label") }
                    guard let id = labels.intern(fieldBase, start, end) else {
                        return (column, "\(name): label is not valid UTF-8")
                    }
                    if role == .target { target = id } else { prediction = id }
                case .id:
                    id = String(decoding: UnsafeBufferPointer(start: fieldBase + start, count: end - start), as: UTF8.self)
                case .ignored:
                    break
                }
                return nil
            }
            if let outcome { return outcome }
        }
        return nil
    }

    mutating func commit() {
        chunk.rowCount += 1
        for d in 0..<embedding.count { chunk.embeddings[d].append(embedding[d]) }
        for p in 0..<probability.count { chunk.probabilities[p].append(probability[p]) }
        if schema.hasTarget { chunk.target.append(target) }
        if schema.hasPrediction { chunk.prediction.append(prediction) }
        if schema.hasTimestamp { chunk.timestamp.append(timestamp) }
        if schema.hasLatency { chunk.latencyMs.append(latency) }
        if schema.hasConfidence { chunk.confidence.append(confidence) }
        if schema.hasID { chunk.ids.append(id) }
    }

    private static func number(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, allowEmpty: Bool) -> Double? {
        switch DecimalParser.parse(base, start, end) {
        case .number(let value): return value
        case .empty: return allowEmpty ? .nan : nil
        case .invalid: return nil
        }
    }

    private static func quoted(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> String {
        let shown = min(end - start, 40)
        let text = SafeText.inline(bytes: UnsafeBufferPointer(start: base + start, count: shown))
        return "\"\(text)\(end - start > shown ? "…" : "")\""
    }

    /// Calls `body` with the field's bytes: in place when unquoted, from the unquoted copy otherwise.
    private static func withField<R>(
        _ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ unquoted: [UInt8]?,
        _ body: (UnsafePointer<UInt8>, Int, Int) -> R
    ) -> R {
        guard let unquoted else { return body(base, start, end) }
        return unquoted.withUnsafeBufferPointer { buffer in
            guard let pointer = buffer.baseAddress else {
                var empty: UInt8 = 0
                return body(&empty, 0, 0)
            }
            return body(pointer, 0, buffer.count)
        }
    }
}
