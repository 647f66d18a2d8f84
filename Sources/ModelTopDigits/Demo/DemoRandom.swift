import Glibc
import ModelTopBase

/// The draws the simulated traffic needs, from a `SeededGenerator` so a seed fixes every byte.
///
/// Spelled out here (Box–Muller, inverse CDF) because the standard library's distributions
/// are free to change between Swift versions, and the demo promises the same bytes for a seed.
package struct DemoRandom: Sendable {
    private var generator: SeededGenerator

    package init(seed: UInt64) { generator = SeededGenerator(seed: seed) }

    /// Uniform in [0, 1), with 53 random bits.
    package mutating func uniform() -> Double {
        Double(generator.next() >> 11) * 0x1p-53
    }

    /// An index in `0..<count` (`count` > 0).
    package mutating func index(_ count: Int) -> Int {
        min(count - 1, Int(uniform() * Double(count)))
    }

    /// Standard normal, by Box–Muller.
    package mutating func normal() -> Double {
        let u = 1 - uniform()
        let v = uniform()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }

    /// Exponential with the given mean: the gap between arrivals of a Poisson stream.
    package mutating func exponential(mean: Double) -> Double {
        -mean * log(1 - uniform())
    }

    /// Log-normal: `exp(mu + sigma·N(0,1))`, the usual shape of service latency.
    package mutating func logNormal(mu: Double, sigma: Double) -> Double {
        exp(mu + sigma * normal())
    }
}
