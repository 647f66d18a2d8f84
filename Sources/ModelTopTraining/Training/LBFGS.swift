/// Limited-memory BFGS with a backtracking (Armijo) line search, for smooth convex objectives.
///
/// The softmax objective is convex and cheap to differentiate, and L-BFGS reaches a tight
/// optimum in a few dozen to a few hundred gradient evaluations, where plain gradient descent
/// needs thousands. scikit-learn's default solver is the same method.
struct LBFGS: Sendable {
    enum Stop: String, Sendable {
        /// ‖gradient‖ under the tolerance.
        case converged
        /// The relative decrease of the objective fell under 64·ε (scikit-learn's `ftol`).
        case stalled
        case maxIterations
        /// No step along the search direction decreased the objective.
        case lineSearchFailed
    }

    struct Result: Sendable {
        var x: [Double]
        var value: Double
        var gradientNorm: Double
        var iterations: Int
        var stop: Stop
    }

    var memory = 10
    var maxIterations = 500
    var gradientTolerance = 1e-6

    func minimize(from start: [Double], _ objective: ([Double]) -> (value: Double, gradient: [Double])) -> Result {
        var x = start
        var (value, gradient) = objective(x)
        var steps: [[Double]] = [], changes: [[Double]] = [], rhos: [Double] = []
        var iteration = 0
        while true {
            let norm = Self.norm(gradient)
            if norm < gradientTolerance { return Result(x: x, value: value, gradientNorm: norm, iterations: iteration, stop: .converged) }
            if iteration >= maxIterations { return Result(x: x, value: value, gradientNorm: norm, iterations: iteration, stop: .maxIterations) }
            var direction = Self.twoLoop(gradient, steps, changes, rhos)
            var slope = Self.dot(direction, gradient)
            if !(slope < 0) {
                // Curvature pairs went stale: restart from steepest descent.
                steps.removeAll(); changes.removeAll(); rhos.removeAll()
                direction = gradient.map { -$0 }
                slope = -norm * norm
            }
            var step = steps.isEmpty ? min(1, 1 / norm) : 1
            var accepted: (x: [Double], value: Double, gradient: [Double])?
            for _ in 0..<60 {
                let candidate = zip(x, direction).map { $0 + step * $1 }
                let (candidateValue, candidateGradient) = objective(candidate)
                if candidateValue.isFinite, candidateValue <= value + 1e-4 * step * slope {
                    accepted = (candidate, candidateValue, candidateGradient)
                    break
                }
                step *= 0.5
            }
            guard let next = accepted else {
                return Result(x: x, value: value, gradientNorm: norm, iterations: iteration, stop: .lineSearchFailed)
            }
            iteration += 1
            let s = zip(next.x, x).map { $0 - $1 }
            let y = zip(next.gradient, gradient).map { $0 - $1 }
            let curvature = Self.dot(s, y)
            if curvature > 1e-12 * Self.dot(y, y) {
                steps.append(s); changes.append(y); rhos.append(1 / curvature)
                if steps.count > memory { steps.removeFirst(); changes.removeFirst(); rhos.removeFirst() }
            }
            let decrease = (value - next.value) / max(abs(value), abs(next.value), 1)
            (x, value, gradient) = next
            if decrease <= 64 * Double.ulpOfOne {
                return Result(x: x, value: value, gradientNorm: Self.norm(gradient), iterations: iteration, stop: .stalled)
            }
        }
    }

    /// −H·g with the implicit inverse-Hessian estimate from the stored pairs.
    private static func twoLoop(_ gradient: [Double], _ steps: [[Double]], _ changes: [[Double]], _ rhos: [Double]) -> [Double] {
        var q = gradient
        var alphas = [Double](repeating: 0, count: steps.count)
        for i in stride(from: steps.count - 1, through: 0, by: -1) {
            alphas[i] = rhos[i] * dot(steps[i], q)
            axpy(-alphas[i], changes[i], &q)
        }
        if let s = steps.last, let y = changes.last {
            let gamma = dot(s, y) / dot(y, y)
            for k in q.indices { q[k] *= gamma }
        }
        for i in steps.indices {
            let beta = rhos[i] * dot(changes[i], q)
            axpy(alphas[i] - beta, steps[i], &q)
        }
        return q.map { -$0 }
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for k in a.indices { sum += a[k] * b[k] }
        return sum
    }

    static func norm(_ a: [Double]) -> Double { dot(a, a).squareRoot() }

    private static func axpy(_ alpha: Double, _ x: [Double], _ y: inout [Double]) {
        for k in y.indices { y[k] += alpha * x[k] }
    }
}
