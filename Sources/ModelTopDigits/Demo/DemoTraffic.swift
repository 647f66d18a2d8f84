import ModelTopTraining

/// The whole run of simulated traffic, computed up front: requests and their later feedback.
///
/// Pure: the same inputs and seed give the same events, byte for byte, whatever the playback
/// speed. The player only decides when each event reaches the disk.
package struct DemoTraffic: Sendable {
    package var scenario: DemoScenario
    package var pool: [DemoImage]
    package var pca: DigitPCA
    package var model: SoftmaxModel
    /// Requests per simulated second (a Poisson stream).
    package var rate: Double
    /// Simulated seconds of requests; feedback may land a little after.
    package var duration: Double
    package var seed: UInt64
    /// Unix seconds of the first moment, fixed so the same seed writes the same bytes.
    package var startTime: Double = 1_795_000_000
    /// The share of successful requests whose true class is reported back.
    package var feedbackShare = 0.7

    package init(scenario: DemoScenario, pool: [DemoImage], pca: DigitPCA, model: SoftmaxModel, rate: Double, duration: Double, seed: UInt64) {
        self.scenario = scenario
        self.pool = pool
        self.pca = pca
        self.model = model
        self.rate = rate
        self.duration = duration
        self.seed = seed
    }

    /// Every event in the order it happens (ties in the order they were made).
    package func events() -> [DemoEvent] {
        guard !pool.isEmpty, rate > 0, duration > 0 else { return [] }
        var random = DemoRandom(seed: seed)
        var made: [(event: DemoEvent, order: Int)] = []
        var clock = random.exponential(mean: 1 / rate)
        var count = 0
        while clock < duration {
            count += 1
            let request = serve(number: count, at: clock, random: &random)
            made.append((DemoEvent(time: clock, log: DemoLines.requestLog(request)), made.count))
            if request.status < 500, random.uniform() < feedbackShare {
                let lag = 2 + random.exponential(mean: 8)
                let when = clock + lag
                made.append((DemoEvent(
                    time: when, log: DemoLines.feedbackLog(ts: Self.milliseconds(startTime + when), id: request.id, target: request.target),
                    production: DemoLines.productionRow(request)), made.count))
            }
            clock += random.exponential(mean: 1 / rate)
        }
        made.sort { ($0.event.time, $0.order) < ($1.event.time, $1.order) }
        return made.map(\.event)
    }

    /// One request: an image from the pool, changed as the scenario says, embedded and scored.
    func serve(number: Int, at clock: Double, random: inout DemoRandom) -> DemoLines.Request {
        let conditions = scenario.conditions(at: clock / duration)
        let image = pool[random.index(pool.count)]
        var pixels = image.pixels
        if random.uniform() < conditions.heavyShare { pixels = ImageTransform.thicken(pixels, strength: 0.85) }
        pixels = ImageTransform.rotate(pixels, degrees: conditions.rotationDegrees)
        pixels = ImageTransform.rounded(ImageTransform.addNoise(pixels, sigma: conditions.noiseSigma, random: &random))
        let embedding = pca.project(pixels)
        let probabilities = model.predictProbabilities(embedding)
        let best = SoftmaxModel.argmax(probabilities)
        let failed = random.uniform() < conditions.serverErrorRate
        let latency = random.logNormal(mu: 2.3, sigma: 0.35) * conditions.latencyFactor
        return DemoLines.Request(
            ts: Self.milliseconds(startTime + clock), id: "req-" + Self.padded(number),
            latencyMs: (latency * 1000).rounded() / 1000, prediction: model.labels[best],
            probabilities: probabilities, status: failed ? 503 : 200, embedding: embedding, pixels: pixels,
            target: image.label)
    }

    /// Rounded to the millisecond, so the text is short and every reader sees the same instant.
    static func milliseconds(_ seconds: Double) -> Double { (seconds * 1000).rounded() / 1000 }

    static func padded(_ number: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}
