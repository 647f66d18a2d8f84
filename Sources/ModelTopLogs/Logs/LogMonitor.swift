import ModelTopBase
import ModelTopTables
import ModelTopStatistics

/// Requests from prediction logs, accumulated as the logs are read (or grow), with feedback
/// joined to its request by id whatever the order the two arrive in: later feedback wins, and
/// feedback overrides a target written inline.
package struct LogMonitor: Sendable {
    package private(set) var table = RequestTable()
    package private(set) var rejections = RejectionLog()
    /// Half-written last lines of the newest files, not read yet (a writer may be finishing them).
    package var pendingPartialLines = 0
    /// Log files read, in reading order.
    package private(set) var files: [String] = []
    /// Per id number (`table.identifiers`): the first request row with it, or -1 while only
    /// feedback has been seen.
    private var firstRow: [Int32] = []
    /// Per id number: the latest feedback's label id, or -1.
    private var feedbackTarget: [Int32] = []
    /// Request lines that repeated an earlier request's id without bringing a target: not
    /// counted again (`firstDuplicate` is the first such id, for the note).
    package private(set) var duplicateRequests = 0
    package private(set) var firstDuplicate: String?
    /// Feedback lines that repeated their request's fields (`prediction`, `ts`) besides `target`.
    package private(set) var repeatedFeedback = 0
    /// Requests that failed without a prediction (status ≥ 400, `prediction` absent or null).
    package private(set) var failedWithoutPrediction = 0
    /// Keys outside the contract and how many lines carried each; at most `unknownKeysKept`
    /// distinct keys, the lines of any others in `otherUnknownKeyLines`.
    package private(set) var unknownKeys: [String: Int] = [:]
    package private(set) var otherUnknownKeyLines = 0
    static let unknownKeysKept = 32
    /// Feedback lines whose id matches no request (yet).
    package private(set) var orphanFeedback = 0
    /// Feedback lines seen for an id number that had no request yet (to settle `orphanFeedback`).
    private var waitingFeedback: [Int32: Int] = [:]
    /// The newest requests that carried an input image, for the Samples screen: a bounded ring,
    /// so a log of millions of requests keeps at most `samplesKept` images.
    package private(set) var recentImages: [(row: Int, pixels: [Double])] = []
    package static let samplesKept = 500

    /// Requests kept whole (nil: all): watch mode's `--feedback-horizon`. Past it the oldest
    /// leave the table and live on as counts in `history`; feedback for them that arrives later
    /// finds no request and counts as orphan feedback.
    package var horizon: Int?
    /// What the requests that left the horizon contributed.
    package private(set) var history = LogHistory()

    package init(horizon: Int? = nil) { self.horizon = horizon }

    package mutating func beginFile(_ name: String) { files.append(name) }

    /// Appends a chunk from `file` whose first line is line `firstLine` of that file.
    ///
    /// A request line whose id was already seen as a request is not a second request: when it
    /// brings a `target` it is feedback that repeats its request's fields (FORMATS.md §3),
    /// otherwise a duplicate, counted and named in `notes` but not counted again.
    package mutating func append(_ chunk: LogChunk, firstLine: Int) {
        let firstNewRow = table.count
        let labels = labelMap(chunk)
        var numbers = [Int32](repeating: -1, count: chunk.requestCount)
        var keep: [Bool]?
        var repeats: [(number: Int32, target: Int32)] = []
        var kept = 0
        for k in 0..<chunk.requestCount {
            if let (number, isNew) = chunk.requestIDs.withID(k, { table.identifiers.intern($0, hash: $1) }) {
                if isNew { addState() }
                if firstRow[Int(number)] >= 0 {
                    if keep == nil { keep = [Bool](repeating: true, count: chunk.requestCount) }
                    keep?[k] = false
                    if chunk.target[k] >= 0 {
                        repeats.append((number, labels[Int(chunk.target[k])]))
                        repeatedFeedback += 1
                    } else {
                        duplicateRequests += 1
                        if firstDuplicate == nil { firstDuplicate = chunk.requestIDs.string(k) }
                    }
                    continue
                }
                firstRow[Int(number)] = Int32(firstNewRow + kept)
                orphanFeedback -= waitingFeedback.removeValue(forKey: number) ?? 0
                numbers[k] = number
            }
            kept += 1
        }
        table.appendColumns(of: chunk, labels: labels, keep: keep)
        var rowOfRequest = [Int](repeating: -1, count: chunk.requestCount)
        var row = firstNewRow
        for k in 0..<chunk.requestCount where keep?[k] ?? true {
            rowOfRequest[k] = row
            if chunk.prediction[k] < 0 { failedWithoutPrediction += 1 }
            let number = numbers[k]
            if number >= 0 {
                table.idNumbers[row] = number
                if feedbackTarget[Int(number)] >= 0 { table.target[row] = feedbackTarget[Int(number)] }
            }
            row += 1
        }
        for (request, pixels) in chunk.images where rowOfRequest[request] >= 0 {
            if recentImages.count == Self.samplesKept { recentImages.removeFirst(Self.samplesKept / 5) }
            recentImages.append((rowOfRequest[request], pixels))
        }
        for (number, target) in repeats { applyFeedback(number: number, target: target) }
        for k in 0..<chunk.feedbackTargets.count {
            joinFeedback(chunk: chunk, index: k, target: labels[Int(chunk.feedbackTargets[k])])
        }
        for (key, lines) in chunk.unknownKeys {
            if unknownKeys[key] != nil || unknownKeys.count < Self.unknownKeysKept {
                unknownKeys[key, default: 0] += lines
            } else {
                otherUnknownKeyLines += lines
            }
        }
        for problem in chunk.rejections.first {
            var moved = problem
            moved.line += firstLine - 1
            rejections.record(moved)
        }
        rejections.recordUnlisted(chunk.rejections.count - chunk.rejections.first.count)
    }

    /// Makes room for about `scale` times as many requests as `sample` holds, so that a large
    /// file's columns are allocated once: each regrowth copies them, and for a moment holds the
    /// old and the new buffer. Room that stays unused is never touched, so it costs no memory.
    package mutating func reserveCapacity(like sample: [LogChunk], scale: Double) {
        func scaled(_ n: Int) -> Int { Int((Double(n) * scale).rounded(.up)) }
        let requests = scaled(sample.reduce(0) { $0 + $1.requestCount })
        table.reserveCapacity(
            requests: requests, probabilities: scaled(sample.reduce(0) { $0 + $1.probabilities.count }),
            embeddings: scaled(sample.reduce(0) { $0 + $1.embeddings.count }))
        let idBytes = sample.reduce(0) { $0 + $1.requestIDs.bytes.count }
        let ids = sample.reduce(0) { $0 + $1.requestIDs.count }
        table.identifiers.reserveCapacity(requests, length: ids > 0 ? (idBytes + ids - 1) / ids : 0)
        firstRow.reserveCapacity(table.identifiers.count + requests)
        feedbackTarget.reserveCapacity(table.identifiers.count + requests)
    }

    /// Drops the oldest requests once 25% more than `horizon` are held, down to `horizon`: their
    /// status and measured quality go to `history`, and the id table is built again from the
    /// requests kept and the feedback still waiting for its request (at most `horizon` of
    /// those, the newest). True when requests were dropped.
    @discardableResult
    package mutating func dropRequestsBeyondHorizon() -> Bool {
        guard let horizon, table.count > horizon + horizon / 4 else { return false }
        let gone = table.count - horizon
        for row in 0..<gone {
            history.requests += 1
            history.status.add(table.status[row])
            history.latency.record(table.latencyMs[row])
            guard table.isScored(row) else { continue }
            if table.target[row] >= 0 {
                history.confusion.add(truth: Int(table.target[row]), predicted: Int(table.prediction[row]))
            } else {
                history.unlabelled += 1
            }
        }
        // Ids of the kept requests, then those of feedback still waiting for its request.
        var identifiers = RequestIDs()
        var renumbered = [Int32](repeating: -1, count: table.identifiers.count)
        func keep(_ old: Int32) {
            guard old >= 0, renumbered[Int(old)] < 0 else { return }
            let (number, _) = table.identifiers.withBytes(old) { identifiers.intern($0, hash: IDHash.hash($0)) }
            renumbered[Int(old)] = number
        }
        for row in gone..<table.count { keep(table.idNumbers[row]) }
        let waiting = (0..<Int32(firstRow.count)).filter { firstRow[Int($0)] < 0 && feedbackTarget[Int($0)] >= 0 }
        for old in waiting.suffix(horizon) { keep(old) }
        var newFirstRow = [Int32](repeating: -1, count: identifiers.count)
        var newFeedback = [Int32](repeating: -1, count: identifiers.count)
        var newWaiting: [Int32: Int] = [:]
        for old in renumbered.indices where renumbered[old] >= 0 {
            let number = Int(renumbered[old])
            if firstRow[old] >= 0 { newFirstRow[number] = firstRow[old] - Int32(gone) }
            newFeedback[number] = feedbackTarget[old]
            if let lines = waitingFeedback[Int32(old)] { newWaiting[Int32(number)] = lines }
        }
        table.dropFirst(gone, renumbering: renumbered)
        table.identifiers = identifiers
        firstRow = newFirstRow
        feedbackTarget = newFeedback
        waitingFeedback = newWaiting
        recentImages = recentImages.compactMap { $0.row >= gone ? ($0.row - gone, $0.pixels) : nil }
        return true
    }

    /// Records a problem found by the reader (a line too long to even buffer).
    package mutating func reject(_ problem: RowProblem) { rejections.record(problem) }

    /// The table's label id for each of the chunk's, interned in the order the lines name them
    /// (each request's prediction, then its target; then the feedback), as one line at a time would.
    private mutating func labelMap(_ chunk: LogChunk) -> [Int32] {
        var map = [Int32](repeating: -1, count: chunk.labels.count)
        var unseen = map.count
        func visit(_ local: Int32) {
            guard local >= 0, map[Int(local)] < 0 else { return }
            map[Int(local)] = table.labels.intern(chunk.labels.names[Int(local)])
            unseen -= 1
        }
        for k in 0..<chunk.requestCount where unseen > 0 {
            visit(chunk.prediction[k])
            visit(chunk.target[k])
        }
        for local in chunk.feedbackTargets where unseen > 0 { visit(local) }
        return map
    }

    /// Records the feedback's label for its id and sets it on the id's request, if seen.
    private mutating func joinFeedback(chunk: LogChunk, index k: Int, target: Int32) {
        guard let (number, isNew) = chunk.feedbackIDs.withID(k, { table.identifiers.intern($0, hash: $1) }) else { return }
        if isNew { addState() }
        if firstRow[Int(number)] < 0 {
            waitingFeedback[number, default: 0] += 1
            orphanFeedback += 1
        }
        applyFeedback(number: number, target: target)
    }

    /// Later feedback wins, and feedback overrides a target written inline.
    private mutating func applyFeedback(number: Int32, target: Int32) {
        feedbackTarget[Int(number)] = target
        if firstRow[Int(number)] >= 0 { table.target[Int(firstRow[Int(number)])] = target }
    }

    private mutating func addState() {
        firstRow.append(-1)
        feedbackTarget.append(-1)
    }
}

/// What requests that left the horizon contributed: counted once, when they left.
package struct LogHistory: Sendable {
    package var requests = 0
    package var status = StatusCounts()
    /// Their latencies, for percentiles over every request (within `LatencyHistory.relativeError`).
    package var latency = LatencyHistory()
    /// Scored requests with feedback, by label id of the table's labels (never dropped).
    package var confusion = ConfusionMatrix()
    /// Scored requests that had no feedback when they left.
    package var unlabelled = 0
}

extension RequestTable {
    /// The same table without its first `count` rows; id numbers mapped through `renumbering`.
    mutating func dropFirst(_ count: Int, renumbering: [Int32]) {
        ts.removeFirst(count)
        latencyMs.removeFirst(count)
        status.removeFirst(count)
        prediction.removeFirst(count)
        target.removeFirst(count)
        confidenceField.removeFirst(count)
        let probabilityBase = probabilityStart[count], embeddingBase = embeddingStart[count]
        probabilities.removeFirst(probabilityBase)
        embeddings.removeFirst(embeddingBase)
        probabilityStart = probabilityStart[count...].map { $0 - probabilityBase }
        embeddingStart = embeddingStart[count...].map { $0 - embeddingBase }
        idNumbers = idNumbers[count...].map { $0 < 0 ? -1 : renumbering[Int($0)] }
    }

    mutating func reserveCapacity(requests: Int, probabilities more: Int, embeddings moreEmbeddings: Int) {
        for column in [\Self.ts, \Self.latencyMs, \Self.confidenceField] { self[keyPath: column].reserveCapacity(count + requests) }
        for column in [\Self.status, \Self.prediction, \Self.target, \Self.idNumbers] { self[keyPath: column].reserveCapacity(count + requests) }
        probabilityStart.reserveCapacity(count + requests + 1)
        embeddingStart.reserveCapacity(count + requests + 1)
        probabilities.reserveCapacity(probabilities.count + more)
        embeddings.reserveCapacity(embeddings.count + moreEmbeddings)
    }

    /// Appends a chunk's request columns, its label ids mapped through `labels`; id numbers
    /// start at -1 (the monitor's join fills them in).
    mutating func appendColumns(of chunk: LogChunk, labels: [Int32], keep: [Bool]? = nil) {
        if let keep {
            appendColumns(of: chunk.keeping(keep), labels: labels)
            return
        }
        ts.append(contentsOf: chunk.ts)
        latencyMs.append(contentsOf: chunk.latencyMs)
        status.append(contentsOf: chunk.status)
        confidenceField.append(contentsOf: chunk.confidence)
        prediction.append(contentsOf: chunk.prediction.lazy.map { $0 < 0 ? -1 : labels[Int($0)] })
        target.append(contentsOf: chunk.target.lazy.map { $0 < 0 ? -1 : labels[Int($0)] })
        let probabilityBase = probabilities.count
        probabilities.append(contentsOf: chunk.probabilities)
        probabilityStart.append(contentsOf: chunk.probabilityEnds.lazy.map { probabilityBase + $0 })
        let embeddingBase = embeddings.count
        embeddings.append(contentsOf: chunk.embeddings)
        embeddingStart.append(contentsOf: chunk.embeddingEnds.lazy.map { embeddingBase + $0 })
        idNumbers.append(contentsOf: repeatElement(-1, count: chunk.requestCount))
    }
}

extension LogMonitor {
    /// For checkpoints: every request kept, the id join's state and every counter.
    package func write(to writer: inout BinaryWriter) {
        writer.doubles(table.ts)
        writer.doubles(table.latencyMs)
        writer.int32s(table.status)
        writer.int32s(table.prediction)
        writer.int32s(table.target)
        writer.doubles(table.confidenceField)
        writer.doubles(table.probabilities)
        writer.ints(table.probabilityStart)
        writer.doubles(table.embeddings)
        writer.ints(table.embeddingStart)
        writer.int32s(table.idNumbers)
        table.identifiers.write(to: &writer)
        writer.strings(table.labels.names)
        rejections.write(to: &writer)
        writer.int(pendingPartialLines)
        writer.strings(files)
        writer.int32s(firstRow)
        writer.int32s(feedbackTarget)
        writer.int(duplicateRequests)
        writer.strings(firstDuplicate.map { [$0] } ?? [])
        writer.int(repeatedFeedback)
        writer.int(failedWithoutPrediction)
        let keys = unknownKeys.keys.sorted()
        writer.strings(keys)
        writer.ints(keys.map { unknownKeys[$0] ?? 0 })
        writer.int(otherUnknownKeyLines)
        writer.int(orphanFeedback)
        let waiting = waitingFeedback.keys.sorted()
        writer.int32s(waiting)
        writer.ints(waiting.map { waitingFeedback[$0] ?? 0 })
        writer.ints(recentImages.map(\.row))
        for image in recentImages { writer.doubles(image.pixels) }
        writer.int(history.requests)
        writer.ints([history.status.success, history.status.clientError, history.status.serverError, history.status.other])
        history.confusion.write(to: &writer)
        writer.int(history.unlabelled)
        history.latency.write(to: &writer)
    }

    /// A log monitor as `write` left it; any inconsistency is an error, never a crash.
    package init(reading reader: inout BinaryReader, horizon: Int?) throws(BinaryDecodingError) {
        self.init(horizon: horizon)
        table.ts = try reader.doubles()
        table.latencyMs = try reader.doubles()
        table.status = try reader.int32s()
        table.prediction = try reader.int32s()
        table.target = try reader.int32s()
        table.confidenceField = try reader.doubles()
        table.probabilities = try reader.doubles()
        table.probabilityStart = try reader.ints()
        table.embeddings = try reader.doubles()
        table.embeddingStart = try reader.ints()
        table.idNumbers = try reader.int32s()
        table.identifiers = try RequestIDs(reading: &reader)
        table.labels = LabelTable(try reader.strings())
        rejections = try RejectionLog(reading: &reader)
        pendingPartialLines = try reader.int()
        files = try reader.strings()
        firstRow = try reader.int32s()
        feedbackTarget = try reader.int32s()
        duplicateRequests = try reader.int()
        firstDuplicate = try reader.strings().first
        repeatedFeedback = try reader.int()
        failedWithoutPrediction = try reader.int()
        let keys = try reader.strings(), keyLines = try reader.ints()
        guard keys.count == keyLines.count else { throw BinaryDecodingError(reason: "unknown keys") }
        unknownKeys = Dictionary(zip(keys, keyLines), uniquingKeysWith: +)
        otherUnknownKeyLines = try reader.int()
        orphanFeedback = try reader.int()
        let waiting = try reader.int32s(), waitingLines = try reader.ints()
        guard waiting.count == waitingLines.count else { throw BinaryDecodingError(reason: "waiting feedback") }
        waitingFeedback = Dictionary(zip(waiting, waitingLines), uniquingKeysWith: +)
        let imageRows = try reader.ints()
        recentImages = []
        for row in imageRows { recentImages.append((row, try reader.doubles())) }
        history.requests = try reader.int()
        let status = try reader.ints()
        guard status.count == 4 else { throw BinaryDecodingError(reason: "status counts") }
        (history.status.success, history.status.clientError, history.status.serverError, history.status.other) = (status[0], status[1], status[2], status[3])
        history.confusion = try ConfusionMatrix(reading: &reader, labels: table.labels.count)
        history.unlabelled = try reader.int()
        history.latency = try LatencyHistory(reading: &reader)
        try checkConsistency()
    }

    private func checkConsistency() throws(BinaryDecodingError) {
        let n = table.ts.count, ids = table.identifiers.count, labels = Int32(table.labels.count)
        func ascending(_ starts: [Int], ending: Int) -> Bool {
            starts.count == n + 1 && starts.first == 0 && starts.last == ending && zip(starts, starts.dropFirst()).allSatisfy { $0 <= $1 }
        }
        guard [table.latencyMs.count, table.status.count, table.prediction.count, table.target.count,
               table.confidenceField.count, table.idNumbers.count].allSatisfy({ $0 == n }),
              ascending(table.probabilityStart, ending: table.probabilities.count),
              ascending(table.embeddingStart, ending: table.embeddings.count),
              table.idNumbers.allSatisfy({ $0 >= -1 && Int($0) < ids }),
              table.prediction.allSatisfy({ $0 >= -1 && $0 < labels }), table.target.allSatisfy({ $0 >= -1 && $0 < labels }),
              firstRow.count == ids, feedbackTarget.count == ids,
              firstRow.allSatisfy({ $0 >= -1 && Int($0) < n }), feedbackTarget.allSatisfy({ $0 >= -1 && $0 < labels }),
              waitingFeedback.keys.allSatisfy({ $0 >= 0 && Int($0) < ids }),
              recentImages.allSatisfy({ $0.row >= 0 && $0.row < n }), history.requests >= 0
        else { throw BinaryDecodingError(reason: "log monitor counts") }
    }
}
