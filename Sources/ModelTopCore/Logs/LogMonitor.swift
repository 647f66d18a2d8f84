/// Requests from prediction logs, accumulated as the logs are read (or grow), with feedback
/// joined to its request by id whatever the order the two arrive in: later feedback wins, and
/// feedback overrides a target written inline.
public struct LogMonitor: Sendable {
    public private(set) var table = RequestTable()
    public private(set) var rejections = RejectionLog()
    /// Half-written last lines of the newest files, not read yet (a writer may be finishing them).
    public var pendingPartialLines = 0
    /// Log files read, in reading order.
    public private(set) var files: [String] = []
    /// Everything known about one request id, in one dictionary so a line costs one lookup.
    private struct IDState {
        /// The first request row with this id, or -1 while only feedback has been seen.
        var firstRow: Int32 = -1
        /// The latest feedback's label id, or -1.
        var feedback: Int32 = -1
        var feedbackLines: Int32 = 0

        /// Edits the state in place (through the dictionary's `default:` subscript: one lookup).
        mutating func withState(_ body: (inout Self) -> Void) { body(&self) }
    }

    private var byID: [String: IDState] = [:]
    /// Further rows of an id that several requests share (rare).
    private var moreRowsByID: [String: [Int]] = [:]
    /// The newest requests that carried an input image, for the Samples screen: a bounded ring,
    /// so a log of millions of requests keeps at most `samplesKept` images.
    public private(set) var recentImages: [(row: Int, pixels: [Double])] = []
    public static let samplesKept = 500

    public init() {}

    /// Feedback lines whose id matches no request (yet).
    public var orphanFeedback: Int {
        byID.values.reduce(0) { $0 + ($1.firstRow < 0 ? Int($1.feedbackLines) : 0) }
    }

    public mutating func beginFile(_ name: String) { files.append(name) }

    /// Appends a chunk from `file` whose first line is line `firstLine` of that file.
    public mutating func append(_ chunk: LogChunk, firstLine: Int) {
        table.ts.reserveCapacity(table.count + chunk.requests.count)
        byID.reserveCapacity(byID.count + chunk.requests.count)
        for request in chunk.requests { add(request) }
        for feedback in chunk.feedback { addFeedback(feedback) }
        for problem in chunk.rejections.first {
            var moved = problem
            moved.line += firstLine - 1
            rejections.record(moved)
        }
        rejections.recordUnlisted(chunk.rejections.count - chunk.rejections.first.count)
    }

    /// Records a problem found by the reader (a line too long to even buffer).
    public mutating func reject(_ problem: RowProblem) { rejections.record(problem) }

    private mutating func add(_ request: RequestLine) {
        let row = table.count
        table.ts.append(request.ts)
        table.latencyMs.append(request.latencyMs ?? .nan)
        table.status.append(Int32(clamping: request.status ?? 0))
        table.prediction.append(table.labels.intern(request.prediction))
        var target = request.target.map { table.labels.intern($0) } ?? -1
        table.confidenceField.append(request.confidence ?? .nan)
        table.probabilities.append(contentsOf: request.probs)
        table.probabilityStart.append(table.probabilities.count)
        table.embeddings.append(contentsOf: request.embedding)
        table.embeddingStart.append(table.embeddings.count)
        table.ids.append(request.id)
        if !request.pixels.isEmpty {
            if recentImages.count == Self.samplesKept { recentImages.removeFirst(Self.samplesKept / 5) }
            recentImages.append((row, request.pixels))
        }
        if let id = request.id {
            byID[id, default: IDState()].withState { state in
                if state.firstRow < 0 {
                    state.firstRow = Int32(row)
                } else {
                    moreRowsByID[id, default: []].append(row)
                }
                if state.feedback >= 0 { target = state.feedback }
            }
        }
        table.target.append(target)
    }

    private mutating func addFeedback(_ feedback: LogChunk.Feedback) {
        let target = table.labels.intern(feedback.target)
        var firstRow: Int32 = -1
        byID[feedback.id, default: IDState()].withState { state in
            state.feedback = target
            state.feedbackLines += 1
            firstRow = state.firstRow
        }
        guard firstRow >= 0 else { return }
        table.target[Int(firstRow)] = target
        for more in moreRowsByID[feedback.id] ?? [] { table.target[more] = target }
    }
}
