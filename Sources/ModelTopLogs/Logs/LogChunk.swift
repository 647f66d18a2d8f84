import ModelTopBase
import ModelTopTables

/// The lines of one block of a log file, classified and laid out in columns. Blocks are parsed
/// in parallel and appended to a `LogMonitor` in file order; everything done per line (numbers,
/// labels, id hashes) happens here, so the serial append is bulk copies plus the id join.
package struct LogChunk: Sendable {
    package struct Feedback: Sendable, Equatable {
        package var id: String
        package var target: String

        package init(id: String, target: String) {
            self.id = id
            self.target = target
        }
    }

    // One entry per request line, in line order.
    var ts: [Double] = []
    /// NaN when absent.
    var latencyMs: [Double] = []
    /// 0 when absent.
    var status: [Int32] = []
    /// NaN when absent.
    var confidence: [Double] = []
    /// Numbers in this block's own `labels`; the monitor maps them to its table's. -1 for a
    /// failed request without a prediction.
    var prediction: [Int32] = []
    /// An inline `target`, or -1.
    var target: [Int32] = []
    var probabilities: [Double] = []
    /// Where each request's `probs` end in `probabilities`.
    var probabilityEnds: [Int] = []
    var embeddings: [Double] = []
    var embeddingEnds: [Int] = []
    var requestIDs = ChunkIDs()
    /// Requests that logged their input image: (index among this block's requests, pixels).
    var images: [(request: Int, pixels: [Double])] = []

    // One entry per feedback line.
    var feedbackIDs = ChunkIDs()
    var feedbackTargets: [Int32] = []

    var labels = LabelTable()
    /// Keys outside the contract, with the number of lines that carried each.
    package var unknownKeys: [String: Int] = [:]
    /// Rejected lines, numbered from 1 at the block's first line.
    package var rejections = RejectionLog()
    package var lineCount = 0

    package init() {}

    package var requestCount: Int { ts.count }

    package mutating func append(_ request: RequestLine) {
        ts.append(request.ts)
        latencyMs.append(request.latencyMs ?? .nan)
        status.append(Int32(clamping: request.status ?? 0))
        confidence.append(request.confidence ?? .nan)
        prediction.append(request.prediction.map { label($0) } ?? -1)
        target.append(request.target.map { label($0) } ?? -1)
        probabilities.append(contentsOf: request.probs)
        probabilityEnds.append(probabilities.count)
        embeddings.append(contentsOf: request.embedding)
        embeddingEnds.append(embeddings.count)
        requestIDs.append(request.id)
        if !request.pixels.isEmpty { images.append((ts.count - 1, request.pixels)) }
    }

    package mutating func append(_ feedback: Feedback) {
        feedbackIDs.append(feedback.id)
        feedbackTargets.append(label(feedback.target))
    }

    /// The block with only the request lines whose `keep` is true (the monitor drops lines that
    /// repeat an earlier request's id); feedback lines and labels stay as they are.
    func keeping(_ keep: [Bool]) -> LogChunk {
        var kept = LogChunk()
        kept.labels = labels
        for k in 0..<requestCount where keep[k] {
            kept.ts.append(ts[k])
            kept.latencyMs.append(latencyMs[k])
            kept.status.append(status[k])
            kept.confidence.append(confidence[k])
            kept.prediction.append(prediction[k])
            kept.target.append(target[k])
            kept.probabilities.append(contentsOf: probabilities[(k == 0 ? 0 : probabilityEnds[k - 1])..<probabilityEnds[k]])
            kept.probabilityEnds.append(kept.probabilities.count)
            kept.embeddings.append(contentsOf: embeddings[(k == 0 ? 0 : embeddingEnds[k - 1])..<embeddingEnds[k]])
            kept.embeddingEnds.append(kept.embeddings.count)
            kept.requestIDs.append(requestIDs.string(k))
        }
        return kept
    }

    /// The block's number for a label: a log has a handful, so a scan beats hashing the text.
    @inline(__always)
    private mutating func label(_ name: String) -> Int32 {
        if labels.count <= 16, let k = labels.names.firstIndex(of: name) { return Int32(k) }
        return labels.intern(name)
    }

    /// The request lines again, for tests and tools (the monitor reads the columns).
    package var requests: [RequestLine] {
        (0..<requestCount).map { k in
            var line = RequestLine()
            line.ts = ts[k]
            line.latencyMs = latencyMs[k].isNaN ? nil : latencyMs[k]
            line.status = status[k] == 0 ? nil : Int(status[k])
            line.confidence = confidence[k].isNaN ? nil : confidence[k]
            line.prediction = prediction[k] < 0 ? nil : labels.names[Int(prediction[k])]
            line.target = target[k] < 0 ? nil : labels.names[Int(target[k])]
            line.probs = Array(probabilities[(k == 0 ? 0 : probabilityEnds[k - 1])..<probabilityEnds[k]])
            line.embedding = Array(embeddings[(k == 0 ? 0 : embeddingEnds[k - 1])..<embeddingEnds[k]])
            line.id = requestIDs.string(k)
            line.pixels = images.first { $0.request == k }?.pixels ?? []
            return line
        }
    }

    /// The feedback lines again, for tests and tools.
    package var feedback: [Feedback] {
        (0..<feedbackTargets.count).map { k in
            Feedback(id: feedbackIDs.string(k) ?? "", target: labels.names[Int(feedbackTargets[k])])
        }
    }
}
