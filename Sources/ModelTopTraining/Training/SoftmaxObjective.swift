import Glibc
import ModelTopBase

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
    private func block(_ theta: [Double], from start: Int, to end: Int) -> (loss: Double, gradient: [Double]) {
        var gradient = [Double](repeating: 0, count: parameterCount)
        var scores = [Double](repeating: 0, count: classCount)
        var loss = 0.0
        features.withUnsafeBufferPointer { x in
            theta.withUnsafeBufferPointer { w in
                gradient.withUnsafeMutableBufferPointer { g in
                    scores.withUnsafeMutableBufferPointer { z in
                        guard let xs = x.baseAddress, let ws = w.baseAddress, let gs = g.baseAddress, let zs = z.baseAddress else { return }
                        for row in start..<end {
                            loss += accumulate(row: xs + row &* dimensions, truth: Int(classes[row]), ws, gs, zs)
                        }
                    }
                }
            }
        }
        return (loss, gradient)
    }

    /// One row's cross-entropy; adds its gradient into `g`. `z` is scratch for the scores.
    ///
    /// Dot products and updates go four doubles at a time: the scalar loops were bound by the
    /// chain of dependent additions, and a fixed SIMD order keeps results identical on every run.
    @inline(__always)
    private func accumulate(
        row x: UnsafePointer<Double>, truth: Int, _ w: UnsafePointer<Double>,
        _ g: UnsafeMutablePointer<Double>, _ z: UnsafeMutablePointer<Double>
    ) -> Double {
        let k = classCount, d = dimensions, wide = d & ~3
        let xRaw = UnsafeRawPointer(x)
        var largest = -Double.infinity
        for j in 0..<k {
            let wj = w + j &* d
            let wRaw = UnsafeRawPointer(wj)
            var lanes = SIMD4<Double>()
            var m = 0
            while m < wide {
                let offset = m &* 8
                lanes += wRaw.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
                    * xRaw.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
                m &+= 4
            }
            var s = w[k &* d &+ j] + lanes.sum()
            while m < d {
                s += wj[m] * x[m]
                m &+= 1
            }
            z[j] = s
            if s > largest { largest = s }
        }
        let truthScore = z[truth]
        var total = 0.0
        for j in 0..<k {
            let e = exp(z[j] - largest)
            z[j] = e
            total += e
        }
        let inverse = 1 / total
        for j in 0..<k {
            let residual = z[j] * inverse - (j == truth ? 1 : 0)
            let gj = g + j &* d
            let gRaw = UnsafeMutableRawPointer(gj)
            let spread = SIMD4<Double>(repeating: residual)
            var m = 0
            while m < wide {
                let offset = m &* 8
                let updated = gRaw.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
                    + spread * xRaw.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
                gRaw.storeBytes(of: updated, toByteOffset: offset, as: SIMD4<Double>.self)
                m &+= 4
            }
            while m < d {
                gj[m] += residual * x[m]
                m &+= 1
            }
            g[k &* d &+ j] += residual
        }
        return log(total) - (truthScore - largest)
    }
}
