import Glibc
import ModelTopBase

/// Parses a block of complete CSV records (no header) into a `TableChunk`.
///
/// Each row is checked against the schema before it counts: a row with a wrong field count, a
/// non-number in a numeric column, an empty prediction, a non-UTF-8 label, or a bad timestamp is
/// rejected whole, counted and reported with its line and column, and parsing goes on with the
/// next. An empty `target` is no feedback yet: the row is kept with target -1 (unlabelled).
///
/// Speed matters here (a million rows × 32 columns in well under a second), so values are
/// written straight into column buffers sized from the block's line count; a rejected row is
/// simply not advanced over, so its partial values are overwritten by the next row.
package struct ChunkParser: Sendable {
    package let schema: TableSchema
    package let file: String
    private let fields: [FieldPlan]
    /// Column names, kept apart from the plans so the per-field hot loop copies no strings.
    private let names: [String]
    private let numberSlots: Int

    /// What to do with one column, decided once from the schema.
    private struct FieldPlan: Sendable {
        enum Kind: Sendable { case number, timestamp, target, prediction, id, ignored }
        var kind: Kind
        /// Index into the number buffers (embeddings, then probabilities, latency, confidence, timestamp).
        var slot: Int
        /// Index into `names`, for messages.
        var column: Int
    }

    package init(schema: TableSchema, file: String) {
        self.schema = schema
        self.file = file
        let dimensions = schema.embeddingNames.count
        let probabilities = schema.probabilityLabels.count
        let latencySlot = dimensions + probabilities, confidenceSlot = latencySlot + 1, timestampSlot = latencySlot + 2
        numberSlots = timestampSlot + 1
        names = schema.columnNames
        fields = schema.roles.enumerated().map { column, role in
            switch role {
            case .embedding(let index): return FieldPlan(kind: .number, slot: index, column: column)
            case .probability(_, let index): return FieldPlan(kind: .number, slot: dimensions + index, column: column)
            case .latencyMs: return FieldPlan(kind: .number, slot: latencySlot, column: column)
            case .confidence: return FieldPlan(kind: .number, slot: confidenceSlot, column: column)
            case .timestamp: return FieldPlan(kind: .timestamp, slot: timestampSlot, column: column)
            case .target: return FieldPlan(kind: .target, slot: 0, column: column)
            case .prediction: return FieldPlan(kind: .prediction, slot: 0, column: column)
            case .id: return FieldPlan(kind: .id, slot: 0, column: column)
            case .ignored: return FieldPlan(kind: .ignored, slot: 0, column: column)
            }
        }
    }

    package func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> TableChunk {
        var chunk = TableChunk(dimensions: schema.embeddingNames.count, probabilityColumns: schema.probabilityLabels.count)
        guard let base = bytes.baseAddress, bytes.count > 0 else { return chunk }
        let capacity = Self.lineCount(base, bytes.count) + 1
        var state = ParseState(parser: self, base: base, end: bytes.count, capacity: capacity)
        state.run()
        return state.finish(into: &chunk)
    }

    private static func lineCount(_ base: UnsafePointer<UInt8>, _ count: Int) -> Int {
        var lines = 0
        var position = 0
        while position < count {
            guard let found = memchr(base + position, Int32(UInt8(ascii: "\n")), count - position) else { break }
            lines += 1
            position = UnsafeRawPointer(found) - UnsafeRawPointer(base) + 1
        }
        return lines
    }

    /// The mutable work of one `parse` call.
    private struct ParseState {
        let parser: ChunkParser
        let base: UnsafePointer<UInt8>
        let end: Int
        let delimiter: UInt8
        let capacity: Int
        /// Column-major number buffers: slot s of row r at `numbers[s * capacity + r]`.
        let numbers: UnsafeMutablePointer<Double>
        let targets: UnsafeMutablePointer<Int32>
        let predictions: UnsafeMutablePointer<Int32>
        /// The parser's field plans, copied once into a buffer the hot loop reads without retains.
        let plans: UnsafeMutableBufferPointer<FieldPlan>
        /// Where each field of the leading run of number fields (never the last field) goes in
        /// `numbers`, relative to the row: `slot * capacity`.
        let runOffsets: UnsafeMutableBufferPointer<Int>
        var ids: [String] = []
        var labels = ByteLabelInterner()
        var rejections = RejectionLog()
        var rows = 0
        var line = 1
        var position = 0
        var lineStart = 0
        var scratch: [UInt8] = []

        init(parser: ChunkParser, base: UnsafePointer<UInt8>, end: Int, capacity: Int) {
            self.parser = parser
            self.base = base
            self.end = end
            self.capacity = capacity
            delimiter = parser.schema.dialect.delimiter
            numbers = .allocate(capacity: max(1, parser.numberSlots * capacity))
            targets = .allocate(capacity: capacity)
            predictions = .allocate(capacity: capacity)
            plans = .allocate(capacity: parser.fields.count)
            _ = plans.initialize(from: parser.fields)
            let run = parser.fields.dropLast().prefix { $0.kind == .number }
            runOffsets = .allocate(capacity: run.count)
            _ = runOffsets.initialize(from: run.map { $0.slot * capacity })
        }

        mutating func run() {
            while position < end {
                let byte = base[position]
                if byte == UInt8(ascii: "\n") || (byte == UInt8(ascii: "\r") && position + 1 < end && base[position + 1] == UInt8(ascii: "\n")) {
                    // Blank lines are not records (pandas skips them too).
                    position += byte == UInt8(ascii: "\n") ? 1 : 2
                    line += 1
                    lineStart = position
                    continue
                }
                let recordLine = line
                if let problem = parseRecord() {
                    rejections.record(RowProblem(file: parser.file, line: recordLine, column: problem.column, reason: problem.reason))
                    skipRestOfRecord()
                } else {
                    rows += 1
                }
            }
        }

        /// The record's leading number fields while they are compact decimals (`-0.274071`,
        /// see `DecimalParser.parseCompactDecimal`): how many it stored. Embedding columns come
        /// first in the files we read, and this loop is small enough for the number parser to
        /// be inlined into it, which the general loop below is not.
        private mutating func parseLeadingNumbers() -> Int {
            let row = numbers + rows
            var k = 0
            while k < runOffsets.count,
                  let (value, stop) = DecimalParser.parseCompactDecimal(base, position, end, followedBy: delimiter) {
                row[runOffsets[k]] = value
                position = stop + 1
                k += 1
            }
            return k
        }

        /// Parses one record at `position`; on success the position is past its line end.
        private mutating func parseRecord() -> (column: Int, reason: String)? {
            let fieldCount = plans.count
            var idStart = 0, idEnd = 0
            let lastField = fieldCount - 1
            let leading = parseLeadingNumbers()
            for k in leading..<fieldCount {
                let plan = plans[k]
                // The common case first: a plain number followed by the delimiter. Everything
                // else (quotes, labels, the last field, anything odd) takes the general path.
                // A number field at `leading` has just been found not compact: no second try.
                if k < lastField, plan.kind == .number,
                   let (value, stop) = (k == leading ? nil : DecimalParser.parseCompactDecimal(base, position, end, followedBy: delimiter))
                       ?? DecimalParser.parsePrefix(base, position, end),
                   stop < end, base[stop] == delimiter {
                    numbers[plan.slot * capacity + rows] = value
                    position = stop + 1
                    continue
                }
                let column = position - lineStart + 1
                if position < end, base[position] == UInt8(ascii: "\"") {
                    if let problem = quotedField(plan, column: column) { return problem }
                } else if plan.kind == .number, let (value, stop) = DecimalParser.parsePrefix(base, position, end), isFieldEnd(stop) {
                    numbers[plan.slot * capacity + rows] = value
                    position = stop
                } else {
                    var fieldEnd = position
                    while fieldEnd < end, base[fieldEnd] != delimiter, base[fieldEnd] != UInt8(ascii: "\n") { fieldEnd += 1 }
                    var textEnd = fieldEnd
                    if textEnd > position, base[textEnd - 1] == UInt8(ascii: "\r"), fieldEnd == end || base[fieldEnd] == UInt8(ascii: "\n") {
                        textEnd -= 1
                    }
                    if let problem = take(plan, base, position, textEnd, column: column) { return problem }
                    if plan.kind == .id {
                        idStart = position
                        idEnd = textEnd
                    }
                    position = fieldEnd
                }
                if let problem = afterField(k, fieldCount) { return problem }
            }
            if parser.schema.hasID {
                ids.append(String(decoding: UnsafeBufferPointer(start: base + idStart, count: idEnd - idStart), as: UTF8.self))
            }
            return nil
        }

        /// Checks what follows field k: a delimiter before the last field, a line end after it.
        private mutating func afterField(_ k: Int, _ fieldCount: Int) -> (column: Int, reason: String)? {
            let atLineEnd = position >= end || base[position] == UInt8(ascii: "\n")
                || (base[position] == UInt8(ascii: "\r") && (position + 1 == end || base[position + 1] == UInt8(ascii: "\n")))
            if k < fieldCount - 1 {
                if !atLineEnd, base[position] == delimiter {
                    position += 1
                    return nil
                }
                return (1, "expected \(fieldCount) fields, found \(k + 1)")
            }
            if atLineEnd {
                if position < end, base[position] == UInt8(ascii: "\r") { position += 1 }
                if position < end { position += 1 }
                line += 1
                lineStart = position
                return nil
            }
            // More fields than the header: count them for the message.
            var extra = 0
            var p = position
            var inQuotes = false
            while p < end, inQuotes || base[p] != UInt8(ascii: "\n") {
                if base[p] == UInt8(ascii: "\"") { inQuotes.toggle() }
                if !inQuotes, base[p] == delimiter { extra += 1 }
                p += 1
            }
            return (position - lineStart + 1, "expected \(fieldCount) fields, found \(fieldCount + extra)")
        }

        @inline(__always)
        private func isFieldEnd(_ stop: Int) -> Bool {
            if stop >= end { return true }
            let byte = base[stop]
            return byte == delimiter || byte == UInt8(ascii: "\n")
                || (byte == UInt8(ascii: "\r") && (stop + 1 == end || base[stop + 1] == UInt8(ascii: "\n")))
        }

        /// A quoted field: unquote into `scratch`, then treat it like any other field.
        private mutating func quotedField(_ plan: FieldPlan, column: Int) -> (column: Int, reason: String)? {
            scratch.removeAll(keepingCapacity: true)
            position += 1
            var closed = false
            while position < end {
                let byte = base[position]
                if byte == UInt8(ascii: "\"") {
                    if position + 1 < end, base[position + 1] == UInt8(ascii: "\"") {
                        scratch.append(byte)
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
                scratch.append(byte)
                position += 1
            }
            guard closed else { return (column, "unterminated quoted field") }
            if !isFieldEnd(position) { return (position - lineStart + 1, "unexpected character after a closing quote") }
            let value = scratch
            let problem: (column: Int, reason: String)? = value.withUnsafeBufferPointer { buffer in
                var empty: UInt8 = 0
                return withUnsafePointer(to: &empty) { fallback in
                    take(plan, buffer.baseAddress ?? fallback, 0, buffer.count, column: column)
                }
            }
            if problem == nil, plan.kind == .id {
                ids.append(String(decoding: value, as: UTF8.self))
            }
            return problem
        }

        /// Stores one field's value given its exact bytes `start..<stop` in `text`.
        private mutating func take(
            _ plan: FieldPlan, _ text: UnsafePointer<UInt8>, _ start: Int, _ stop: Int, column: Int
        ) -> (column: Int, reason: String)? {
            switch plan.kind {
            case .number:
                switch DecimalParser.parse(text, start, stop) {
                case .number(let value): numbers[plan.slot * capacity + rows] = value
                case .empty: numbers[plan.slot * capacity + rows] = .nan
                case .invalid: return (column, "\(SafeText.inline(parser.names[plan.column])): expected a number, found \(quoted(text, start, stop))")
                }
            case .timestamp:
                guard let value = Timestamp.parse(text, start, stop) else {
                    return (column, "timestamp: expected Unix seconds or ISO-8601, found \(quoted(text, start, stop))")
                }
                numbers[plan.slot * capacity + rows] = value
            case .target where stop == start:
                // No feedback yet (pandas writes NaN as empty): the row counts for drift, not quality.
                targets[rows] = -1
            case .target, .prediction:
                guard stop > start else { return (column, "\(parser.names[plan.column]): empty label") }
                guard let id = labels.intern(text, start, stop) else { return (column, "\(parser.names[plan.column]): label is not valid UTF-8") }
                if plan.kind == .target { targets[rows] = id } else { predictions[rows] = id }
            case .id, .ignored:
                break
            }
            return nil
        }

        private func quoted(_ text: UnsafePointer<UInt8>, _ start: Int, _ stop: Int) -> String {
            let shown = min(stop - start, 40)
            let safe = SafeText.inline(bytes: UnsafeBufferPointer(start: text + start, count: shown))
            return "\"\(safe)\(stop - start > shown ? "…" : "")\""
        }

        /// After a rejected row: moves past the rest of its record, honouring quotes as the
        /// block cutter does (`RecordBoundary`), so the two always agree on where rows end.
        private mutating func skipRestOfRecord() {
            let atFieldStart = position == lineStart || base[position - 1] == delimiter
            let (recordEnd, newlines) = RecordBoundary.endOfRecord(
                in: UnsafeBufferPointer(start: base, count: end), from: position, delimiter: delimiter,
                atFieldStart: atFieldStart)
            position = recordEnd
            line += newlines
            lineStart = position
        }

        /// Moves the parsed columns into `chunk` and frees the buffers.
        mutating func finish(into chunk: inout TableChunk) -> TableChunk {
            let schema = parser.schema
            func column(_ slot: Int) -> [Double] {
                Array(UnsafeBufferPointer(start: numbers + slot * capacity, count: rows))
            }
            let dimensions = schema.embeddingNames.count, probabilities = schema.probabilityLabels.count
            for d in 0..<dimensions { chunk.embeddings[d] = column(d) }
            for p in 0..<probabilities { chunk.probabilities[p] = column(dimensions + p) }
            if schema.hasLatency { chunk.latencyMs = column(dimensions + probabilities) }
            if schema.hasConfidence { chunk.confidence = column(dimensions + probabilities + 1) }
            if schema.hasTimestamp { chunk.timestamp = column(dimensions + probabilities + 2) }
            if schema.hasTarget { chunk.target = Array(UnsafeBufferPointer(start: targets, count: rows)) }
            if schema.hasPrediction { chunk.prediction = Array(UnsafeBufferPointer(start: predictions, count: rows)) }
            chunk.ids = ids
            chunk.rowCount = rows
            chunk.lineCount = line - 1 + (lineStart < end ? 1 : 0)
            chunk.labelNames = labels.names
            chunk.rejections = rejections
            numbers.deallocate()
            targets.deallocate()
            predictions.deallocate()
            plans.deallocate()
            runOffsets.deallocate()
            return chunk
        }
    }
}
