import ModelTopMonitor

/// The evaluating side: the engine and the time the data last moved, owned by one thread (the
/// live updater's, or `watch --headless`'s loop), judged about once a second even when nothing
/// was read, so `for` durations and staleness advance on their own.
package struct AlertWatch: Sendable {
    package private(set) var engine: AlertEngine
    package let dispatcher: AlertDispatcher
    /// Wall-clock seconds when a row or request was last read (the start counts as one).
    private var lastNewData: Double
    private var facts = AlertFacts()

    package init(rules: AlertRules, source: String, dispatcher: AlertDispatcher, now: Double) {
        engine = AlertEngine(rules: rules, source: source)
        self.dispatcher = dispatcher
        lastNewData = now
    }

    /// New figures (after a snapshot was built).
    package mutating func update(_ facts: AlertFacts) { self.facts = facts }

    /// Something new was read at `now`.
    package mutating func dataArrived(now: Double) { lastNewData = now }

    /// Judges the rules at `now` and sends what started or ended.
    package mutating func evaluate(now: Double) {
        var facts = self.facts
        facts.set(.staleSeconds, max(0, now - lastNewData), "production and logs")
        let events = engine.evaluate(facts, now: now)
        dispatcher.publish(events, engine: engine)
    }
}
