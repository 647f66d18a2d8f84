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
    /// The eigenvectors left out: with the kept ones an orthonormal basis, so a row's error is
    /// also the length of its projection on these, which is cheaper when they are fewer.
    let dropped: [[Double]]
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
        var imputed = [Double](repeating: 0, count: d), mean = imputed, std = imputed, pcaMean = imputed
        // One column at a time, so the reference is never copied whole (60,000 × 32 rows are
        // 15 MB, which a report would otherwise hold at its peak).
        func filled(_ c: Int) -> [Double] {
            columns[c].allSatisfy(\.isFinite) ? columns[c] : columns[c].map { $0.isFinite ? $0 : imputed[c] }
        }
        for c in 0..<d {
            let finite = columns[c].filter(\.isFinite)
            imputed[c] = finite.isEmpty ? 0 : NumpyArithmetic.sum(finite) / Double(finite.count)
            let column = filled(c)
            let m = NumpyArithmetic.sum(column) / Double(n)
            mean[c] = m
            let correction = NumpyArithmetic.sum(column.map { $0 - m })
            let variance = (NumpyArithmetic.sum(column.map { ($0 - m) * ($0 - m) }) - correction * correction / Double(n)) / Double(n)
            let deviation = max(variance, 0).squareRoot()
            // scikit-learn's `_handle_zeros_in_scale`: a scale within rounding of zero is 1.
            std[c] = deviation < 10 * Double.ulpOfOne * max(abs(m), 1) ? 1 : deviation
            // PCA centres the standardised data again (its mean is zero up to rounding).
            pcaMean[c] = NumpyArithmetic.sum(column.map { ($0 - m) / std[c] }) / Double(n)
        }
        var covariance = [Double](repeating: 0, count: d * d)
        for i in 0..<d {
            let a = filled(i).map { ($0 - mean[i]) / std[i] - pcaMean[i] }
            for j in i..<d {
                let b = j == i ? a : filled(j).map { ($0 - mean[j]) / std[j] - pcaMean[j] }
                var sum = 0.0
                for r in 0..<n { sum += a[r] * b[r] }
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
        self.dropped = Array(eigen.vectors.dropFirst(kept))
        self.explainedVarianceRatio = ratio
        cutGap = kept >= d ? .infinity : variances[kept - 1] - variances[kept]
        cutNoise = variances[kept - 1] * (2 / Double(n)).squareRoot()
        isDetermined = cutGap > cutNoise
    }

    /// The reconstruction error of each row of column-major `columns` (a parsed chunk): the
    /// work runs along the columns, so the compiler vectorises it across rows.
    package func errors(columns: [[Double]]) -> [Double] {
        let n = columns.first?.count ?? 0
        guard n > Self.blockRows else {
            return errors(columns: columns, rows: 0..<n)
        }
        // In blocks, so the standardised copy stays small (the reference is read whole).
        return stride(from: 0, to: n, by: Self.blockRows).flatMap { errors(columns: columns, rows: $0..<min(n, $0 + Self.blockRows)) }
    }

    static let blockRows = 8192

    private func errors(columns: [[Double]], rows range: Range<Int>) -> [Double] {
        let n = range.count, first = range.lowerBound
        // ‖z‖² − Σ over kept components, or Σ over dropped ones: whichever projects on fewer.
        let viaDropped = dropped.count < components.count
        let basis = viaDropped ? dropped : components, k = basis.count
        var z = [[Double]](repeating: [Double](repeating: 0, count: n), count: dimensions)
        var squared = [Double](repeating: 0, count: n)
        for c in 0..<dimensions {
            let a = scale[c], b = shift[c], fill = imputed[c]
            columns[c].withUnsafeBufferPointer { source in
                z[c].withUnsafeMutableBufferPointer { target in
                    squared.withUnsafeMutableBufferPointer { total in
                        for r in 0..<n {
                            let value = source[first + r].isFinite ? source[first + r] : fill
                            let scaled = value * a + b
                            target[r] = scaled
                            if !viaDropped { total[r] += scaled * scaled }
                        }
                    }
                }
            }
        }
        var projection = [Double](repeating: 0, count: n)
        for j in 0..<k {
            for r in 0..<n { projection[r] = 0 }
            let component = basis[j]
            projection.withUnsafeMutableBufferPointer { p in
                for c in 0..<dimensions {
                    let w = component[c]
                    z[c].withUnsafeBufferPointer { zc in
                        for r in 0..<n { p[r] += zc[r] * w }
                    }
                }
            }
            if viaDropped {
                for r in 0..<n { squared[r] += projection[r] * projection[r] }
            } else {
                for r in 0..<n { squared[r] -= projection[r] * projection[r] }
            }
        }
        return squared.map { max($0, 0).squareRoot() }
    }
}

