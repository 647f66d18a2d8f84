import Foundation
import Testing
import ModelTopUI

/// Compares a rendered canvas with `__Snapshots__/<name>.txt`; `MODELTOP_RECORD_SNAPSHOTS=1`
/// re-records. A missing file fails unless recording, so a new screen cannot pass unseen.
func assertSnapshot(_ canvas: Canvas, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let url = SnapshotFiles.directory.appendingPathComponent(name + ".txt")
    let actual = canvas.text + "\n"
    let recording = ProcessInfo.processInfo.environment["MODELTOP_RECORD_SNAPSHOTS"] == "1"
    if recording {
        do {
            try FileManager.default.createDirectory(at: SnapshotFiles.directory, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url, options: .atomic)
        } catch {
            Issue.record("could not record snapshot \(name): \(error)", sourceLocation: sourceLocation)
        }
        return
    }
    guard let data = FileManager.default.contents(atPath: url.path) else {
        Issue.record(
            "missing snapshot \(url.path); run with MODELTOP_RECORD_SNAPSHOTS=1 to record it", sourceLocation: sourceLocation)
        return
    }
    let expected = String(decoding: data, as: UTF8.self)
    guard expected != actual else { return }
    Issue.record(
        "snapshot \(name) differs (re-record with MODELTOP_RECORD_SNAPSHOTS=1):\n\(SnapshotFiles.diff(expected, actual))",
        sourceLocation: sourceLocation)
}

enum SnapshotFiles {
    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__", isDirectory: true)
    }

    /// The first differing lines, expected then actual, so a failure says where.
    static func diff(_ expected: String, _ actual: String) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String] = []
        for k in 0..<max(a.count, b.count) where out.count < 12 {
            let left = k < a.count ? String(a[k]) : "<none>", right = k < b.count ? String(b[k]) : "<none>"
            if left != right { out += ["line \(k + 1) expected: \(left)", "line \(k + 1) actual:   \(right)"] }
        }
        return out.joined(separator: "\n")
    }
}
