/// A model as saved under `artifacts/models/<version>.json`: the weights and how they came to be.
///
/// Everything needed to score rows (labels, features, standardisation, weights) plus what a
/// person auditing a promotion wants (metrics, data sizes, seed, trigger, parent version).
package struct ModelArtifact: Sendable, Equatable {
    /// Identifies the file layout, so a later layout can be told apart and refused clearly.
    package static let format = "modeltop-softmax-1"

    package var version: String
    /// Unix seconds, supplied by the command (the pure layers have no clock).
    package var created: Int64
    /// What started the training: "cli", "manual" (the dashboard), …
    package var trigger: String
    /// The version that was current when this one was trained.
    package var parent: String?
    package var model: SoftmaxModel
    package var c: Double
    package var seed: UInt64
    package var fit: SoftmaxTrainer.Fit
    /// Scores on the held-out rows (nil for `train`, which holds nothing out).
    package var holdout: ModelMetrics?
    /// Scores on the training rows themselves.
    package var training: ModelMetrics
    package var sizes: DataSizes

    package init(
        version: String, created: Int64, trigger: String, parent: String?, model: SoftmaxModel, c: Double,
        seed: UInt64, fit: SoftmaxTrainer.Fit, holdout: ModelMetrics?, training: ModelMetrics, sizes: DataSizes
    ) {
        self.version = version
        self.created = created
        self.trigger = trigger
        self.parent = parent
        self.model = model
        self.c = c
        self.seed = seed
        self.fit = fit
        self.holdout = holdout
        self.training = training
        self.sizes = sizes
    }
}

/// How many rows went where.
package struct DataSizes: Sendable, Equatable, Codable {
    package var referenceRows: Int
    package var productionRows: Int
    package var trainRows: Int
    package var holdoutRows: Int

    package init(referenceRows: Int, productionRows: Int, trainRows: Int, holdoutRows: Int) {
        self.referenceRows = referenceRows
        self.productionRows = productionRows
        self.trainRows = trainRows
        self.holdoutRows = holdoutRows
    }
}

/// Version names are `v1`, `v2`, …; nothing else, since they become file names.
package enum ModelVersion {
    package static func number(_ version: String) -> Int? {
        guard version.hasPrefix("v"), let number = Int(version.dropFirst()), number >= 1,
              "v\(number)" == version else { return nil }
        return number
    }

    /// A name the registry may record: the built-in's `vN`, or a retrain hook's own version
    /// (`prod-7`, `2026.12.01`): 1 to 64 of letters, digits, `.`, `_`, `-`, not starting with a
    /// dot, so that it can never name a path outside the artifacts directory.
    package static func isRecordable(_ version: String) -> Bool {
        guard (1...64).contains(version.utf8.count), !version.hasPrefix(".") else { return false }
        return version.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
    }

    /// The version after the highest of `existing` (v1 when there is none).
    package static func next(after existing: [String]) -> String {
        "v\((existing.compactMap(number).max() ?? 0) + 1)"
    }
}
