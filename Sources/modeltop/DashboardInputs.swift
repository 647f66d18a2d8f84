import Foundation
import ModelTopCore

/// The files and directories a dashboard reads, from flags or found in a project directory.
struct DashboardInputs {
    var reference: String
    var production: String
    /// A directory of `*.jsonl` prediction logs, when there is one.
    var logs: String?
    /// modeltop's own model directory; in a project directory always `DIR/artifacts`, which
    /// the first retrain creates. Never one of the user's data files.
    var artifacts: String?

    /// Finds `ref_data.csv`, `prod_data.csv` and a `*.jsonl` log in `directory`; `artifacts/`
    /// there is the model directory, whether or not it exists yet.
    /// The two CSV files are required: a missing one is a usage error naming the file.
    static func find(in directory: String) throws -> DashboardInputs {
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        guard files.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ModelTopError.usage("\(directory): no such directory")
        }
        let base = URL(fileURLWithPath: directory)
        func path(_ name: String) -> String { directory == "." ? name : base.appendingPathComponent(name).relativePath }
        for name in ["ref_data.csv", "prod_data.csv"] where !files.fileExists(atPath: path(name)) {
            throw ModelTopError.usage(
                "\(path(name)): not found; `modeltop [DIR]` needs ref_data.csv and prod_data.csv in DIR "
                    + "(or name the files: `modeltop dashboard --ref FILE --prod FILE`)")
        }
        let entries = (try? files.contentsOfDirectory(atPath: directory)) ?? []
        let hasLogs = entries.contains { $0.hasSuffix(".jsonl") }
        return DashboardInputs(
            reference: path("ref_data.csv"), production: path("prod_data.csv"),
            logs: hasLogs ? directory : nil, artifacts: path("artifacts"))
    }

    /// `--logs` must name a directory that exists. `--artifacts` may not exist yet (the first
    /// retrain creates it), but its parent must, and if it exists it must be a directory.
    func checkDirectories() throws {
        if let logs, !Self.isDirectory(logs) {
            throw ModelTopError.usage("--logs \(SafeText.inline(logs)): no such directory")
        }
        if let artifacts {
            let exists = FileManager.default.fileExists(atPath: artifacts)
            let parent = (artifacts as NSString).deletingLastPathComponent
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
