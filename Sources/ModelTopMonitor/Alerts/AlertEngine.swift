/// Turns a stream of `AlertFacts` into alert events, as Prometheus evaluates its rules: a
/// condition that starts holding is pending; once it has held for the rule's `for` it fires
/// (one event); when it stops holding it resolves (one event). Nothing repeats in between.
///
/// Pure: the caller passes the time (seconds since the epoch) with every evaluation, so tests
/// drive it with a test clock and the live modes with the wall clock.
package struct AlertEngine: Sendable {
    package let rules: AlertRules
    /// Where the events say they come from.
    package let source: String
    private var states: [String: RuleState] = [:]

    private enum RuleState: Sendable {
        case pending(since: Double)
        case firing(since: Double, event: AlertEvent)
    }

    package init(rules: AlertRules, source: String) {
        self.rules = rules
        self.source = source
    }

    /// The alerts firing now, worst first, with their latest figures.
    package private(set) var active: [AlertEvent] = []

    /// Judges every enabled rule on `facts` at `now`; returns the alerts that started or ended.
    package mutating func evaluate(_ facts: AlertFacts, now: Double) -> [AlertEvent] {
        var events: [AlertEvent] = []
        var firing: [AlertEvent] = []
        for rule in rules.enabled {
            let figure = facts[rule.metric]
            let holds = figure.map { rule.holds(for: $0) } ?? false
            func event(_ status: AlertEvent.Status, since: Double) -> AlertEvent {
                AlertEvent(
                    status: status, rule: rule, value: figure?.value, window: figure?.window ?? "no data",
                    detail: facts.details[rule.metric], since: since, at: now, source: source)
            }
            func fire(startedAt start: Double) {
                let fired = event(.firing, since: start)
                events.append(fired)
                states[rule.name] = .firing(since: now, event: fired)
                firing.append(fired)
            }
            switch states[rule.name] {
            case nil:
                guard holds else { break }
                states[rule.name] = .pending(since: now)
                if rule.holdSeconds <= 0 { fire(startedAt: now) }
            case .pending(let since)?:
                if !holds {
                    states[rule.name] = nil
                } else if now - since >= rule.holdSeconds {
                    fire(startedAt: since)
                }
            case .firing(let since, var latest)?:
                if holds {
                    // Still firing: the screen shows the newest figure; nothing is sent.
                    latest.value = figure?.value
                    latest.window = figure?.window ?? latest.window
                    latest.detail = facts.details[rule.metric]
                    states[rule.name] = .firing(since: since, event: latest)
                    firing.append(latest)
                } else {
                    events.append(event(.resolved, since: since))
                    states[rule.name] = nil
                }
            }
        }
        active = firing.sorted { ($0.rule.severity, $1.since) > ($1.rule.severity, $0.since) }
        return events
    }

    /// The rules that hold on `facts` at one moment, as firing events, worst first: a one-shot
    /// report has no duration, so `for` does not apply.
    package static func holding(_ rules: AlertRules, _ facts: AlertFacts, source: String, now: Double) -> [AlertEvent] {
        var instant = rules
        instant.rules = rules.rules.map { rule in
            var rule = rule
            rule.holdSeconds = 0
            return rule
        }
        var engine = AlertEngine(rules: instant, source: source)
        return engine.evaluate(facts, now: now).sorted { $0.rule.severity > $1.rule.severity }
    }

    /// Rules whose condition holds but whose `for` has not passed yet.
    package var pending: [(rule: String, since: Double)] {
        states.compactMap { name, state in
            if case .pending(let since) = state { return (name, since) }
            return nil
        }.sorted { $0.since < $1.since }
    }
}
