import Foundation
import Glibc
import Testing

/// The real binary's restart (issue 15): `watch --headless` stopped saves a checkpoint in the
/// cache directory (never the watched one); started again it resumes, reads only the rows
/// appended since, and ends with the figures a one-shot report gives.
@Suite(.serialized) struct CheckpointBinaryTests {
    static func lastSnapshot(_ path: String) -> [String: Any] {
        let lines = ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n")
        guard let line = lines.last, let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) else { return [:] }
        return object as? [String: Any] ?? [:]
    }

    static func rows(_ snapshot: [String: Any]) -> Int { (snapshot["rows"] as? [String: Int])?["production"] ?? -1 }

    /// Starts watch, waits until its snapshot shows `rows` production rows, stops it with SIGTERM.
    static func watchUntil(_ rows: Int, directory: String, cache: String, tag: String) throws -> (snapshot: [String: Any], stderr: String) {
        let out = directory + "/../\(tag).out", err = directory + "/../\(tag).err"
        let binary = try ModelTopBinary.executable.path
        let pid = try Spawn.start(
            ["/usr/bin/env", "XDG_CACHE_HOME=" + cache, binary, "watch", directory, "--headless", "--interval", "100ms", "--exit-with-parent"],
            stdout: out, stderr: err)
        var stopped = false
        defer { if !stopped { kill(pid, SIGKILL); _ = Spawn.wait(pid) } }
        let deadline = Date().addingTimeInterval(60)
        while Self.rows(Self.lastSnapshot(out)) != rows, Date() < deadline { usleep(50_000) }
        kill(pid, SIGTERM)
        #expect(Spawn.wait(pid) == 0)
        stopped = true
        return (Self.lastSnapshot(out), (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }

    @Test func aStoppedWatchResumesFromItsCheckpoint() throws {
        let base = NSTemporaryDirectory() + "modeltop-restart-\(UUID().uuidString)"
        let directory = base + "/data", cache = base + "/cache"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: base) }
        let fixtures = ModelTopBinary.packageRoot.appendingPathComponent("fixtures/digits").path
        try FileManager.default.copyItem(atPath: fixtures + "/ref_data.csv", toPath: directory + "/ref_data.csv")
        let lines = try String(contentsOfFile: fixtures + "/prod_data.csv", encoding: .utf8).split(separator: "\n")
        let prodPath = directory + "/prod_data.csv"
        try (lines[0...400].joined(separator: "\n") + "\n").write(toFile: prodPath, atomically: false, encoding: .utf8)

        let first = try Self.watchUntil(400, directory: directory, cache: cache, tag: "first")
        #expect(!first.stderr.contains("checkpoint"), "\(first.stderr)")
        let saved = (try? FileManager.default.contentsOfDirectory(atPath: cache + "/modeltop")) ?? []
        #expect(saved.count == 1 && saved[0].hasSuffix(".checkpoint"), "\(saved)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["prod_data.csv", "ref_data.csv"])

        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: prodPath))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((lines[401...].joined(separator: "\n") + "\n").utf8))
        try handle.close()
        let second = try Self.watchUntil(899, directory: directory, cache: cache, tag: "second")
        #expect(second.stderr.isEmpty, "resumed without a notice: \(second.stderr)")

        let report = try ModelTopBinary.run(["report", "--ref", directory + "/ref_data.csv", "--prod", prodPath, "--format", "json"])
        let expected = try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any] ?? [:]
        let mine = (second.snapshot["drift"] as? [String: Any])?["dimensions"] as? [[String: Any]] ?? []
        let theirs = (expected["drift"] as? [String: Any])?["dimensions"] as? [[String: Any]] ?? []
        #expect(mine.count == 16 && theirs.count == 16)
        for (a, b) in zip(mine, theirs) {
            for key in ["psi", "ks_statistic", "ks_pvalue", "wasserstein_norm"] {
                let x = a[key] as? Double ?? .nan, y = b[key] as? Double ?? .nan
                #expect(abs(x - y) <= 1e-12 * max(1, abs(y)), "\(a["name"] ?? "?") \(key): resumed \(x), report \(y)")
            }
        }

        // A corrupt checkpoint is said and ignored; the figures are the same, read from the start.
        let checkpoint = cache + "/modeltop/" + saved[0]
        var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: checkpoint)))
        bytes[bytes.count / 2] ^= 0xff
        try Data(bytes).write(to: URL(fileURLWithPath: checkpoint))
        let third = try Self.watchUntil(899, directory: directory, cache: cache, tag: "third")
        #expect(third.stderr.contains("checkpoint") && third.stderr.contains("ignored"), "\(third.stderr)")
        #expect(Self.rows(third.snapshot) == 899)
    }
}
