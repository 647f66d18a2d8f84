/// Serving health from prediction logs: volume, errors, latency, per window.
public struct OperationsSnapshot: Sendable, Equatable {
    public struct Count: Sendable, Equatable {
        public var name: String
        public var count: Int
        public init(name: String, count: Int) {
            self.name = name
            self.count = count
        }
    }

    /// The directory of `*.jsonl` logs this came from.
    public var source: String
    public var requests: Int
    public var errors: Int
    public var latency: SnapshotLatency?
    public var lowConfidenceShare: Double?
    public var windowSeconds: Double
    public var requestsPerWindow: [Int]
    public var errorsPerWindow: [Int]
    /// NaN where a window has no requests.
    public var latencyP95PerWindow: [Double]
    public var modelVersions: [Count]
    public var topErrors: [Count]
    /// Accuracy on the requests whose feedback has arrived.
    public var measuredAccuracy: Double?
    /// Accuracy and macro F1 estimated without labels (CBPE) for the requests still waiting for feedback.
    public var estimatedAccuracy: Double?
    public var estimatedF1: Double?
    public var unlabelled = 0
    /// Expected calibration error of the confidences, where targets exist.
    public var ece: Double?
    /// 20 bins of top-class probability over [0, 1].
    public var confidenceHistogram: [Int] = []
    /// NaN where a window has no scored requests.
    public var lowConfidencePerWindow: [Double] = []
    /// Per window, from the logs: accuracy of the labelled requests, mean confidence, and the
    /// mean PSI of the logged embeddings against the reference (NaN where a window has none).
    public var accuracyPerWindow: [Double] = []
    public var confidencePerWindow: [Double] = []
    public var psiPerWindow: [Double] = []

    public init(
        source: String, requests: Int, errors: Int, latency: SnapshotLatency?, lowConfidenceShare: Double?,
        windowSeconds: Double, requestsPerWindow: [Int], errorsPerWindow: [Int], latencyP95PerWindow: [Double],
        modelVersions: [Count], topErrors: [Count]
    ) {
        self.source = source
        self.requests = requests
        self.errors = errors
        self.latency = latency
        self.lowConfidenceShare = lowConfidenceShare
        self.windowSeconds = windowSeconds
        self.requestsPerWindow = requestsPerWindow
        self.errorsPerWindow = errorsPerWindow
        self.latencyP95PerWindow = latencyP95PerWindow
        self.modelVersions = modelVersions
        self.topErrors = topErrors
    }

    /// "1 min", "15 min": how the screens name a window.
    public var windowName: String { SnapshotWindows.name(seconds: windowSeconds) }

    public var errorRate: Double { requests > 0 ? Double(errors) / Double(requests) : .nan }
}
