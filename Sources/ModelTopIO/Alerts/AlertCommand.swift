import Glibc
import ModelTopSystem
import ModelTopBase
import ModelTopMonitor

/// `--on-alert CMD`: runs the user's command for one alert through `/bin/sh -c`, with the alert
/// in `MODELTOP_ALERT_*` variables and as one JSON object on standard input. Nothing read from
/// the data files is ever put in the command line itself. The command gets `timeout` seconds;
/// then its process group is sent SIGTERM, and SIGKILL a grace period later.
package struct AlertCommand: Sendable {
    package var command: String
    package var timeout: Double
    /// Output lines kept per run (the last ones), each cut at `SafeText`'s width.
    package static let keptLines = 20

    package init(command: String, timeout: Double = 10) {
        self.command = command
        self.timeout = timeout
    }

    /// Runs the command to its end (or its timeout) on the calling thread.
    package func run(_ event: AlertEvent, clock: any AppClock = SystemClock()) -> AlertBoard.Delivery {
        var delivery = AlertBoard.Delivery(target: "command", attempts: 1)
        let start = clock.monotonic()
        let child: ChildProcess
        do {
            child = try ChildProcess.start(
                path: "/bin/sh", arguments: ["-c", command], environment: event.environment,
                input: Array((event.json + "\n").utf8), now: start, keepLines: Self.keptLines)
        } catch {
            delivery.outcome = .failed("cannot start /bin/sh: \(error)")
            return delivery
        }
        var timedOut = false
        while child.isRunning {
            let now = clock.monotonic()
            if !timedOut, now - start >= timeout {
                timedOut = true
                child.cancel(now: now)
            }
            if !child.pump(now: now) { usleep(20_000) }
        }
        delivery.output = child.output.lines.suffix(Self.keptLines).map { SafeText.inline($0, maxScalars: 200) }
        let took = DurationText.text((clock.monotonic() - start).rounded())
        switch child.ending {
        case .exited(0)?:
            delivery.outcome = .delivered("exit 0 in \(took)")
        case let ending?:
            delivery.outcome = .failed(timedOut ? "timed out after \(DurationText.text(timeout)) (\(ending))" : "\(ending) after \(took)")
        case nil:
            delivery.outcome = .failed("did not end")
        }
        return delivery
    }
}
