import Foundation
import ModelTopCore

/// The files and directories a dashboard reads, from flags or found in a project directory.
struct DashboardInputs {
    var reference: String
    var production: String
    /// A directory of `*.jsonl` prediction logs, when there is one.
    var logs: String?
    var artifacts: String?

    /// Finds `ref_data.csv`, `prod_data.csv`, a `*.jsonl` log and `artifacts/` in `directory`.
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
        let artifacts = path("artifacts")
        let hasArtifacts = files.fileExists(atPath: artifacts, isDirectory: &isDirectory) && isDirectory.boolValue
        return DashboardInputs(
            reference: path("ref_data.csv"), production: path("prod_data.csv"),
            logs: hasLogs ? directory : nil, artifacts: hasArtifacts ? artifacts : nil)
    }

    /// `--logs` and `--artifacts` must name directories that exist.
    func checkDirectories() throws {
        for (flag, value) in [("--logs", logs), ("--artifacts", artifacts)] {
            guard let value else { continue }
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: value, isDirectory: &isDirectory) || !isDirectory.boolValue {
                throw ModelTopError.usage("\(flag) \(SafeText.inline(value)): no such directory")
            }
        }
    }
}
