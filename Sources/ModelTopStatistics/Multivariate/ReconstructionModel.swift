/// NannyML's data reconstruction: the reference's values imputed with their column means,
/// standardised, and compressed by a PCA that keeps 65% of the variance; a row's error is the
/// Euclidean distance between its standardised values and their reconstruction from the
/// components. Rows like the reference's reconstruct as well as the reference did; a change in
/// how the dimensions move together reconstructs worse (or better), even when no column moved.
///
/// Matches `DataReconstructionDriftCalculator` (nannyml 0.13.1): `SimpleImputer(strategy="mean")`,
/// `StandardScaler()` (population standard deviation; a constant column keeps scale 1),
/// `PCA(n_components=0.65)` (the fewest components whose cumulative explained variance ratio
/// exceeds 0.65, as scikit-learn's `searchsorted(..., side="right") + 1`).
package struct ReconstructionModel: Sendable, Equatable {
    /// The share of variance the components keep (NannyML's default `n_components`).
    package static let varianceKept = 0.65

    /// Per dimension: the imputed value, then `scaled = value * scale + shift`, which is
    /// `(value - mean) / std - pcaMean` folded into one multiply-add.
    package let imputed: [Double]
    let scale: [Double]
    let shift: [Double]
    /// `components[k][d]`, unit vectors, most variance first.
    package let components: [[Double]]
    /// Every dimension's share of the standardised variance, descending (PCA's ratio).
    package let explainedVarianceRatio: [Double]

    package var dimensions: Int { imputed.count }

    /// Whether the kept components are decided by the data rather than by sampling noise:
    /// North et al.'s rule of thumb (1982), an eigenvalue's sampling error is about λ√(2/n), so
    /// the last kept and the first dropped eigenvalue must be further apart than that. A PCA
    /// embedding of the reference itself standardises to uncorrelated dimensions of equal
    /// variance: every eigenvalue is the same, the 65% subspace is chosen by rounding, and two
    /// exact solvers give errors 4% apart (numpy's `eigh` and scikit-learn's PCA on the digits
    /// fixture). Random halves of such data are no better (a tenth of the undrifted samples
    /// alarmed). Reconstruction error then measures nothing and is not judged.
    package let isDetermined: Bool
    /// λ_k − λ_{k+1} and λ_k√(2/n) at the cut, for the message that says why.
    package let cutGap: Double
    package let cutNoise: Double

    /// nil with fewer than two rows (no variance to explain).
    package init?(referenceColumns columns: [[Double]]) {
        let d = columns.count
        guard d > 0, let n = columns.first?.count, n >= 2 else { return nil }
        var imputed = [Double](repeating: 0, count: d), mean = imputed, std = imputed
        var scaled = columns
        for c in 0..<d {
            let finite = columns[c].filter(\.isFinite)
            let fill = finite.isEmpty ? 0 : NumpyArithmetic.sum(finite) / Double(finite.count)
            imputed[c] = fill
            for r in 0..<n where !scaled[c][r].isFinite { scaled[c][r] = fill }
            mean[c] = NumpyArithmetic.sum(scaled[c]) / Double(n)
            let m = mean[c]
            var deviations = scaled[c].map { ($0 - m) * ($0 - m) }
            let correction = NumpyArithmetic.sum(scaled[c].map { $0 - m })
            let variance = (NumpyArithmetic.sum(deviations) - correction * correction / Double(n)) / Double(n)
            deviations = []
            let deviation = max(variance, 0).squareRoot()
            // scikit-learn's `_handle_zeros_in_scale`: a scale within rounding of zero is 1.
            std[c] = deviation < 10 * Double.ulpOfOne * max(abs(m), 1) ? 1 : deviation
            for r in 0..<n { scaled[c][r] = (scaled[c][r] - m) / std[c] }
        }
        // PCA centres the standardised data again (its mean is zero up to rounding).
        let pcaMean = scaled.map { NumpyArithmetic.sum($0) / Double(n) }
        var covariance = [Double](repeating: 0, count: d * d)
        for i in 0..<d {
            for j in i..<d {
                var sum = 0.0
                let a = scaled[i], b = scaled[j], ma = pcaMean[i], mb = pcaMean[j]
                for r in 0..<n { sum += (a[r] - ma) * (b[r] - mb) }
                covariance[i * d + j] = sum / Double(n - 1)
            }
        }
        let eigen = SymmetricEigen(symmetric: covariance, size: d)
        let variances = eigen.values.map { max($0, 0) }
        let total = variances.reduce(0, +)
        guard total > 0 else { return nil }
        let ratio = variances.map { $0 / total }
        var cumulative = 0.0, kept = 0
        for value in ratio {
            cumulative += value
            kept += 1
            if cumulative > Self.varianceKept { break }
        }
        self.imputed = imputed
        self.scale = std.map { 1 / $0 }
        self.shift = (0..<d).map { -mean[$0] / std[$0] - pcaMean[$0] }
        self.components = Array(eigen.vectors.prefix(kept))
        self.explainedVarianceRatio = ratio
        cutGap = kept >= d ? .infinity : variances[kept - 1] - variances[kept]
        cutNoise = variances[kept - 1] * (2 / Double(n)).squareRoot()
        isDetermined = cutGap > cutNoise
    }

    /// The reconstruction error of one row (missing values imputed).
    package func error<Row: Collection>(_ row: Row) -> Double where Row.Element == Double {
        var z = [Double](repeating: 0, count: dimensions)
        for (c, value) in row.enumerated() { z[c] = (value.isFinite ? value : imputed[c]) * scale[c] + shift[c] }
        return error(centred: z)
    }

    /// The reconstruction error of each row of column-major `columns` (a parsed chunk): the
    /// work runs along the columns, so the compiler vectorises it across rows.
    package func errors(columns: [[Double]]) -> [Double] {
        let n = columns.first?.count ?? 0, k = components.count
        var z = [[Double]](repeating: [Double](repeating: 0, count: n), count: dimensions)
        var squared = [Double](repeating: 0, count: n)
        for c in 0..<dimensions {
            let a = scale[c], b = shift[c], fill = imputed[c]
            columns[c].withUnsafeBufferPointer { source in
                z[c].withUnsafeMutableBufferPointer { target in
                    squared.withUnsafeMutableBufferPointer { total in
                        for r in 0..<n {
                            let value = source[r].isFinite ? source[r] : fill
                            let scaled = value * a + b
                            target[r] = scaled
                            total[r] += scaled * scaled
                        }
                    }
                }
            }
        }
        var projection = [Double](repeating: 0, count: n)
        for j in 0..<k {
            for r in 0..<n { projection[r] = 0 }
            let component = components[j]
            projection.withUnsafeMutableBufferPointer { p in
                for c in 0..<dimensions {
                    let w = component[c]
                    z[c].withUnsafeBufferPointer { zc in
                        for r in 0..<n { p[r] += zc[r] * w }
                    }
                }
            }
            for r in 0..<n { squared[r] -= projection[r] * projection[r] }
        }
        return squared.map { max($0, 0).squareRoot() }
    }

    /// ‖z − VVᵀz‖ = √(‖z‖² − ‖Vᵀz‖²): the components are orthonormal.
    private func error(centred z: [Double]) -> Double {
        var squared = 0.0
        for value in z { squared += value * value }
        for component in components {
            var p = 0.0
            for c in 0..<dimensions { p += z[c] * component[c] }
            squared -= p * p
        }
        return max(squared, 0).squareRoot()
    }
}

