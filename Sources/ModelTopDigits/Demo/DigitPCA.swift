import Foundation
import ModelTopTraining

/// The PCA that embedded the bundled digits, exported once from scikit-learn (`fixtures/digits/pca.json`).
///
/// The demo embeds new, transformed images; they are only comparable with `ref_data.csv` when they
/// go through the very same mean and components, so the fitted PCA is shipped rather than refitted.
package struct DigitPCA: Sendable, Equatable {
    /// The per-pixel mean subtracted before projecting.
    package let mean: [Double]
    /// `components[k][pixel]`: one unit vector per embedding dimension.
    package let components: [[Double]]
    package let explainedVarianceRatio: [Double]

    /// Checks the shapes agree, so a truncated file is refused with a reason instead of trapping later.
    package init(mean: [Double], components: [[Double]], explainedVarianceRatio: [Double]) throws(DemoError) {
        guard !mean.isEmpty, !components.isEmpty else { throw .invalidPCA("mean or components are empty") }
        guard components.allSatisfy({ $0.count == mean.count }) else {
            throw .invalidPCA("every component must have \(mean.count) values, as the mean")
        }
        guard mean.allSatisfy(\.isFinite), components.allSatisfy({ $0.allSatisfy(\.isFinite) }) else {
            throw .invalidPCA("a mean or component value is not finite")
        }
        self.mean = mean
        self.components = components
        self.explainedVarianceRatio = explainedVarianceRatio
    }

    /// Reads `{"mean": [...], "components": [[...]], "explained_variance_ratio": [...]}`.
    package init(json bytes: [UInt8]) throws(DemoError) {
        struct File: Decodable {
            var mean: [Double]
            var components: [[Double]]
            var explainedVarianceRatio: [Double]
        }
        switch DecodingProblem.decode(File.self, from: bytes) {
        case .success(let file):
            try self.init(mean: file.mean, components: file.components, explainedVarianceRatio: file.explainedVarianceRatio)
        case .failure(let failure):
            throw .invalidPCA(failure.description)
        }
    }

    package var pixelCount: Int { mean.count }
    package var dimensions: Int { components.count }

    /// The embedding of one image, `(x - mean) · componentsᵀ` as scikit-learn's `PCA.transform`.
    package func project(_ pixels: [Double]) -> [Double] {
        let centred = zip(pixels, mean).map { $0 - $1 }
        return components.map { component in
            var sum = 0.0
            for (x, w) in zip(centred, component) { sum += x * w }
            return sum
        }
    }
}
