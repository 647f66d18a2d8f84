#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// scikit-learn's multinomial logistic-regression objective and its gradient.
///
/// `LogisticRegression(C)` minimises C·Σᵢ CE(i) + ½‖W‖² with an unpenalised intercept; dividing
/// by C·n gives the same minimiser with O(1) values, so a fixed gradient tolerance means the
/// same thing for 700 rows and for 60,000. Parameters are `W` (classes × dimensions, row-major)
/// followed by the intercepts.
struct SoftmaxObjective: Sendable {
    /// Standardised features, row-major.
    let features: [Double]
    /// Class index (0..<classes) of every row.
    let classes: [Int32]
    let classCount: Int
    let dimensions: Int
    let c: Double

    /// Rows per parallel block: fixed, so the sum order (and the result) never depends on cores.
    static let blockRows = 2048

    var rows: Int { classes.count }
    var parameterCount: Int { classCount * (dimensions + 1) }

    /// The objective's value and gradient at `theta`.
    func evaluate(_ theta: [Double]) -> (value: Double, gradient: [Double]) {
        let blocks = (rows + Self.blockRows - 1) / Self.blockRows
        let partials = ParallelMap.map(count: blocks) { block in
            self.block(theta, from: block * Self.blockRows, to: min(rows, (block + 1) * Self.blockRows))
        }
        var loss = 0.0
        var gradient = [Double](repeating: 0, count: parameterCount)
        for partial in partials {
            loss += partial.loss
            for k in gradient.indices { gradient[k] += partial.gradient[k] }
        }
        let n = Double(max(rows, 1))
        var penalty = 0.0
        let weightCount = classCount * dimensions
        for k in 0..<parameterCount {
            gradient[k] /= n
            if k < weightCount {
                penalty += theta[k] * theta[k]
                gradient[k] += theta[k] / (c * n)
            }
        }
        return (loss / n + penalty / (2 * c * n), gradient)
    }

    /// Summed cross-entropy and its gradient over rows `start..<end`.
    ///
    /// Scores are accumulated feature by feature over a transposed copy of `W`, so the inner
    /// loops are element-wise (vectorisable) rather than dot-product reductions.
    private func block(_ theta: [Double], from start: Int, to end: Int) -> (loss: Double, gradient: [Double]) {
        let k = classCount, d = dimensions
        var gradient = [Double](repeating: 0, count: parameterCount)
        var transposed = [Double](repeating: 0, count: k * d)
        for j in 0..<k { for m in 0..<d { transposed[m * k + j] = theta[j * d + m] } }
        var scores = [Double](repeating: 0, count: k)
        var loss = 0.0
        features.withUnsafeBufferPointer { x in
            theta.withUnsafeBufferPointer { w in
                transposed.withUnsafeBufferPointer { wt in
                    gradient.withUnsafeMutableBufferPointer { g in
                        scores.withUnsafeMutableBufferPointer { z in
                            for row in start..<end {
                                let offset = row * d
                                for j in 0..<k { z[j] = w[k * d + j] }
                                for m in 0..<d {
                                    let value = x[offset + m]
                                    let base = m * k
                                    for j in 0..<k { z[j] += wt[base + j] * value }
                                }
                                var largest = -Double.infinity
                                for j in 0..<k where z[j] > largest { largest = z[j] }
                                let truth = Int(classes[row])
                                let truthScore = z[truth]
                                var total = 0.0
                                for j in 0..<k {
                                    let e = exp(z[j] - largest)
                                    z[j] = e
                                    total += e
                                }
                                loss += log(total) - (truthScore - largest)
                                let inverse = 1 / total
                                for j in 0..<k {
                                    let residual = z[j] * inverse - (j == truth ? 1 : 0)
                                    let base = j * d
                                    for m in 0..<d { g[base + m] += residual * x[offset + m] }
                                    g[k * d + j] += residual
                                }
                            }
                        }
                    }
                }
            }
        }
        return (loss, gradient)
    }
}
