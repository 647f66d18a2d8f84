import Glibc

/// A story the demo's traffic tells, as conditions at each point of the run.
package enum DemoScenario: String, CaseIterable, Sendable {
    /// Clean images and steady latency: what a healthy model looks like.
    case none
    /// Inputs slowly rotate and get noisier (a camera shifting, a scanner ageing): drift, then lost accuracy.
    case gradual
    /// A population with heavier strokes arrives twice and leaves again (a school term, a new form).
    case seasonal
    /// Clean inputs, but mid-run latency spikes and the API answers 5xx (a bad deploy, a sick node).
    case incident

    /// What requests look like at `progress` (0 at the start of the run, 1 at its end).
    package func conditions(at progress: Double) -> DemoConditions {
        let t = min(1, max(0, progress))
        var conditions = DemoConditions()
        switch self {
        case .none:
            break
        case .gradual:
            conditions.rotationDegrees = 35 * t
            conditions.noiseSigma = 2 * t
        case .seasonal:
            conditions.heavyShare = 0.85 * (Self.bump(t, from: 0.15, to: 0.40) + Self.bump(t, from: 0.60, to: 0.85))
        case .incident:
            conditions.latencyFactor = 1 + 7 * Self.bump(t, from: 0.40, to: 0.62)
            conditions.serverErrorRate = 0.4 * Self.bump(t, from: 0.45, to: 0.57)
        }
        return conditions
    }

    /// 0 outside `[from, to]`, rising smoothly to 1 in the middle (sin²): a wave that comes and goes.
    static func bump(_ t: Double, from start: Double, to end: Double) -> Double {
        guard t > start, t < end else { return 0 }
        let s = sin(Double.pi * (t - start) / (end - start))
        return s * s
    }
}

/// The state of the world for one request.
package struct DemoConditions: Sendable, Equatable {
    package var rotationDegrees = 0.0
    package var noiseSigma = 0.0
    /// The probability that the request comes from the heavy-stroke population.
    package var heavyShare = 0.0
    /// Multiplies the usual latency.
    package var latencyFactor = 1.0
    /// The probability that the request fails with a 5xx.
    package var serverErrorRate = 0.0

    package init() {}
}
