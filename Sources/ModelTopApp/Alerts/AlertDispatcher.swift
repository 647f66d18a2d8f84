import Dispatch
import Synchronization
import ModelTopSystem
import ModelTopBase
import ModelTopMonitor
import ModelTopIO

/// Sends alert events to `--on-alert` and `--webhook` off the caller's thread and keeps the
/// board the Alerts screen draws. Each target has its own serial queue: a webhook that never
/// answers delays only later webhook posts, never a command, a frame or a snapshot.
package final class AlertDispatcher: Sendable {
    private let command: AlertCommand?
    private let webhook: AlertWebhook?
    private let board = Mutex(AlertBoard())
    private let commandQueue = DispatchQueue(label: "modeltop-alert-command")
    private let webhookQueue = DispatchQueue(label: "modeltop-alert-webhook")
    private let inFlight = DispatchGroup()
    /// Hears each delivery's end ("alert sent…", "alert delivery failed…"): stderr in `watch --headless`.
    private let report: @Sendable (String) -> Void

    package init(command: AlertCommand?, webhook: AlertWebhook?, report: @escaping @Sendable (String) -> Void = { _ in }) {
        self.command = command
        self.webhook = webhook
        self.report = report
    }

    private var targets: [String] { (command == nil ? [] : ["command"]) + (webhook == nil ? [] : ["webhook"]) }

    /// Records the engine's state and sends each new event to every target.
    package func publish(_ events: [AlertEvent], engine: AlertEngine) {
        let ids = board.withLock { board in
            board.active = engine.active
            board.pending = engine.pending.map(\.rule)
            board.ruleCount = engine.rules.enabled.count
            return events.map { board.record($0, targets: targets) }
        }
        for (id, event) in zip(ids, events) { send(event, id: id) }
    }

    private func send(_ event: AlertEvent, id: Int) {
        if let command {
            inFlight.enter()
            commandQueue.async { [self] in
                finish(id, event, command.run(event))
            }
        }
        if let webhook {
            inFlight.enter()
            webhookQueue.async { [self] in
                let delivery = webhook.deliver(event) { [self] attempt in board.withLock { $0.update(id: id, delivery: attempt) } }
                finish(id, event, delivery)
            }
        }
    }

    private func finish(_ id: Int, _ event: AlertEvent, _ delivery: AlertBoard.Delivery) {
        board.withLock { $0.update(id: id, delivery: delivery) }
        // A rule's name comes from a config file: made safe before it reaches a terminal.
        let rule = SafeText.inline(event.rule.name, maxScalars: 80)
        switch delivery.outcome {
        case .delivered(let how): report("alert \(event.status.rawValue) \(rule) sent to \(delivery.target): \(how)")
        case .failed(let why):
            report("alert \(event.status.rawValue) \(rule) not delivered to \(delivery.target) after \(delivery.attempts) attempt(s): \(why)")
        case .pending: break
        }
        inFlight.leave()
    }

    /// The board as it is now (copied under the lock).
    package var snapshot: AlertBoard { board.withLock { $0 } }

    /// Waits up to `timeout` seconds for the deliveries under way (at exit); true when all ended.
    @discardableResult
    package func waitForDeliveries(timeout: Double) -> Bool {
        inFlight.wait(timeout: .now() + timeout) == .success
    }
}
