import Testing
import ModelTopTraining

/// The automatic retrain rules: off by default, rising edges only, a cooldown between runs,
/// and edges kept pending while a run is busy or cooling down.
@Suite struct RetrainTriggerTests {
    static func seen(rows: Int = 0, drift: Bool = false, f1: Double? = 0.9) -> RetrainTriggers.Observation {
        RetrainTriggers.Observation(feedbackRows: rows, datasetDrift: drift, driftedDimensions: drift ? 9 : 0, dimensions: 16, macroF1: f1)
    }

    @Test func offByDefault() {
        let rules = RetrainTriggers()
        var memory = RetrainTriggers.Memory()
        #expect(!rules.isEnabled)
        #expect(rules.evaluate(Self.seen(rows: 5000, drift: true, f1: 0.1), memory: &memory, now: 0, busy: false) == nil)
    }

    @Test func everyKFiresWhenTheFeedbackCountCrossesAMultiple() {
        let rules = RetrainTriggers(every: 500, cooldown: 0)
        var memory = RetrainTriggers.Memory()
        // The first snapshot only sets the baseline, however many rows it has.
        #expect(rules.evaluate(Self.seen(rows: 899), memory: &memory, now: 0, busy: false) == nil)
        #expect(rules.evaluate(Self.seen(rows: 999), memory: &memory, now: 1, busy: false) == nil)
        let fired = rules.evaluate(Self.seen(rows: 1001), memory: &memory, now: 2, busy: false)
        #expect(fired?.trigger == "auto-every-500")
        #expect(fired?.reason == "1001 production rows with feedback (every 500)")
        #expect(rules.evaluate(Self.seen(rows: 1400), memory: &memory, now: 3, busy: false) == nil)
        // Jumping over two multiples fires once.
        #expect(rules.evaluate(Self.seen(rows: 2600), memory: &memory, now: 4, busy: false) != nil)
        // A rewritten, shorter file restarts the count without firing.
        #expect(rules.evaluate(Self.seen(rows: 10), memory: &memory, now: 5, busy: false) == nil)
        #expect(rules.evaluate(Self.seen(rows: 501), memory: &memory, now: 6, busy: false) != nil)
    }

    @Test func driftFiresOnItsRisingEdgeOnly() {
        let rules = RetrainTriggers(onDrift: true, cooldown: 0)
        var memory = RetrainTriggers.Memory()
        let first = rules.evaluate(Self.seen(drift: true), memory: &memory, now: 0, busy: false)
        #expect(first == RetrainTriggers.Firing(trigger: "auto-drift", reason: "dataset drift (9/16 dimensions drifted)"))
        // Drift that persists (a retrain never changes the reference) does not retrain in a loop.
        for t in 1...5 { #expect(rules.evaluate(Self.seen(drift: true), memory: &memory, now: Double(t), busy: false) == nil) }
        #expect(rules.evaluate(Self.seen(drift: false), memory: &memory, now: 6, busy: false) == nil)
        #expect(rules.evaluate(Self.seen(drift: true), memory: &memory, now: 7, busy: false) != nil)
    }

    @Test func f1FloorFiresWhenQualityFallsUnderIt() {
        let rules = RetrainTriggers(belowF1: 0.85, cooldown: 0)
        var memory = RetrainTriggers.Memory()
        #expect(rules.evaluate(Self.seen(f1: 0.9), memory: &memory, now: 0, busy: false) == nil)
        #expect(rules.evaluate(Self.seen(f1: nil), memory: &memory, now: 1, busy: false) == nil, "no labels, no verdict")
        let fired = rules.evaluate(Self.seen(f1: 0.8123), memory: &memory, now: 2, busy: false)
        #expect(fired?.trigger == "auto-f1-below-0.85")
        #expect(fired?.reason == "macro F1 0.8123 is under 0.85")
        #expect(rules.evaluate(Self.seen(f1: 0.7), memory: &memory, now: 3, busy: false) == nil)
    }

    @Test func cooldownHoldsAnEdgeUntilItPasses() {
        let rules = RetrainTriggers(every: 100, onDrift: true, cooldown: 600)
        var memory = RetrainTriggers.Memory()
        #expect(rules.evaluate(Self.seen(rows: 50, drift: true), memory: &memory, now: 1000, busy: false)?.trigger == "auto-drift")
        // Another edge 10 s later waits for the cooldown…
        #expect(rules.evaluate(Self.seen(rows: 150, drift: true), memory: &memory, now: 1010, busy: false) == nil)
        #expect(rules.evaluate(Self.seen(rows: 160, drift: true), memory: &memory, now: 1599, busy: false) == nil)
        // …and fires once it has passed, without a new edge.
        #expect(rules.evaluate(Self.seen(rows: 170, drift: true), memory: &memory, now: 1600, busy: false)?.trigger == "auto-every-100")
        #expect(rules.evaluate(Self.seen(rows: 180, drift: true), memory: &memory, now: 2400, busy: false) == nil)
    }

    @Test func aBusyRunKeepsTheEdgePendingAndDriftWinsOverOthers() {
        let rules = RetrainTriggers(every: 100, onDrift: true, belowF1: 0.85, cooldown: 0)
        var memory = RetrainTriggers.Memory()
        #expect(rules.evaluate(Self.seen(rows: 50), memory: &memory, now: 0, busy: false) == nil)
        #expect(rules.evaluate(Self.seen(rows: 150, drift: true, f1: 0.5), memory: &memory, now: 1, busy: true) == nil)
        #expect(memory.pending.count == 3)
        #expect(rules.evaluate(Self.seen(rows: 160, drift: true, f1: 0.5), memory: &memory, now: 2, busy: false)?.trigger == "auto-drift")
        #expect(memory.pending.isEmpty, "one run answers every pending edge")
    }
}
