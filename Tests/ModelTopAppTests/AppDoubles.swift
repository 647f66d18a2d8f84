import Foundation
import Glibc
import Synchronization
import ModelTopSystem
import ModelTopStatistics
import ModelTopMonitor
import ModelTopIO
import ModelTopUI
@testable import ModelTopApp

/// A clock the test moves: the scripted terminal advances it by each wait's timeout, so time
/// passes exactly as the loop asks for it and no test sleeps.
final class ManualClock: AppClock, @unchecked Sendable {
    private let time = Mutex<(wall: Double, monotonic: Double)>((1_795_305_600, 1000))
    func now() -> Double { time.withLock { $0.wall } }
    func monotonic() -> Double { time.withLock { $0.monotonic } }
    func advance(by seconds: Double) {
        time.withLock {
            $0.wall += seconds
            $0.monotonic += seconds
        }
    }
}

/// A terminal that plays a script of inputs and keeps every frame it was asked to draw.
final class ScriptedTerminal: TerminalScreen {
    enum Step {
        /// A key, as curses would decode it.
        case key(Key)
        case input(TerminalInput)
        /// Lets time pass (the wait's whole timeout) until the last frame shows `text`.
        case waitFor(String)
        /// Lets time pass until the last frame no longer shows `text`.
        case waitWhile(String)
        /// Runs `body` (push data, end a child) and returns a timeout without moving the clock.
        case run(() -> Void)
    }

    var size: (width: Int, height: Int) = (120, 40)
    private(set) var frames: [Canvas] = []
    private(set) var repaints = 0
    private(set) var waits: [Int] = []
    /// Set when a `waitFor` gave up; the loop then got a SIGTERM.
    private(set) var failure: String?
    private var script: [Step]
    private let clock: ManualClock
    /// How much simulated time a `waitFor` may take before the test fails.
    var patience = 120.0
    /// Simulated time spent on the current `waitFor` step so far.
    private var waited = 0.0

    init(clock: ManualClock, _ script: [Step]) {
        self.clock = clock
        self.script = script
    }

    var screen: String { frames.last?.text ?? "" }

    func draw(_ canvas: Canvas) { frames.append(canvas) }
    func requestFullRepaint() { repaints += 1 }

    func nextInput(timeoutMilliseconds: Int) -> TerminalInput {
        waits.append(timeoutMilliseconds)
        // A loop that wakes without end is a failure, not a hang of the test run.
        guard waits.count < 20_000 else {
            failure = failure ?? "the loop woke 20,000 times; last frame:\n\(screen)"
            script = []
            return .stop(signal: SIGTERM)
        }
        while let step = script.first {
            switch step {
            case .key(let key):
                script.removeFirst()
                return .event(.key(key))
            case .input(let input):
                script.removeFirst()
                return input
            case .run(let body):
                script.removeFirst()
                body()
                return .timedOut
            case .waitFor(let text), .waitWhile(let text):
                var wanted = screen.contains(text)
                if case .waitWhile = step { wanted = !wanted }
                if wanted {
                    script.removeFirst()
                    waited = 0
                    continue
                }
                guard waited < patience else {
                    failure = "waited too long on \"\(text)\"; last frame:\n\(screen)"
                    script = []
                    return .stop(signal: SIGTERM)
                }
                clock.advance(by: Double(max(1, timeoutMilliseconds)) / 1000)
                waited += Double(max(1, timeoutMilliseconds)) / 1000
                return .timedOut
            }
        }
        return .stop(signal: SIGTERM)
    }
}

/// New data pushed by the test, taken by the loop as from the live updater's mailbox.
final class QueueFeed: SnapshotFeed {
    var snapshot: DashboardSnapshot?
    var notices: [String] = []
    func take() -> (snapshot: DashboardSnapshot?, notices: [String]) {
        defer { (snapshot, notices) = (nil, []) }
        return (snapshot, notices)
    }
}

/// A retrain child that prints its lines one pump at a time, then ends as told.
final class ScriptedProcess: RetrainProcess {
    private var pending: [String]
    private let finalStdout: [UInt8]
    private let exitCode: Int32
    private(set) var output = OutputRing()
    private(set) var standardOutput: [UInt8] = []
    private(set) var ending: ChildProcess.Ending?
    let startedAt: Double
    private(set) var endedAt: Double?
    private(set) var cancelledAt: Double?
    private(set) var stoppedNow = false
    /// Until the test lets it end, the child keeps running after its output.
    var mayEnd = true

    init(lines: [String], stdout: String, exitCode: Int32, now: Double) {
        pending = lines
        finalStdout = Array(stdout.utf8)
        self.exitCode = exitCode
        startedAt = now
    }

    var isRunning: Bool { ending == nil }
    var hasMoreOutput: Bool { false }
    func elapsed(now: Double) -> Double { (endedAt ?? now) - startedAt }

    func pump(now: Double, budget: Int) -> Bool {
        guard ending == nil else { return false }
        if cancelledAt != nil {
            ending = .signalled(SIGTERM)
            endedAt = now
            return true
        }
        if !pending.isEmpty {
            output.append(pending.removeFirst())
            return true
        }
        guard mayEnd else { return false }
        standardOutput = finalStdout
        for line in String(decoding: finalStdout, as: UTF8.self).split(separator: "\n") { output.append(String(line)) }
        ending = .exited(exitCode)
        endedAt = now
        return true
    }

    func cancel(now: Double) { cancelledAt = now }
    func stopNow() { stoppedNow = true }
}

/// Hands out scripted children and remembers what it was asked to run.
final class ScriptedLauncher: ProcessLauncher {
    private(set) var started: [RetrainSetup.Invocation] = []
    private(set) var children: [ScriptedProcess] = []
    var make: (RetrainSetup.Invocation, Double) -> ScriptedProcess

    init(make: @escaping (RetrainSetup.Invocation, Double) -> ScriptedProcess) { self.make = make }

    func start(_ invocation: RetrainSetup.Invocation, now: Double) throws(ChildProcessError) -> any RetrainProcess {
        started.append(invocation)
        let child = make(invocation, now)
        children.append(child)
        return child
    }
}

/// The digits fixtures as snapshots, as the UI tests build them.
enum AppFixtures {
    static var directory: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("fixtures/digits", isDirectory: true)
    }

    static func snapshot(production: String = "prod_data.csv", at time: Double = 1_795_305_600) throws -> DashboardSnapshot {
        let reference = try DataFiles.loadTable(path: directory.appendingPathComponent("ref_data.csv").path, name: "ref_data.csv")
        let monitor = try DataFiles.loadMonitor(
            reference: ReferenceProfile(table: reference), productionPath: directory.appendingPathComponent(production).path, name: production)
        return DashboardSnapshot.build(monitor: monitor, options: DriftOptions(), generatedAt: time)
    }

    /// A fresh, empty directory for artifacts.
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "modeltop-app-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
