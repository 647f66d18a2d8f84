import Foundation

/// A private tmux server running one `modeltop` in a pane, driven and read like a user would.
///
/// Each session has its own server socket (`-L modeltop-test-…`, `-f /dev/null`), so tests run in
/// parallel without seeing each other or the user's tmux; `close()` kills the server. The pane
/// runs a small sh wrapper that records `stty -g` before and after modeltop, its pid and its
/// exit status, which is how the tests prove the terminal was handed back intact.
final class TmuxSession {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// What the wrapper recorded once modeltop ended.
    struct Ending {
        var status: String
        var sttyBefore: String
        var sttyAfter: String
    }

    let socket: String
    let directory: URL

    /// Starts modeltop with `arguments` in a detached `width`×`height` pane, TERM=xterm-256color, C.UTF-8.
    /// `environment`: extra variables for modeltop (a test-only crash drill, say).
    init(arguments: [String], width: Int = 120, height: Int = 40, term: String = "xterm-256color", environment: [String: String] = [:]) throws {
        socket = "modeltop-test-\(UInt64.random(in: 0...UInt64.max))"
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(socket)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let binary = try ModelTopBinary.executable.path
        let command = ([binary] + arguments).map(Self.quoted).joined(separator: " ")
        let variables = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quoted($0.value))" }.joined(separator: " ")
        // `set -m` gives modeltop its own foreground process group, as an interactive shell would:
        // Ctrl-C and Ctrl-Z reach modeltop alone, and a stopped modeltop is reported back here
        // (status 148), where the wrapper records the terminal modes and waits to `fg` it.
        let script = """
            cd \(Self.quoted(ModelTopBinary.packageRoot.path)) || exit 99
            out=\(Self.quoted(directory.path))
            stty -g > "$out/before"
            set -m
            TERM=\(Self.quoted(term)) LC_ALL=C.UTF-8 LANG=C.UTF-8 XDG_CACHE_HOME=\(Self.quoted(ModelTopBinary.isolatedCache)) \(variables) sh -c 'echo $$ > "$0/pid"; exec "$@"' "$out" \(command)
            status=$?
            while [ "$status" = 148 ]; do
                stty -g > "$out/stopped.tmp" && mv "$out/stopped.tmp" "$out/stopped"
                while [ ! -e "$out/resume" ]; do sleep 0.05; done
                rm -f "$out/resume" "$out/stopped"
                fg > /dev/null
                status=$?
            done
            echo "exit=$status" > "$out/status.tmp"
            stty -g > "$out/after"
            mv "$out/status.tmp" "$out/status"
            sleep 30
            """
        let wrapper = directory.appendingPathComponent("run.sh")
        try script.write(to: wrapper, atomically: true, encoding: .utf8)
        try Self.requireTmux()
        try tmux(["new-session", "-d", "-x", "\(width)", "-y", "\(height)", "sh \(Self.quoted(wrapper.path))"])
    }

    /// Kills the server and removes the scratch files. Safe to call more than once.
    func close() {
        _ = try? tmux(["kill-server"], allowFailure: true)
        try? FileManager.default.removeItem(at: directory)
    }

    deinit { close() }

    /// The pane as plain text.
    func screen() throws -> String { try tmux(["capture-pane", "-p"]) }

    /// The pane with its scrollback (what scrolled off the screen too).
    func history() throws -> String { try tmux(["capture-pane", "-p", "-S", "-2000"]) }

    /// Polls the pane until `predicate` holds; fails with the last screen after `timeout` seconds.
    ///
    /// A capture can catch tmux halfway through drawing a frame (the status line of a run already
    /// new, its output lines not yet), so the screen returned is a second capture taken a moment
    /// after the first match, when it still matches: callers check the rest of the frame on it.
    @discardableResult
    func waitUntil(_ what: String, timeout: Double = 10, _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if predicate(last) {
                Thread.sleep(forTimeInterval: 0.05)
                let settled = try screen()
                return predicate(settled) ? settled : last
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw Failure(description: "timed out after \(timeout) s waiting for \(what); screen:\n\(last)")
    }

    /// Polls until `text` appears on the pane.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 10) throws -> String {
        try waitUntil("\"\(text)\"", timeout: timeout) { $0.contains(text) }
    }

    /// Sends tmux key names (`Tab`, `Escape`, `C-c`, `q`).
    func press(_ keys: String...) throws { try tmux(["send-keys", "-t", "0"] + keys) }

    /// Types text literally.
    func type(_ text: String) throws { try tmux(["send-keys", "-t", "0", "-l", text]) }

    /// Resizes the window, as a user dragging the terminal edge would.
    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", "0", "-x", "\(width)", "-y", "\(height)"])
    }

    /// The pid of modeltop (the wrapper writes it before exec).
    func pid(timeout: Double = 5) throws -> Int32 {
        let file = directory.appendingPathComponent("pid")
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let text = try? String(contentsOf: file, encoding: .utf8), let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return pid
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw Failure(description: "modeltop's pid file never appeared")
    }

    /// Sends a signal to modeltop.
    func signal(_ number: Int32) throws {
        let pid = try pid()
        if kill(pid, number) != 0 { throw Failure(description: "kill(\(pid), \(number)) failed: errno \(errno)") }
    }

    /// A file the wrapper wrote ("before", "after", "status"), trimmed; "" when absent.
    func recorded(_ name: String) -> String {
        ((try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)) ?? "")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Waits until modeltop is stopped (Ctrl-Z) and returns the terminal modes the shell then saw.
    func waitUntilStopped(timeout: Double = 10) throws -> String {
        let file = directory.appendingPathComponent("stopped")
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let modes = try? String(contentsOf: file, encoding: .utf8) { return modes.trimmingCharacters(in: .whitespacesAndNewlines) }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw Failure(description: "modeltop did not stop within \(timeout) s; screen:\n\((try? screen()) ?? "")")
    }

    /// Brings a stopped modeltop back to the foreground, as `fg` in the user's shell does.
    func resume() throws {
        try Data().write(to: directory.appendingPathComponent("resume"))
    }

    /// The terminal settings of the pane right now, read from outside (`stty -g -F`).
    func currentStty() throws -> String {
        let tty = try tmux(["display-message", "-p", "-t", "0", "#{pane_tty}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        return try Self.run(["stty", "-g", "-F", tty]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Waits for modeltop to end and returns what the wrapper recorded.
    func waitForExit(timeout: Double = 10) throws -> Ending {
        let statusFile = directory.appendingPathComponent("status")
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let status = try? String(contentsOf: statusFile, encoding: .utf8) {
                return Ending(
                    status: status.trimmingCharacters(in: .whitespacesAndNewlines), sttyBefore: recorded("before"), sttyAfter: recorded("after"))
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw Failure(description: "modeltop did not exit within \(timeout) s; screen:\n\((try? screen()) ?? "")")
    }

    @discardableResult
    private func tmux(_ arguments: [String], allowFailure: Bool = false) throws -> String {
        try Self.run(["tmux", "-L", socket, "-f", "/dev/null"] + arguments, allowFailure: allowFailure)
    }

    /// Fails the test (never skips it) when tmux is not installed.
    static func requireTmux() throws {
        let result = try? Spawn.run(["tmux", "-V"])
        if result?.status != 0 {
            throw Failure(description: "tmux is required for the dashboard end-to-end tests but was not found on PATH (apt-get install tmux)")
        }
    }

    /// Runs a program and returns its output; throws with the output when it fails.
    @discardableResult
    static func run(_ arguments: [String], allowFailure: Bool = false) throws -> String {
        let result = try Spawn.run(arguments)
        if result.status != 0, !allowFailure {
            throw Failure(description: "\(arguments.joined(separator: " ")) failed (\(result.status)): \(result.output)")
        }
        return result.output
    }

    static func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
