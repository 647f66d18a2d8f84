/// Recent predictions with their inputs as images (digits), for eyeballing mistakes.
package struct SamplesSnapshot: Sendable, Equatable {
    package struct Sample: Sendable, Equatable {
        package var id: String
        package var target: String?
        package var prediction: String
        package var confidence: Double
        package var imageWidth: Int
        package var imageHeight: Int
        /// Grey levels 0 (background) to 255, row-major; empty when the log carried no pixels.
        package var pixels: [UInt8]
        /// The model's class probabilities, class k in column k; empty when not logged.
        package var probabilities: [Double]
        /// How long the request took, in milliseconds; nil when not logged.
        package var latencyMs: Double?
        /// When the request was served (its `ts`, seconds since the epoch); nil when unknown.
        package var time: Double?

        package init(
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

        package var isMistake: Bool { target.map { $0 != prediction } ?? false }
    }

    package var samples: [Sample]
    /// Confidence under this is low (`--low-confidence`): the `l` filter and the warnings.
    package var lowConfidence: Double

    package init(samples: [Sample], lowConfidence: Double = SnapshotConfidence.lowThreshold) {
        self.samples = samples
        self.lowConfidence = lowConfidence
    }
}
