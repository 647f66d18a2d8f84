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
    private var firstRowByID: [String: Int] = [:]
    private var moreRowsByID: [String: [Int]] = [:]
    private var latestFeedback: [String: Int32] = [:]
    private var feedbackLinesByID: [String: Int] = [:]
    /// The newest requests that carried an input image, for the Samples screen: a bounded ring,
    /// so a log of millions of requests keeps at most `samplesKept` images.
    public private(set) var recentImages: [(row: Int, pixels: [Double])] = []
    public static let samplesKept = 500

    public init() {}

    /// Feedback lines whose id matches no request (yet).
    public var orphanFeedback: Int {
        feedbackLinesByID.reduce(0) { $0 + (firstRowByID[$1.key] == nil ? $1.value : 0) }
    }

    public mutating func beginFile(_ name: String) { files.append(name) }

    /// Appends a chunk from `file` whose first line is line `firstLine` of that file.
    public mutating func append(_ chunk: LogChunk, firstLine: Int) {
        table.ts.reserveCapacity(table.count + chunk.requests.count)
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
            if firstRowByID[id] == nil {
                firstRowByID[id] = row
            } else {
                moreRowsByID[id, default: []].append(row)
            }
            if let feedback = latestFeedback[id] { target = feedback }
        }
        table.target.append(target)
    }

    private mutating func addFeedback(_ feedback: LogChunk.Feedback) {
        let target = table.labels.intern(feedback.target)
        latestFeedback[feedback.id] = target
        feedbackLinesByID[feedback.id, default: 0] += 1
        if let row = firstRowByID[feedback.id] {
            table.target[row] = target
            for more in moreRowsByID[feedback.id] ?? [] { table.target[more] = target }
        }
    }
}
