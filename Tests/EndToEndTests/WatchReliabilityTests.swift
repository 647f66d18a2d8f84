import Foundation
import Testing
import ModelTopBase

#if canImport(Glibc)
import Glibc
#endif

/// `modeltop watch --headless` on a directory written while it reads: 200,000 production rows
/// and 200,000 log lines appended in random-sized chunks that cut lines in half, one log
/// rotation, one truncate-and-rewrite of prod_data.csv. At the end its counts equal what was
/// written, its statistics equal a one-shot report on the final files, and it printed no error.
@Suite(.serialized) struct WatchReliabilityTests {
    static let rows = 200_000

    static func productionText(_ random: inout SeededGenerator) -> [UInt8] {
        var text = "x1,x2,x3,target,prediction\n"
        text.reserveCapacity(rows * 40)
        for r in 0..<rows {
            let label = Int(random.next() % 3)
            let shift = Double(r) / Double(rows)
            let values = (0..<3).map { d in Double(Int(random.next() % 20_000)) / 1000 - 10 + (d == 0 ? 3 * shift : 0) }
            let prediction = random.next() % 10 < 8 ? label : Int(random.next() % 3)
            text += "\(values[0]),\(values[1]),\(values[2]),\(label),\(prediction)\n"
        }
        return Array(text.utf8)
    }

    static func logText(_ random: inout SeededGenerator) -> [UInt8] {
        var text = ""
        text.reserveCapacity(rows * 80)
        for r in 0..<rows {
            let latency = Double(Int(random.next() % 100_000)) / 1000
            text += "{\"ts\": \(1_795_000_000 + r), \"id\": \"r\(r)\", \"latency_ms\": \(latency), \"prediction\": \(random.next() % 3), \"status\": 200}\n"
        }
        return Array(text.utf8)
    }

    static func append(_ bytes: ArraySlice<UInt8>, to path: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(bytes))
        try handle.close()
    }

    /// A shell starts `watch --exit-with-parent` in the background and exits: the orphan must
    /// notice within an interval, print its final snapshot and stop.
    @Test func exitWithParentStopsTheOrphan() throws {
        let directory = NSTemporaryDirectory() + "modeltop-orphan-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data("x1,target\n1,0\n2,1\n".utf8).write(to: URL(fileURLWithPath: directory + "/ref_data.csv"))
        try Data("x1,target\n1,0\n".utf8).write(to: URL(fileURLWithPath: directory + "/prod_data.csv"))
        let binary = try ModelTopBinary.executable.path
        let out = directory + "/watch.out", pidFile = directory + "/watch.pid"
        let shell = "\"$0\" watch \"$1\" --headless --interval 100ms --exit-with-parent > \"$2\" 2>&1 & echo $! > \"$3\"; sleep 0.5"
        let status = try Spawn.run(["sh", "-c", shell, binary, directory, out, pidFile]).status
        #expect(status == 0)
        let child = pid_t(try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        #expect(child > 0)
        // Exited: no such process, or a zombie its new parent has not reaped yet.
        func exited() -> Bool {
            guard kill(child, 0) == 0 else { return true }
            let stat = (try? String(contentsOfFile: "/proc/\(child)/stat", encoding: .utf8)) ?? ""
            return stat.split(separator: ")").last?.split(separator: " ").first == "Z"
        }
        var gone = false
        for _ in 0..<100 where !gone {
            gone = exited()
            if !gone { usleep(50_000) }
        }
        if !gone { kill(child, SIGKILL) }
        #expect(gone, "watch outlived its parent by 5 s")
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.count >= 2 && lines.allSatisfy { $0.hasPrefix("{\"rows\"") }, "snapshots, the final one included: \(lines)")
    }

    @Test func followsEveryRowThroughCutsRotationAndRewrite() throws {
        let directory = NSTemporaryDirectory() + "modeltop-watch-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var random = SeededGenerator(seed: 20_261_122)
        var reference = "x1,x2,x3,target\n"
        for _ in 0..<3000 {
            reference += (0..<3).map { _ in "\(Double(Int(random.next() % 20_000)) / 1000 - 10)" }.joined(separator: ",") + ",\(random.next() % 3)\n"
        }
        try Data(reference.utf8).write(to: URL(fileURLWithPath: directory + "/ref_data.csv"))
        let production = Self.productionText(&random)
        let logs = Self.logText(&random)
        let prodPath = directory + "/prod_data.csv", logPath = directory + "/predictions.jsonl"
        _ = FileManager.default.createFile(atPath: prodPath, contents: nil)
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)

        let out = directory + "/watch.out", err = directory + "/watch.err"
        let binary = try ModelTopBinary.executable.path
        // --exit-with-parent: if this test process dies, modeltop does not follow the directory forever.
        let pid = try Spawn.start([binary, "watch", directory, "--headless", "--interval", "200ms", "--exit-with-parent"], stdout: out, stderr: err)
        var stopped = false
        defer { if !stopped { kill(pid, SIGKILL); _ = Spawn.wait(pid) } }

        // Write both files in random-sized chunks, cutting lines anywhere.
        var prodWritten = 0, logWritten = 0
        var rotated = false, rewritten = false
        while prodWritten < production.count || logWritten < logs.count {
            if prodWritten < production.count {
                let size = min(production.count - prodWritten, 1 + Int(random.next() % 60_000))
                try Self.append(production[prodWritten..<(prodWritten + size)], to: prodPath)
                prodWritten += size
            }
            if logWritten < logs.count {
                let size = min(logs.count - logWritten, 1 + Int(random.next() % 90_000))
                try Self.append(logs[logWritten..<(logWritten + size)], to: logPath)
                logWritten += size
            }
            if !rotated, logWritten > logs.count / 2 {
                // Rotation mid-line: the rest of the cut line goes to the new file, as a logger
                // that rotates on size does not do; so finish the line first, as real ones do.
                let lineEnd = logs[logWritten...].firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? logs.count
                try Self.append(logs[logWritten..<lineEnd], to: logPath)
                logWritten = lineEnd
                try FileManager.default.moveItem(atPath: logPath, toPath: logPath + ".1")
                _ = FileManager.default.createFile(atPath: logPath, contents: nil)
                rotated = true
            }
            if !rewritten, prodWritten > production.count * 6 / 10 {
                // Truncate and rewrite everything so far, in one go, as a re-export would.
                try Data(production[0..<prodWritten]).write(to: URL(fileURLWithPath: prodPath))
                rewritten = true
            }
            usleep(2000)
        }

        // Wait for a snapshot that shows everything, then stop it (it prints a final snapshot).
        let deadline = Date().addingTimeInterval(90)
        var last: [String: Any] = [:]
        repeat {
            usleep(200_000)
            let lines = (try? String(contentsOfFile: out, encoding: .utf8))?.split(separator: "\n") ?? []
            if let line = lines.last, let data = line.data(using: .utf8),
               let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
                last = object
            }
        } while ((last["rows"] as? [String: Int])?["production"] ?? 0) < Self.rows && Date() < deadline
        kill(pid, SIGTERM)
        let status = Spawn.wait(pid)
        stopped = true
        #expect(status == 0)
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        let final = try JSONSerialization.jsonObject(with: Data(lines.last!.utf8)) as? [String: Any] ?? [:]
        #expect((try? String(contentsOfFile: err, encoding: .utf8)) ?? "?" == "", "watch printed errors")

        let oneShot = try ModelTopBinary.run(["report", "--ref", directory + "/ref_data.csv", "--prod", prodPath, "--format", "json"])
        let expected = try JSONSerialization.jsonObject(with: Data(oneShot.stdout.utf8)) as? [String: Any] ?? [:]
        #expect((final["rows"] as? [String: Int]) == ["reference": 3000, "production": Self.rows, "rejected": 0, "unlabelled": 0])
        #expect((final["rows"] as? [String: Int]) == (expected["rows"] as? [String: Int]))
        let mine = (final["drift"] as? [String: Any])?["dimensions"] as? [[String: Any]] ?? []
        let theirs = (expected["drift"] as? [String: Any])?["dimensions"] as? [[String: Any]] ?? []
        #expect(mine.count == 3 && theirs.count == 3)
        for (a, b) in zip(mine, theirs) {
            for key in ["psi", "ks_statistic", "ks_pvalue"] {
                let x = a[key] as? Double ?? .nan, y = b[key] as? Double ?? .nan
                #expect(abs(x - y) <= 1e-12 * max(1, abs(y)), "\(a["name"] ?? "?") \(key): watch \(x), report \(y)")
            }
            // 200,000 rows are past the default retention (100,000): the oldest are kept as
            // counts, and the whole history's Wasserstein distance is an estimate with its bound.
            let x = a["wasserstein_norm"] as? Double ?? .nan, y = b["wasserstein_norm"] as? Double ?? .nan
            let bound = a["wasserstein_norm_bound"] as? Double ?? 0
            #expect(abs(x - y) <= bound * (1 + 1e-9) + 1e-12 * max(1, abs(y)), "\(a["name"] ?? "?"): watch \(x) ± \(bound), report \(y)")
        }
        let quality = final["quality"] as? [String: Any] ?? [:], expectedQuality = expected["quality"] as? [String: Any] ?? [:]
        #expect(quality["accuracy"] as? Double == expectedQuality["accuracy"] as? Double)
        #expect((quality["confusion"] as? [String: Any])?["matrix"] as? [[Int]] == (expectedQuality["confusion"] as? [String: Any])?["matrix"] as? [[Int]])
        #expect(lines.count >= 3, "snapshots were printed while writing")
    }
}
