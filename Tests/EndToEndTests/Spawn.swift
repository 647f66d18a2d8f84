import Foundation
import ModelTopIO

#if canImport(Glibc)
import Glibc
#endif

/// Runs a helper program (tmux, stty) with a clean signal mask and default signal actions.
///
/// Foundation's `Process` passes on the spawning thread's signal mask, and test threads are
/// dispatch workers with nearly every signal blocked; a tmux server started that way never sees
/// SIGCHLD or SIGTERM, hangs its clients and survives `kill-server`. `posix_spawn` with
/// `POSIX_SPAWN_SETSIGMASK` gives the child an empty mask instead.
enum Spawn {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `arguments` (looked up on PATH) with stdin from /dev/null; returns stdout and stderr merged.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        // Output goes to a file the child opens itself: the parent holds no descriptor a
        // concurrent spawn could leak, and a daemon (the tmux server) cannot keep a pipe open.
        let outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("modeltop-spawn-\(UUID().uuidString)").path
        defer { unlink(outputFile) }
        let pid = try start(arguments, stdout: outputFile, stderr: nil)
        let code = wait(pid)
        let output = FileManager.default.contents(atPath: outputFile) ?? Data()
        return (code, String(decoding: output, as: UTF8.self))
    }

    /// Starts `arguments` in the background with stdout (and stderr, or stdout's file when nil)
    /// going to files; returns its pid.
    static func start(_ arguments: [String], stdout: String, stderr: String?) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if let stderr {
            posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        } else {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, SpawnSignals.reset(&attributes))
        let environment = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
        var pid: pid_t = 0
        let status = withCStrings(arguments) { argv in
            withCStrings(environment) { envp in posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp) }
        }
        guard status == 0 else {
            throw Failure(description: "cannot run \(arguments[0]): \(String(cString: strerror(status)))")
        }
        return pid
    }

    /// Waits for `pid` to end; its exit status, or 128+n when signal n ended it.
    static func wait(_ pid: pid_t) -> Int32 {
        var exitStatus: Int32 = 0
        while waitpid(pid, &exitStatus, 0) < 0, errno == EINTR {}
        return (exitStatus & 0x7F) == 0 ? (exitStatus >> 8) & 0xFF : 128 + (exitStatus & 0x7F)
    }

    /// A NULL-terminated array of C strings for the duration of `body`.
    private static func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { for pointer in pointers { free(pointer) } }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
