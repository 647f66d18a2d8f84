import Foundation
import ModelTopDigits
import ModelTopMonitor
import ModelTopIO

/// Samples made from the bundled real digits, with the fields a prediction log gives them.
enum SampleFixtures {
    static var images: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("fixtures", isDirectory: true)
    }

    /// Probabilities of a model unsure between 3 and 8, calling it 8.
    static let unsure: [Double] = [0.004, 0.002, 0.011, 0.352, 0.001, 0.047, 0.003, 0.006, 0.561, 0.013]

    static func sample(
        _ image: DigitImage, id: String, target: String?, prediction: String, probabilities: [Double],
        latencyMs: Double? = 12.6, time: Double? = 1_795_305_540
    ) -> SamplesSnapshot.Sample {
        let pixels = image.inks.map { UInt8(($0 * 255).rounded()) }
        return SamplesSnapshot.Sample(
            id: id, target: target, prediction: prediction, confidence: probabilities.max() ?? .nan,
            imageWidth: image.side, imageHeight: image.side, pixels: pixels,
            probabilities: probabilities, latencyMs: latencyMs, time: time)
    }

    static func digit(row: Int) throws -> DigitImage {
        try ImageFiles.load(path: images.appendingPathComponent("digits/digits.csv").path, selection: .init(index: row)).image
    }

    /// Newest first: a 3 taken for an 8 (low confidence, wrong), a sure 0, a 28×28 digit
    /// without feedback, and a request that logged no pixels.
    static func samples() throws -> SamplesSnapshot {
        let mnist = try ImageFiles.load(path: images.appendingPathComponent("images/digits28-idx3-ubyte").path, selection: .init(index: 7)).image
        var sure = [Double](repeating: 0.001, count: 10)
        sure[0] = 0.991
        var seven = [Double](repeating: 0.01, count: 10)
        seven[7] = 0.91
        return SamplesSnapshot(samples: [
            sample(try digit(row: 3), id: "req-0042", target: "3", prediction: "8", probabilities: unsure),
            sample(try digit(row: 0), id: "req-0041", target: "0", prediction: "0", probabilities: sure, latencyMs: 9.4),
            sample(mnist, id: "req-0040", target: nil, prediction: "7", probabilities: seven, latencyMs: nil),
            SamplesSnapshot.Sample(
                id: "req-0039", target: "1", prediction: "1", confidence: 0.82, imageWidth: 0, imageHeight: 0, pixels: [],
                probabilities: [], latencyMs: 30.2, time: 1_795_305_500),
        ])
    }

    /// The drifted fixture with these samples.
    static func snapshot() throws -> DashboardSnapshot {
        var snapshot = try Fixtures.drifted.get()
        snapshot.samples = try samples()
        return snapshot
    }
}
