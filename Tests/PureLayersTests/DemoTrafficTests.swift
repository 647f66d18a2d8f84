import Foundation
import Testing
import ModelTopBase
import ModelTopLogs
import ModelTopTraining
import ModelTopDigits

/// The simulated traffic: pixel transforms, scenarios, and lines the log reader accepts.
@Suite struct DemoTrafficTests {
    /// A 4×4 image with one bright pixel off-centre.
    static let dot: [Double] = [0, 0, 0, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0, 0, 0]

    static func traffic(_ scenario: DemoScenario, seed: UInt64 = 3) throws -> DemoTraffic {
        let pca = try DigitPCA(mean: [Double](repeating: 0, count: 16), components: [Array(repeating: 0.25, count: 16), dot.map { $0 / 16 }], explainedVarianceRatio: [0.5, 0.3])
        let model = try SoftmaxModel(
            labels: ["0", "1"], featureNames: ["PCA_1", "PCA_2"],
            standardization: Standardization(mean: [0, 0], scale: [1, 1]), weights: [[0.1, -1], [-0.1, 1]], intercepts: [0, 0])
        let pool = [DemoImage(id: 0, label: "0", pixels: [Double](repeating: 4, count: 16)), DemoImage(id: 1, label: "1", pixels: dot)]
        return DemoTraffic(scenario: scenario, pool: pool, pca: pca, model: model, rate: 5, duration: 60, seed: seed)
    }

    @Test func rotationKeepsTheImageAtZeroAndTurnsItAtNinety() {
        #expect(ImageTransform.rotate(Self.dot, degrees: 0) == Self.dot)
        let turned = ImageTransform.rotate(Self.dot, degrees: 90)
        #expect(abs(turned.reduce(0, +) - 16) < 1e-9)
        #expect(turned != Self.dot)
        #expect(ImageTransform.rotate(turned, degrees: -90).enumerated().allSatisfy { abs($0.element - Self.dot[$0.offset]) < 1e-9 })
    }

    @Test func noiseAndThickeningStayOnTheScale() {
        var random = DemoRandom(seed: 1)
        let noisy = ImageTransform.addNoise(Self.dot, sigma: 5, random: &random)
        #expect(noisy.allSatisfy { (0...16).contains($0) })
        let heavy = ImageTransform.thicken(Self.dot, strength: 0.85)
        #expect(heavy.filter { $0 > 0 }.count == 5)
        #expect(heavy.allSatisfy { (0...16).contains($0) })
    }

    @Test func scenariosChangeWhatTheyPromise() {
        #expect(DemoScenario.none.conditions(at: 0.5) == DemoConditions())
        #expect(DemoScenario.gradual.conditions(at: 1).rotationDegrees == 35)
        #expect(DemoScenario.gradual.conditions(at: 1).noiseSigma == 2)
        let seasonal = (0...100).map { DemoScenario.seasonal.conditions(at: Double($0) / 100).heavyShare }
        #expect(seasonal[0] == 0 && seasonal[50] == 0 && seasonal[100] == 0)
        #expect(seasonal[27] > 0.8 && seasonal[72] > 0.8)
        #expect(DemoScenario.incident.conditions(at: 0.51).serverErrorRate > 0.3)
        #expect(DemoScenario.incident.conditions(at: 0.2) == DemoConditions())
    }

    @Test func theSameSeedGivesTheSameEventsAndAnotherSeedOthers() throws {
        let first = try Self.traffic(.gradual).events()
        #expect(first == (try Self.traffic(.gradual).events()))
        #expect(first != (try Self.traffic(.gradual, seed: 4).events()))
        #expect(first.map(\.time) == first.map(\.time).sorted())
        #expect((400...620).contains(first.count), "about 300 requests and 70% of them with feedback")
    }

    @Test func everyLineParsesAndFeedbackJoinsItsRequest() throws {
        let events = try Self.traffic(.incident).events()
        let text = events.map(\.log).joined()
        #expect(text.hasSuffix("\n"))
        let chunk = Array(text.utf8).withUnsafeBufferPointer { LogChunkParser(file: "predictions.jsonl").parse($0) }
        #expect(chunk.rejections.count == 0)
        #expect(chunk.requests.count + chunk.feedback.count == events.count)
        let ids = Set(chunk.requests.compactMap(\.id))
        #expect(chunk.feedback.allSatisfy { ids.contains($0.id) })
        let rows = events.compactMap(\.production)
        #expect(rows.count == chunk.feedback.count)
        #expect(rows.allSatisfy { $0.split(separator: ",").count == 2 + 2 + 4 + 2 })
        #expect(chunk.requests.contains { $0.status == 503 })
    }
}
