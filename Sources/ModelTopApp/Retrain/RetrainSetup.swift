import Foundation
import ModelTopBase

/// What the dashboard runs to retrain and roll back, with every path made absolute.
///
/// Only paths and the user's own `--retrain-cmd` ever reach a command line; nothing read from
/// the data files does. The hook learns the files from its environment instead.
package struct RetrainSetup {
    package enum Backend: Equatable {
        /// This binary's own `retrain` subcommand.
        case builtIn
        /// The user's `--retrain-cmd`, run by `/bin/sh -c`.
        case hook(String)
    }

    /// A program to start: path, arguments, extra environment, and how the screen names it.
    package struct Invocation: Equatable {
        package var path: String
        package var arguments: [String]
        package var environment: [String: String]
        package var display: String
    }

    var backend: Backend
    var reference: String
    var production: String
    /// modeltop's own directory (models/ and registry.json); nil when the dashboard was given
    /// explicit files and no `--artifacts`, where the built-in has nowhere it may write.
    var artifacts: String?
    /// This executable, for the built-in and for rollback.
    var executable: String

    package init(backend: Backend, reference: String, production: String, artifacts: String?, executable: String? = nil) {
        self.backend = backend
        self.reference = Self.absolute(reference)
        self.production = Self.absolute(production)
        self.artifacts = artifacts.map(Self.absolute)
        // /proc/self/exe resolved once: the binary this dashboard runs, even if PATH changes.
        self.executable = executable
            ?? (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// Why a retrain cannot start, or nil when it can.
    var unavailableReason: String? {
        if case .builtIn = backend, artifacts == nil {
            return "retrain: not available: pass --artifacts DIR (or --retrain-cmd CMD)"
        }
        return nil
    }

    var environment: [String: String] {
        var variables = ["MODELTOP_REF": reference, "MODELTOP_PROD": production]
        variables["MODELTOP_ARTIFACTS"] = artifacts ?? Self.absolute(PathText.directory(of: production) + "/artifacts")
        return variables
    }

    /// The retrain command for `trigger` (a registry trigger name).
    func retrain(trigger: String) -> Invocation {
        switch backend {
        case .builtIn:
            let artifacts = self.artifacts ?? ""
            return Invocation(
                path: executable,
                arguments: ["retrain", "--ref", reference, "--prod", production, "--artifacts", artifacts, "--trigger", trigger, "--format", "json"],
                environment: environment,
                display: "built-in: modeltop retrain --trigger \(trigger) --artifacts \(artifacts)")
        case .hook(let command):
            var environment = self.environment
            environment["MODELTOP_TRIGGER"] = trigger
            return Invocation(path: "/bin/sh", arguments: ["-c", command], environment: environment, display: "hook: sh -c \(command)")
        }
    }

    /// `modeltop rollback` on the artifacts directory, or nil without one.
    func rollback() -> Invocation? {
        guard let artifacts else { return nil }
        return Invocation(
            path: executable, arguments: ["rollback", "--artifacts", artifacts, "--format", "json"], environment: environment,
            display: "modeltop rollback --artifacts \(artifacts)")
    }

    static func absolute(_ path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.standardizedFileURL.path
    }
}
