import Testing
@testable import ModelTopBase
@testable import ModelTopStatistics
@testable import ModelTopLogs
@testable import ModelTopMonitor

/// Alert rules as Prometheus evaluates them: pending for `for`, one event when they fire, one
/// when they resolve, nothing in between; driven by synthetic facts and a test clock.
@Suite struct AlertEngineTests {
    static let errors = AlertRule(name: "server_errors", metric: .serverErrorRate, .above, 0.05, severity: .critical, holdSeconds: 30, minSamples: 50)

    static func facts(errorRate: Double?, requests: Int = 200) -> AlertFacts {
        var facts = AlertFacts()
        if let errorRate { facts.set(.serverErrorRate, errorRate, "the last \(requests) requests", samples: requests) }
        return facts
    }

    /// Evaluates once a second from `start` with `rate(t)`; returns the events with their times.
    static func run(_ engine: inout AlertEngine, from start: Int, to end: Int, rate: (Int) -> Double?) -> [AlertEvent] {
        (start...end).flatMap { t in engine.evaluate(facts(errorRate: rate(t)), now: 1_800_000_000 + Double(t)) }
    }

    @Test func firesAfterItsForThenResolvesOnceWithoutRepeats() {
        var engine = AlertEngine(rules: AlertRules(rules: [Self.errors]), source: "api")
        // Bad from t=10 to t=99, good after: pending 10…39, fires at 40, resolves at 100.
        let events = Self.run(&engine, from: 0, to: 200) { t in (10..<100).contains(t) ? 0.2 : 0.01 }
        #expect(events.map(\.status) == [.firing, .resolved])
        #expect(events[0].at == 1_800_000_040 && events[0].since == 1_800_000_010)
        #expect(events[1].at == 1_800_000_100 && events[1].since == 1_800_000_040)
        #expect(events[0].value == 0.2 && events[1].value == 0.01)
        #expect(events[0].summary == "critical: 5xx rate 20.0%, above 5.0%, over the last 200 requests [server_errors]")
        #expect(events[1].summary == "resolved: 5xx rate 1.0%, no longer above 5.0%, over the last 200 requests after 1m [server_errors]")
        #expect(engine.active.isEmpty)
    }

    @Test func aBlipShorterThanForNeverFires() {
        var engine = AlertEngine(rules: AlertRules(rules: [Self.errors]), source: "api")
        let events = Self.run(&engine, from: 0, to: 120) { t in (t % 40) < 20 ? 0.5 : 0 }
        #expect(events.isEmpty)
        #expect(engine.pending.isEmpty || engine.pending.map(\.rule) == ["server_errors"])
    }

    @Test func whileFiringTheScreenSeesTheNewestFigureButNothingIsSent() {
        var engine = AlertEngine(rules: AlertRules(rules: [Self.errors]), source: "api")
        var events = Self.run(&engine, from: 0, to: 30) { _ in 0.1 }
        #expect(events.count == 1)
        events = Self.run(&engine, from: 31, to: 60) { t in 0.1 + Double(t) / 1000 }
        #expect(events.isEmpty)
        #expect(engine.active.count == 1 && engine.active[0].value == 0.16)
    }

    @Test func tooFewSamplesOrAMissingFigureDoNotFire() {
        var engine = AlertEngine(rules: AlertRules(rules: [Self.errors]), source: "api")
        for t in 0...100 { #expect(engine.evaluate(Self.facts(errorRate: 1, requests: 20), now: Double(t)).isEmpty) }
        for t in 101...200 { #expect(engine.evaluate(Self.facts(errorRate: nil), now: Double(t)).isEmpty) }
    }

    @Test func aFiringAlertWhoseFigureGoesAwayResolves() {
        var engine = AlertEngine(rules: AlertRules(rules: [Self.errors]), source: "api")
        _ = Self.run(&engine, from: 0, to: 40) { _ in 0.3 }
        let events = engine.evaluate(Self.facts(errorRate: nil), now: 1_800_000_041)
        #expect(events.map(\.status) == [.resolved] && events[0].value == nil && events[0].window == "no data")
    }

    @Test func zeroForFiresOnTheFirstEvaluationAndBelowRulesCompareDownwards() {
        let floor = AlertRule(name: "accuracy_low", metric: .accuracy, .below, 0.8, severity: .warning)
        var engine = AlertEngine(rules: AlertRules(rules: [floor]), source: "api")
        var facts = AlertFacts()
        facts.set(.accuracy, 0.79, "100 rows", samples: 100)
        #expect(engine.evaluate(facts, now: 0).map(\.status) == [.firing])
        facts.set(.accuracy, 0.8, "100 rows", samples: 100)
        #expect(engine.evaluate(facts, now: 1).map(\.status) == [.resolved])
    }

    @Test func disabledRulesAreNotJudged() {
        var rule = Self.errors
        rule.enabled = false
        var engine = AlertEngine(rules: AlertRules(rules: [rule]), source: "api")
        #expect(Self.run(&engine, from: 0, to: 100) { _ in 1 }.isEmpty)
    }

    @Test func theEventTravelsAsJSONEnvironmentAndSlackText() {
        var engine = AlertEngine(rules: AlertRules(rules: [Self.errors]), source: "/srv/api")
        let event = Self.run(&engine, from: 0, to: 30) { _ in 0.25 }[0]
        #expect(event.json.hasPrefix("{\"status\": \"firing\",\"rule\": \"server_errors\",\"severity\": \"critical\",\"metric\": \"server_error_rate\",\"value\": 0.25,"))
        #expect(event.json.contains("\"since\": \"2027-01-15T08:00:00Z\",\"time\": \"2027-01-15T08:00:30Z\",\"source\": \"/srv/api\""))
        #expect(event.environment["MODELTOP_ALERT_STATUS"] == "firing" && event.environment["MODELTOP_ALERT_VALUE"] == "0.25")
        #expect(event.environment["MODELTOP_ALERT_RULE"] == "server_errors" && event.environment["MODELTOP_ALERT_SEVERITY"] == "critical")
        #expect(event.slackJSON.hasPrefix("{\"text\": \"🔴 modeltop /srv/api: critical: 5xx rate 25.0%"))
    }

    @Test func theReportsFactsJudgeDriftAndQualityAsTheVerdictDoes() throws {
        let report = try ReportGoldenTests.report("digits/prod_data.csv")
        let facts = AlertFacts.observe(report: report)
        #expect(facts[.datasetDrift]?.value == (report.drift.datasetDrift ? 1 : 0))
        #expect(facts[.driftedShare]?.value == report.drift.share)
        #expect(facts[.accuracy]?.value == report.quality?.accuracy)
        #expect(facts[.staleSeconds] == nil && facts[.serverErrorRate] == nil)
        let holding = AlertEngine.holding(AlertRules(), facts, source: "x", now: 0)
        #expect(holding.contains { $0.rule.name == "data_drift" } == report.drift.datasetDrift)
        #expect(holding.allSatisfy { $0.status == .firing })
        // Waiting for production: no drift or quality figure at all.
        #expect(AlertFacts.observe(report: report, waiting: true)[.datasetDrift] == nil)
    }

    @Test func recentRequestsCoverTheNewestOnly() {
        var table = RequestTable()
        for k in 0..<300 { table.appendForTest(status: k >= 250 ? 503 : 200, latency: Double(k)) }
        let recent = RecentRequests.compute(table, count: 100, lowConfidence: 0.9)
        #expect(recent?.requests == 100 && recent?.serverErrorRate == 0.5)
        #expect(recent?.latencyP99 == LatencySummary.percentile(sorted: (200..<300).map(Double.init), 99))
        #expect(RecentRequests.compute(RequestTable(), count: 100, lowConfidence: 0.9) == nil)
    }

    @Test func durationsPrintInTheFlagsGrammar() {
        #expect(DurationText.text(90) == "90s" && DurationText.text(600) == "10m" && DurationText.text(5400) == "90m" && DurationText.text(9000) == "2.5h")
        #expect(DurationText.text(60) == "1m" && DurationText.text(0) == "0s" && DurationText.text(0.25) == "250ms")
        for seconds in [1.0, 45, 60, 150, 3600, 86_400, 172_800] { #expect(DurationText.seconds(DurationText.text(seconds)) == seconds) }
    }
}

extension RequestTable {
    /// One request with a status and a latency, a prediction and a confidence of 0.95.
    mutating func appendForTest(status: Int32, latency: Double) {
        ts.append(Double(count))
        latencyMs.append(latency)
        self.status.append(status)
        prediction.append(status >= 500 ? -1 : 0)
        target.append(-1)
        confidenceField.append(0.95)
        probabilityStart.append(probabilities.count)
        embeddingStart.append(embeddings.count)
        idNumbers.append(-1)
    }
}
