/// Serving health from prediction logs: volume, errors, latency, per window.
package struct OperationsSnapshot: Sendable, Equatable {
    package struct Count: Sendable, Equatable {
        package var name: String
        package var count: Int
        package init(name: String, count: Int) {
            self.name = name
            self.count = count
        }
    }

    /// The directory of `*.jsonl` logs this came from.
    package var source: String
    package var requests: Int
    package var errors: Int
    package var latency: SnapshotLatency?
    package var lowConfidenceShare: Double?
    package var windowSeconds: Double
    package var requestsPerWindow: [Int]
    package var errorsPerWindow: [Int]
    /// NaN where a window has no requests.
    package var latencyP95PerWindow: [Double]
    package var modelVersions: [Count]
    package var topErrors: [Count]
    /// Accuracy on the requests whose feedback has arrived.
    package var measuredAccuracy: Double?
    /// Accuracy and macro F1 estimated without labels (CBPE) for the requests still waiting for feedback.
    package var estimatedAccuracy: Double?
    package var estimatedF1: Double?
    package var unlabelled = 0
    /// Expected calibration error of the confidences, where targets exist.
    package var ece: Double?
    /// 20 bins of top-class probability over [0, 1].
    package var confidenceHistogram: [Int] = []
    /// NaN where a window has no scored requests.
    package var lowConfidencePerWindow: [Double] = []
    /// Per window, from the logs: accuracy of the labelled requests, mean confidence, and the
    /// mean PSI of the logged embeddings against the reference (NaN where a window has none).
    package var accuracyPerWindow: [Double] = []
    package var confidencePerWindow: [Double] = []
    package var psiPerWindow: [Double] = []

    package init(
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
    package var windowName: String { SnapshotWindows.name(seconds: windowSeconds) }

    package var errorRate: Double { requests > 0 ? Double(errors) / Double(requests) : .nan }
}
