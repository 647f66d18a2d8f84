/// What the Alerts screen shows: the alerts firing now and the history of starts and ends,
/// each with what happened to its deliveries (command, webhook).
package struct AlertBoard: Sendable, Equatable {
    /// One attempt to tell someone, as it went.
    package struct Delivery: Sendable, Equatable {
        package enum Outcome: Sendable, Equatable {
            case pending
            case delivered(String)
            case failed(String)
        }

        /// "command" or "webhook".
        package var target: String
        package var outcome: Outcome
        package var attempts: Int
        /// The command's output or the server's answer, cut short and made safe.
        package var output: [String]

        package init(target: String, outcome: Outcome = .pending, attempts: Int = 0, output: [String] = []) {
            self.target = target
            self.outcome = outcome
            self.attempts = attempts
            self.output = output
        }
    }

    package struct Record: Sendable, Equatable {
        /// Increasing from 1, so deliveries find their record after older ones were dropped.
        package var id: Int
        package var event: AlertEvent
        package var deliveries: [Delivery]
    }

    package var active: [AlertEvent] = []
    /// Newest last; at most `historyLimit`.
    package private(set) var history: [Record] = []
    /// The rules in force, for the screen's "quiet" line and the pending ones.
    package var ruleCount = 0
    package var pending: [String] = []
    private var nextID = 1

    package static let historyLimit = 200

    package init() {}

    /// Adds an event with a pending delivery per target; returns its id.
    @discardableResult
    package mutating func record(_ event: AlertEvent, targets: [String]) -> Int {
        let id = nextID
        nextID += 1
        history.append(Record(id: id, event: event, deliveries: targets.map { Delivery(target: $0) }))
        if history.count > Self.historyLimit { history.removeFirst(history.count - Self.historyLimit) }
        return id
    }

    /// Sets what happened to one delivery of record `id` (ignored when the record was dropped).
    package mutating func update(id: Int, delivery: Delivery) {
        guard let r = history.firstIndex(where: { $0.id == id }),
            let d = history[r].deliveries.firstIndex(where: { $0.target == delivery.target })
        else { return }
        history[r].deliveries[d] = delivery
    }

    /// Failed deliveries so far, for the header and the Overview.
    package var failedDeliveries: Int {
        history.reduce(0) { $0 + $1.deliveries.filter { if case .failed = $0.outcome { true } else { false } }.count }
    }
}
