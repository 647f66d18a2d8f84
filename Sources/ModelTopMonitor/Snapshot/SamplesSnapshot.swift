/// Recent predictions with their inputs as images (digits), for eyeballing mistakes.
public struct SamplesSnapshot: Sendable, Equatable {
    public struct Sample: Sendable, Equatable {
        public var id: String
        public var target: String?
        public var prediction: String
        public var confidence: Double
        public var imageWidth: Int
        public var imageHeight: Int
        /// Grey levels 0 (background) to 255, row-major; empty when the log carried no pixels.
        public var pixels: [UInt8]
        /// The model's class probabilities, class k in column k; empty when not logged.
        public var probabilities: [Double]
        /// How long the request took, in milliseconds; nil when not logged.
        public var latencyMs: Double?
        /// When the request was served (its `ts`, seconds since the epoch); nil when unknown.
        public var time: Double?

        public init(
            id: String, target: String?, prediction: String, confidence: Double,
            imageWidth: Int, imageHeight: Int, pixels: [UInt8],
            probabilities: [Double] = [], latencyMs: Double? = nil, time: Double? = nil
        ) {
            self.id = id
            self.target = target
            self.prediction = prediction
            self.confidence = confidence
            self.imageWidth = imageWidth
            self.imageHeight = imageHeight
            self.pixels = pixels
            self.probabilities = probabilities
            self.latencyMs = latencyMs
            self.time = time
        }

        public var isMistake: Bool { target.map { $0 != prediction } ?? false }
    }

    public var samples: [Sample]
    /// Confidence under this is low (`--low-confidence`): the `l` filter and the warnings.
    public var lowConfidence: Double

    public init(samples: [Sample], lowConfidence: Double = SnapshotConfidence.lowThreshold) {
        self.samples = samples
        self.lowConfidence = lowConfidence
    }
}
