import Glibc
import Synchronization

/// Starts a program in its own process group, stdin from /dev/null (or a pipe holding `input`),
/// stdout and stderr into two pipes whose read ends the parent keeps (non-blocking).
///
/// `posix_spawn` rather than Foundation's `Process`: the child gets an empty signal mask and
/// default signal actions, whatever the spawning thread blocks or the dashboard handles (a
/// child that inherited a blocked SIGTERM could not be cancelled), and its own process group,
/// so a cancel reaches the hook's children too and Ctrl-C in the terminal does not.
enum PosixSpawn {
    struct Started {
        var pid: pid_t
        var stdout: Int32
        var stderr: Int32
    }

    /// The corresponding C function is `posix_spawn`.
    static func start(path: String, arguments: [String], environment: [String], input: [UInt8]? = nil) throws(ChildProcessError) -> Started {
        // One spawn at a time: a pipe made by one thread must not leak into another's child
        // between `pipe` and `FD_CLOEXEC` (alert commands start on their own thread).
        try spawnLock.withLock { _ throws(ChildProcessError) in try spawn(path: path, arguments: arguments, environment: environment, input: input) }
    }

    private static let spawnLock = Mutex<Void>(())

    private static func spawn(path: String, arguments: [String], environment: [String], input: [UInt8]?) throws(ChildProcessError) -> Started {
        var stdin: Int32?
        if let input {
            // The bytes go into the pipe before the child exists, while this process still holds
            // the read end: a child that exits without reading cannot make the write fail with
            // SIGPIPE (which would end modeltop). What fits in the pipe is written (64 KiB on
            // Linux; an alert is a few hundred bytes), never blocking; then end of file.
            let pipe = try makePipe(path)
            _ = fcntl(pipe.write, F_SETFL, fcntl(pipe.write, F_GETFL) | O_NONBLOCK)
            if !input.isEmpty { _ = input.withUnsafeBytes { write(pipe.write, $0.baseAddress, $0.count) } }
            close(pipe.write)
            stdin = pipe.read
        }
        let out: (read: Int32, write: Int32)
        do {
            out = try makePipe(path)
        } catch {
            closeAll([stdin ?? -1])
            throw error
        }
        let err: (read: Int32, write: Int32)
        do {
            err = try makePipe(path)
        } catch {
            closeAll([out.read, out.write, stdin ?? -1])
            throw error
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let stdin {
            posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        // The pipes are close-on-exec; dup2 makes copies on 1 and 2 that are not.
        posix_spawn_file_actions_adddup2(&actions, out.write, 1)
        posix_spawn_file_actions_adddup2(&actions, err.write, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        let signalFlags = SpawnSignals.reset(&attributes)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, signalFlags | Int16(POSIX_SPAWN_SETPGROUP))
        var pid: pid_t = 0
        let status = withCStrings([path] + arguments) { argv in
            withCStrings(environment) { envp in posix_spawn(&pid, path, &actions, &attributes, argv, envp) }
        }
        closeAll([out.write, err.write, stdin ?? -1])
        guard status == 0 else {
            closeAll([out.read, err.read])
            throw .cannotStart(program: path, reason: String(cString: strerror(status)))
        }
        for fd in [out.read, err.read] { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        return Started(pid: pid, stdout: out.read, stderr: err.read)
    }

    /// The corresponding C function is `pipe`, then `fcntl(FD_CLOEXEC)` on both ends (Glibc's
    /// module does not export `pipe2`; only the UI thread spawns, so no other spawn can slip in
    /// between and inherit the ends).
    private static func makePipe(_ program: String) throws(ChildProcessError) -> (read: Int32, write: Int32) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else {
            throw .cannotStart(program: program, reason: String(cString: strerror(errno)))
        }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return (fds[0], fds[1])
    }

    private static func closeAll(_ fds: [Int32]) {
        for fd in fds where fd >= 0 { close(fd) }
    }

    /// A NULL-terminated array of C strings for the duration of `body`.
    private static func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
        let array = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: strings.count + 1)
        for (k, string) in strings.enumerated() { array[k] = strdup(string) }
        array[strings.count] = nil
        defer {
            for k in 0..<strings.count { free(array[k]) }
            array.deallocate()
        }
        return body(array)
    }

    /// This process's environment with `overrides` replacing or adding variables.
    static func environment(overriding overrides: [String: String]) -> [String] {
        var result: [String] = []
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            let name = text.split(separator: "=", maxSplits: 1).first.map(String.init) ?? text
            if overrides[name] == nil { result.append(text) }
            pointer += 1
        }
        for (name, value) in overrides.sorted(by: { $0.key < $1.key }) { result.append("\(name)=\(value)") }
        return result
    }
}

/// A clean signal state for spawned children, shared by every spawner (the retrain runner and
/// the end-to-end tests' tmux and stty): an empty mask and default actions, whatever the
/// spawning thread blocks (dispatch workers block nearly everything) or the parent handles.
package enum SpawnSignals {
    /// The signals whose actions the child gets back at their defaults.
    package static let defaulted: [Int32] = [
        SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD, SIGPIPE, SIGTSTP, SIGCONT, SIGWINCH, SIGUSR1, SIGUSR2,
    ]

    /// Sets the mask and the defaults on `attributes`; returns the flags to pass to
    /// `posix_spawnattr_setflags` (with any others the caller adds).
    package static func reset(_ attributes: inout posix_spawnattr_t) -> Int16 {
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in defaulted { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        return Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
    }
}
