import Foundation

/// Finds and runs the `modeltop` executable that `swift build` put next to the test bundle.
enum ModelTopBinary {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The package root (tests run commands from there so fixture paths read naturally).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Checkpoints of the binaries these tests start go to a directory of this test run, not the
    /// user's cache: a test never resumes from another run's checkpoint (set before any start).
    static let isolatedCache: String = {
        let directory = NSTemporaryDirectory() + "modeltop-test-cache-\(getpid())"
        setenv("XDG_CACHE_HOME", directory, 1)
        // Nor does a user's config file or screen exports reach them: only what a test writes.
        setenv("XDG_CONFIG_HOME", directory + "/config", 1)
        setenv("XDG_STATE_HOME", directory + "/state", 1)
        unsetenv("MODELTOP_CONFIG")
        return directory
    }()

    static var executable: URL {
        get throws {
            _ = isolatedCache
            let bundleDirectory = Bundle.main.bundleURL.deletingLastPathComponent()
            for directory in [bundleDirectory, Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()] {
                let candidate = directory.appendingPathComponent("modeltop")
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            }
            throw LookupError(message: "modeltop binary not found beside \(bundleDirectory.path)")
        }
    }

    struct LookupError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    static func run(_ arguments: [String], environment: [String: String]? = nil) throws -> Result {
        let process = Process()
        process.executableURL = try executable
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes before waiting, so a large report cannot fill a pipe and deadlock.
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}
