import Foundation
import ModelTopBase

/// The files and directories a dashboard reads, from flags or found in a project directory.
package struct DashboardInputs {
    package init(reference: String, production: String, logs: String?, artifacts: String?) {
        self.reference = reference
        self.production = production
        self.logs = logs
        self.artifacts = artifacts
    }

    package var reference: String
    package var production: String
    /// A directory of `*.jsonl` prediction logs, when there is one.
    package var logs: String?
    /// modeltop's own model directory; in a project directory always `DIR/artifacts`, which
    /// the first retrain creates. Never one of the user's data files.
    package var artifacts: String?

    /// Finds `ref_data.csv`, `prod_data.csv` and the prediction logs (`logs`, else `*.jsonl` in
    /// `directory` or in `directory/logs/`); `artifacts/` there is the model directory, whether
    /// or not it exists yet. The reference is required; `prod_data.csv` may not exist yet (the
    /// first feedback creates it): the console waits for it.
    package static func find(in directory: String, logs: String? = nil) throws -> DashboardInputs {
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        guard files.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ModelTopError.usage("\(directory): no such directory")
        }
        let base = URL(fileURLWithPath: directory)
        func path(_ name: String) -> String { directory == "." ? name : base.appendingPathComponent(name).relativePath }
        guard files.fileExists(atPath: path("ref_data.csv")) else {
            throw ModelTopError.usage(
                "\(path("ref_data.csv")): not found; `modeltop [DIR]` needs ref_data.csv in DIR "
                    + "(or name the files: `modeltop dashboard --ref FILE --prod FILE`)")
        }
        let inputs = DashboardInputs(
            reference: path("ref_data.csv"), production: path("prod_data.csv"),
            logs: logs ?? findLogs(in: directory), artifacts: path("artifacts"))
        try inputs.checkDirectories()
        return inputs
    }

    /// `directory` when it holds `*.jsonl` files, else `directory/logs` when that does; nil otherwise.
    package static func findLogs(in directory: String) -> String? {
        func hasLogs(_ path: String) -> Bool {
            ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).contains { $0.hasSuffix(".jsonl") || $0.contains(".jsonl.") }
        }
        if hasLogs(directory) { return directory }
        let sub = directory == "." ? "logs" : URL(fileURLWithPath: directory).appendingPathComponent("logs").relativePath
        return isDirectory(sub) ? sub : nil
    }

    /// `--logs` must name a directory that exists. `--artifacts` may not exist yet (the first
    /// retrain creates it), but its parent must, and if it exists it must be a directory.
    package func checkDirectories() throws {
        if let logs, !Self.isDirectory(logs) {
            throw ModelTopError.usage("--logs \(SafeText.inline(logs)): no such directory")
        }
        if let artifacts {
            let exists = FileManager.default.fileExists(atPath: artifacts)
            let parent = PathText.directory(of: artifacts)
            if exists ? !Self.isDirectory(artifacts) : !Self.isDirectory(parent.isEmpty ? "." : parent) {
                throw ModelTopError.usage("--artifacts \(SafeText.inline(artifacts)): no such directory")
            }
        }
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
