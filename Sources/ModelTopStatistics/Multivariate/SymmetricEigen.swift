/// Eigenvalues and eigenvectors of a small symmetric matrix (an embedding's covariance) by the
/// cyclic Jacobi method: slow for large matrices, but for a few dozen dimensions it takes
/// microseconds and its eigenvectors are accurate to rounding, which the 1e-9 agreement with
/// scikit-learn's PCA needs.
package struct SymmetricEigen: Sendable, Equatable {
    /// Descending.
    package var values: [Double]
    /// `vectors[k]` belongs to `values[k]`, unit length.
    package var vectors: [[Double]]

    /// - Parameter matrix: n×n, row-major, symmetric (only the upper triangle is read).
    package init(symmetric matrix: [Double], size n: Int) {
        precondition(matrix.count == n * n, "an n×n matrix")
        var a = matrix
        for i in 0..<n { for j in 0..<i { a[i * n + j] = a[j * n + i] } }
        var v = [Double](repeating: 0, count: n * n)
        for i in 0..<n { v[i * n + i] = 1 }
        for _ in 0..<100 {
            var off = 0.0, diagonal = 0.0
            for i in 0..<n {
                diagonal += a[i * n + i] * a[i * n + i]
                for j in (i + 1)..<max(i + 1, n) { off += a[i * n + j] * a[i * n + j] }
            }
            if off <= 1e-300 || off <= diagonal * 1e-34 { break }
            for p in 0..<n {
                for q in (p + 1)..<max(p + 1, n) {
                    let apq = a[p * n + q]
                    guard apq != 0 else { continue }
                    let theta = (a[q * n + q] - a[p * n + p]) / (2 * apq)
                    let t = (theta >= 0 ? 1 : -1) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for k in 0..<n {
                        let akp = a[k * n + p], akq = a[k * n + q]
                        a[k * n + p] = c * akp - s * akq
                        a[k * n + q] = s * akp + c * akq
                    }
                    for k in 0..<n {
                        let apk = a[p * n + k], aqk = a[q * n + k]
                        a[p * n + k] = c * apk - s * aqk
                        a[q * n + k] = s * apk + c * aqk
                    }
                    for k in 0..<n {
                        let vkp = v[k * n + p], vkq = v[k * n + q]
                        v[k * n + p] = c * vkp - s * vkq
                        v[k * n + q] = s * vkp + c * vkq
                    }
                }
            }
        }
        let order = (0..<n).sorted { a[$0 * n + $0] > a[$1 * n + $1] }
        values = order.map { a[$0 * n + $0] }
        vectors = order.map { k in (0..<n).map { v[$0 * n + k] } }
    }
}
