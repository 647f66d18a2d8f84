import Glibc
import ModelTopSystem

/// A program the dashboard runs (the built-in retrain, a user's hook, a rollback) and follows
/// without blocking: its output lines, its exit status and how long it ran.
///
/// Owned and pumped by one thread (the UI loop calls `pump` on every wake-up), so it needs no
/// locks: reads are non-blocking and take at most a budget of bytes per call, so a child that
/// floods its output costs the UI a bounded slice of each frame, and the child simply waits on
/// the full pipe meanwhile. Memory stays bounded: the last `OutputRing` lines, each at most
/// `LineAssembler.maxLineBytes`, plus the first `maxStandardOutput` bytes of stdout (where the
/// built-in retrain prints its JSON result).
package final class ChildProcess {
    package enum Ending: Sendable, Equatable, CustomStringConvertible {
        case exited(Int32)
        case signalled(Int32)

        package var description: String {
            switch self {
            case .exited(let code): return "exit \(code)"
            case .signalled(let signal): return "signal \(signal)"
            }
        }
    }

    /// Seconds between SIGTERM and SIGKILL when cancelling.
    package static let cancelGrace = 3.0
    package static let maxStandardOutput = 256 * 1024

    package let pid: pid_t
    /// Monotonic seconds, as passed to `start`.
    package let startedAt: Double
    package private(set) var output: OutputRing
    /// The start of stdout, kept whole (up to `maxStandardOutput`) for results printed there.
    package private(set) var standardOutput: [UInt8] = []
    package private(set) var ending: Ending?
    package private(set) var endedAt: Double?
    /// When `cancel` was first called.
    package private(set) var cancelledAt: Double?
    /// True when the last `pump` stopped at its budget with output still waiting.
    package private(set) var hasMoreOutput = false

    private var streams: [(fd: Int32, lines: LineAssembler, isStdout: Bool)]
    private var killed = false

    private init(pid: pid_t, stdout: Int32, stderr: Int32, startedAt: Double, lines: Int) {
        self.pid = pid
        self.startedAt = startedAt
        self.output = OutputRing(capacity: lines)
        self.streams = [(stdout, LineAssembler(), true), (stderr, LineAssembler(), false)]
    }

    deinit {
        if ending == nil { stopNow() }
        for stream in streams where stream.fd >= 0 { close(stream.fd) }
    }

    /// Starts `path` with `arguments` and this process's environment plus `environment`; with
    /// `input`, those bytes are its standard input (else /dev/null).
    package static func start(
        path: String, arguments: [String], environment: [String: String] = [:], input: [UInt8]? = nil, now: Double,
        keepLines: Int = 500
    ) throws(ChildProcessError) -> ChildProcess {
        let started = try PosixSpawn.start(
            path: path, arguments: arguments, environment: PosixSpawn.environment(overriding: environment), input: input)
        return ChildProcess(pid: started.pid, stdout: started.stdout, stderr: started.stderr, startedAt: now, lines: keepLines)
    }

    package var isRunning: Bool { ending == nil }

    /// Seconds the child has run (until now, or until it ended).
    package func elapsed(now: Double) -> Double { (endedAt ?? now) - startedAt }

    /// Reads the output available now (at most `budget` bytes), reaps the child when it has
    /// ended, and escalates a cancel to SIGKILL after the grace period. True when anything changed.
    @discardableResult
    package func pump(now: Double, budget: Int = 1 << 20) -> Bool {
        guard ending == nil else { return false }
        var changed = readAvailable(budget: budget)
        if let cancelledAt, !killed, now - cancelledAt >= Self.cancelGrace {
            _ = kill(-pid, SIGKILL)
            killed = true
        }
        var status: Int32 = 0
        let reaped = waitpid(pid, &status, WNOHANG)
        if reaped == pid {
            // What the child wrote before it ended is still in the pipes: take it (bounded), then
            // stop listening, even if a grandchild keeps a pipe open.
            _ = readAvailable(budget: 8 << 20)
            closeStreams()
            ending = (status & 0x7F) == 0 ? .exited((status >> 8) & 0xFF) : .signalled(status & 0x7F)
            endedAt = now
            // A cancelled hook's leftovers (a backgrounded grandchild) go with it.
            if cancelledAt != nil { _ = kill(-pid, SIGKILL) }
            changed = true
        } else if reaped < 0, errno == ECHILD {
            closeStreams()
            ending = .exited(-1)
            endedAt = now
            changed = true
        }
        return changed
    }

    /// Asks the child's process group to stop (SIGTERM); `pump` sends SIGKILL after `cancelGrace`.
    package func cancel(now: Double) {
        guard ending == nil, cancelledAt == nil else { return }
        cancelledAt = now
        _ = kill(-pid, SIGTERM)
    }

    /// Ends the child now, for when the dashboard itself exits: SIGTERM to the group, up to a
    /// second to go, then SIGKILL; always reaps, so no zombie outlives the dashboard.
    package func stopNow() {
        guard ending == nil else { return }
        _ = kill(-pid, SIGTERM)
        var status: Int32 = 0
        for _ in 0..<100 {
            if waitpid(pid, &status, WNOHANG) == pid {
                ending = .signalled(SIGTERM)
                closeStreams()
                return
            }
            usleep(10_000)
        }
        _ = kill(-pid, SIGKILL)
        Interrupted.retry { waitpid(pid, &status, 0) }
        ending = .signalled(SIGKILL)
        closeStreams()
    }

    /// Reads from both pipes until they would block, reach end of file, or `budget` bytes.
    private func readAvailable(budget: Int) -> Bool {
        var left = budget
        var changed = false
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        hasMoreOutput = false
        for k in streams.indices {
            while streams[k].fd >= 0 {
                guard left > 0 else {
                    hasMoreOutput = true
                    break
                }
                let got = Interrupted.retry { chunk.withUnsafeMutableBytes { read(streams[k].fd, $0.baseAddress, min($0.count, left)) } }
                if got <= 0 {
                    if got == 0 || (errno != EAGAIN && errno != EWOULDBLOCK) { closeStream(k) }
                    break
                }
                left -= got
                changed = true
                if streams[k].isStdout, standardOutput.count < Self.maxStandardOutput {
                    standardOutput += chunk[0..<min(got, Self.maxStandardOutput - standardOutput.count)]
                }
                chunk.withUnsafeBytes { raw in
                    streams[k].lines.feed(UnsafeRawBufferPointer(rebasing: raw[0..<got])) { output.append($0) }
                }
            }
        }
        return changed
    }

    private func closeStreams() {
        for k in streams.indices { closeStream(k) }
    }

    private func closeStream(_ k: Int) {
        guard streams[k].fd >= 0 else { return }
        close(streams[k].fd)
        streams[k].fd = -1
        streams[k].lines.finish { output.append($0) }
    }
}
