/// SplitMix64: a tiny, well-mixed random generator whose stream is fixed by its seed.
///
/// The system generator cannot be seeded; a holdout must be the same rows every time the same
/// command runs with the same `--seed`, on every platform and Swift version.
package struct SeededGenerator: RandomNumberGenerator, Sendable {
    /// The whole state: a generator restored with `init(seed: state)` continues the same stream.
    package private(set) var state: UInt64

    package init(seed: UInt64) { state = seed }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
