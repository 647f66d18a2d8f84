/// Per-column centring and scaling learned from the training rows, stored with the model.
///
/// Gradient-based training converges far faster on standardised columns, and a model must
/// apply exactly the training statistics to new rows, so they travel in the artifact.
package struct Standardization: Sendable, Equatable {
    package var mean: [Double]
    /// The population standard deviation (ddof 0, as scikit-learn's `StandardScaler`);
    /// a constant column gets 1 so it maps to 0 instead of dividing by zero.
    package var scale: [Double]

    package init(mean: [Double], scale: [Double]) {
        self.mean = mean
        self.scale = scale
    }

    /// Column means and standard deviations of `set`, in two passes for accuracy.
    package static func fit(_ set: TrainingSet) -> Standardization {
        let d = set.dimensions, n = set.rows
        var mean = [Double](repeating: 0, count: d)
        var variance = [Double](repeating: 0, count: d)
        guard n > 0 else { return Standardization(mean: mean, scale: [Double](repeating: 1, count: d)) }
        set.features.withUnsafeBufferPointer { x in
            for row in 0..<n { for k in 0..<d { mean[k] += x[row * d + k] } }
            for k in 0..<d { mean[k] /= Double(n) }
            for row in 0..<n {
                for k in 0..<d {
                    let delta = x[row * d + k] - mean[k]
                    variance[k] += delta * delta
                }
            }
        }
        let scale = zip(mean, variance).map { centre, sum -> Double in
            let deviation = (sum / Double(n)).squareRoot()
            return deviation.isFinite && deviation > 1e-12 * max(1, abs(centre)) ? deviation : 1
        }
        return Standardization(mean: mean, scale: scale)
    }

    /// `features` (row-major, `mean.count` columns) centred and scaled.
    package func apply(_ features: [Double]) -> [Double] {
        let d = mean.count
        guard d > 0 else { return features }
        var out = features
        out.withUnsafeMutableBufferPointer { x in
            for index in x.indices {
                let k = index % d
                x[index] = (x[index] - mean[k]) / scale[k]
            }
        }
        return out
    }
}
