import ModelTopIO

/// A retrain or rollback child as the runner follows it: its output, its end, a way to stop it.
/// `ChildProcess` (posix_spawn) in the binary; a scripted double in the tests.
package protocol RetrainProcess: AnyObject {
    var isRunning: Bool { get }
    /// True while output arrives faster than one pump takes it.
    var hasMoreOutput: Bool { get }
    var output: OutputRing { get }
    /// Everything written on stdout (bounded), for the JSON result.
    var standardOutput: [UInt8] { get }
    var ending: ChildProcess.Ending? { get }
    var startedAt: Double { get }
    var endedAt: Double? { get }
    var cancelledAt: Double? { get }
    func elapsed(now: Double) -> Double
    /// Reads at most `budget` bytes that are ready and notices the end; true when something changed.
    func pump(now: Double, budget: Int) -> Bool
    /// SIGTERM now, SIGKILL after a grace period.
    func cancel(now: Double)
    /// Kills and reaps it at once (the dashboard is exiting).
    func stopNow()
}

/// Starts retrain children.
package protocol ProcessLauncher {
    func start(_ invocation: RetrainSetup.Invocation, now: Double) throws(ChildProcessError) -> any RetrainProcess
}

extension ChildProcess: RetrainProcess {}

/// The real launcher: `posix_spawn` through `ChildProcess`.
package struct SpawnLauncher: ProcessLauncher {
    package init() {}
    package func start(_ invocation: RetrainSetup.Invocation, now: Double) throws(ChildProcessError) -> any RetrainProcess {
        try ChildProcess.start(path: invocation.path, arguments: invocation.arguments, environment: invocation.environment, now: now)
    }
}
