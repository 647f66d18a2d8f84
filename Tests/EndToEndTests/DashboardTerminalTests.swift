import Foundation
import Testing

/// The dashboard hands the terminal back intact however it ends, and refuses to start where it cannot work.
@Suite struct DashboardTerminalTests {
    static let arguments = ["dashboard", "--ref", "fixtures/digits/ref_data.csv", "--prod", "fixtures/digits/prod_data.csv"]
    /// Bound on loading the fixtures and drawing the first frame (a debug build).
    static let startup = 10.0

    /// SIGTERM, and SIGQUIT handled the same way: Swift's backtracer must not take the screen
    /// and offer a debugger (issue 13).
    @Test(arguments: [(SIGTERM, "exit=143"), (SIGQUIT, "exit=131")])
    func stopSignalsRestoreTheTerminal(signal: Int32, status: String) throws {
        let session = try TmuxSession(arguments: Self.arguments)
        defer { session.close() }
        try session.waitFor("Overview", timeout: Self.startup)
        try session.signal(signal)
        let ending = try session.waitForExit()
        #expect(ending.status == status)
        #expect(ending.sttyBefore == ending.sttyAfter)
        #expect(try !session.screen().contains("Press space"))
    }

    /// A crash (a Swift trap, a segfault) hands the terminal back before anything is printed, the
    /// runtime's message included, and the backtrace that follows is not interactive.
    @Test(arguments: [("trap", "exit=132"), ("segv", "exit=139")])
    func aCrashRestoresTheTerminal(kind: String, status: String) throws {
        let session = try TmuxSession(arguments: Self.arguments, environment: ["MODELTOP_TEST_CRASH": kind])
        defer { session.close() }
        let ending = try session.waitForExit(timeout: 30)
        #expect(ending.status == status)
        #expect(ending.sttyBefore == ending.sttyAfter, "the terminal modes came back")
        // The backtrace scrolls the first lines away: read the scrollback too.
        let pane = try session.waitUntil("the crash note") { _ in
            ((try? session.history()) ?? "").contains("modeltop: crashed; the terminal was restored")
        }
        let history = try session.history()
        #expect(!history.contains("Press space to interact"), "\(pane)")
        if kind == "trap" { #expect(history.contains("Fatal error: deliberate crash"), "the runtime's message survives") }
    }

    @Test func sighupRestoresTheTerminal() throws {
        let session = try TmuxSession(arguments: ["fixtures/digits"])
        defer { session.close() }
        try session.waitFor("Overview", timeout: Self.startup)
        try session.signal(SIGHUP)
        let ending = try session.waitForExit()
        #expect(ending.status == "exit=129")
        #expect(ending.sttyBefore == ending.sttyAfter)
    }

    @Test func ctrlCRestoresTheTerminal() throws {
        let session = try TmuxSession(arguments: Self.arguments)
        defer { session.close() }
        try session.waitFor("Overview", timeout: Self.startup)
        try session.press("C-c")
        let ending = try session.waitForExit()
        #expect(ending.status == "exit=130")
        #expect(ending.sttyBefore == ending.sttyAfter)
    }

    @Test func ctrlZSuspendsWithTheTerminalRestoredAndResumes() throws {
        let session = try TmuxSession(arguments: Self.arguments)
        defer { session.close() }
        try session.waitFor("Overview", timeout: Self.startup)
        try session.press("C-z")
        let whileStopped = try session.waitUntilStopped()
        try #require(try ProcessState.isStopped(session.pid()))
        #expect(whileStopped == session.recorded("before"), "the modes the shell sees while modeltop is stopped")
        #expect(!(try session.screen().contains("Overview")), "endwin left the alternate screen")
        try session.resume()
        try session.waitUntil("a redraw after fg") { _ in (try? ProcessState.isStopped(session.pid())) == false }
        try session.waitFor("Overview")
        try session.press("q")
        let ending = try session.waitForExit()
        #expect(ending.status == "exit=0")
        #expect(ending.sttyBefore == ending.sttyAfter)
    }

    @Test func dumbTerminalIsRefusedWithStatusTwo() throws {
        let session = try TmuxSession(arguments: Self.arguments, term: "dumb")
        defer { session.close() }
        let ending = try session.waitForExit()
        #expect(ending.status == "exit=2")
        #expect(try session.screen().contains("TERM is dumb"))
        #expect(ending.sttyBefore == ending.sttyAfter)
    }

    @Test func outputNotATerminalIsRefusedWithStatusTwo() throws {
        let result = try ModelTopBinary.run(Self.arguments, environment: ["TERM": "xterm-256color", "LC_ALL": "C.UTF-8"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("standard output is not a terminal"))
        #expect(result.stdout.isEmpty)
    }

    @Test func directoryWithoutAReferenceNamesTheFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("modeltop-dir-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.copyItem(
            at: ModelTopBinary.packageRoot.appendingPathComponent("fixtures/digits/prod_data.csv"),
            to: directory.appendingPathComponent("prod_data.csv"))
        let result = try ModelTopBinary.run([directory.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(directory.path)/ref_data.csv: not found"))
    }
}

/// Reads a process's state letter from /proc (T = stopped).
enum ProcessState {
    static func isStopped(_ pid: Int32) throws -> Bool {
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        guard let close = stat.lastIndex(of: ")") else { return false }
        return stat[stat.index(close, offsetBy: 2)] == "T"
    }
}
