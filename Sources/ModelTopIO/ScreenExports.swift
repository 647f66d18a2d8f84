import Glibc
import ModelTopBase

/// Where `e` in the dashboard writes the screen as plain text: `$XDG_STATE_HOME/modeltop/`
/// (when absolute), else `~/.local/state/modeltop/`, or the directory `--export-dir` names;
/// never the watched directory unless asked. Each export is a new file, written atomically.
package struct ScreenExports: Sendable {
    package let directory: String

    package init(directory: String) { self.directory = directory }

    /// The default directory, or nil when neither `XDG_STATE_HOME` nor `HOME` gives one.
    package static func standard(environment: [String: String]) -> ScreenExports? {
        PathText.xdg("XDG_STATE_HOME", ".local/state", environment).map(ScreenExports.init(directory:))
    }

    /// Writes `text` (trailing spaces of each line removed) to a new file named by the UTC time
    /// `now`; returns the notice to show: where it went, or why it did not.
    package func write(_ text: String, now: Double) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            String(line.reversed().drop { $0 == " " }.reversed())
        }
        let stamp = UTCTime.text(now, separator: "-").filter { $0.isNumber || $0 == "-" }
        do throws(ArtifactError) {
            try AtomicFile.makePrivateDirectories(directory)
            var path = "\(directory)/modeltop-screen-\(stamp).txt"
            var k = 2
            while access(path, F_OK) == 0 {
                path = "\(directory)/modeltop-screen-\(stamp)-\(k).txt"
                k += 1
            }
            try AtomicFile.write(lines.joined(separator: "\n") + "\n", to: path)
            return "screen written to \(path)"
        } catch {
            return "export failed: \(error)"
        }
    }
}
