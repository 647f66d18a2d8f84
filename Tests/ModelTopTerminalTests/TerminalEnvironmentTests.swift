import Testing
import ModelTopTerminal

/// Full-screen mode is refused before curses starts wherever it cannot work.
@Suite struct TerminalEnvironmentTests {
    @Test func aTerminalWithAUsableTypeIsUsable() {
        let verdict = TerminalEnvironment.check(environment: ["TERM": "xterm-256color"], stdinIsTTY: true, stdoutIsTTY: true)
        #expect(verdict == .usable)
    }

    @Test func pipesAndDumbTerminalsAreRefusedWithAPointerToReport() {
        let cases: [([String: String], Bool, Bool, String)] = [
            (["TERM": "xterm"], true, false, "standard output is not a terminal"),
            (["TERM": "xterm"], false, true, "standard input is not a terminal"),
            (["TERM": "dumb"], true, true, "TERM is dumb"),
            ([:], true, true, "TERM is not set"),
        ]
        for (environment, stdinIsTTY, stdoutIsTTY, message) in cases {
            let verdict = TerminalEnvironment.check(environment: environment, stdinIsTTY: stdinIsTTY, stdoutIsTTY: stdoutIsTTY)
            guard case .unusable(let reason) = verdict else {
                Issue.record("expected \(message)")
                continue
            }
            #expect(reason.contains(message))
            #expect(reason.contains("modeltop report"))
        }
    }
}
