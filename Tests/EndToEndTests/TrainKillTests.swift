import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `kill -9` at random moments of `modeltop retrain` never leaves a broken registry.
@Suite struct TrainKillTests {
    /// Small, learnable data: 4 dimensions, 3 classes, so one retrain takes tens of milliseconds.
    static func writeData(in directory: String) throws -> (ref: String, prod: String) {
        var generator = SystemRandomNumberGenerator()
        func rows(_ count: Int) -> String {
            var text = "e1,e2,e3,e4,target\n"
            for row in 0..<count {
                let label = row % 3
                let values = (0..<4).map { d in Double(label * (d + 1)) + Double.random(in: -1...1, using: &generator) }
                text += values.map { String($0) }.joined(separator: ",") + ",\(label)\n"
            }
            return text
        }
        let ref = "\(directory)/ref.csv", prod = "\(directory)/prod.csv"
        try rows(300).write(toFile: ref, atomically: true, encoding: .utf8)
        try rows(150).write(toFile: prod, atomically: true, encoding: .utf8)
        return (ref, prod)
    }

    /// The registry parses and its current model file parses and has weights.
    static func checkConsistent(_ artifacts: String, _ context: String) {
        guard let registryData = FileManager.default.contents(atPath: "\(artifacts)/registry.json"),
              let registry = try? JSONSerialization.jsonObject(with: registryData) as? [String: Any],
              let current = registry["current"] as? String
        else {
            Issue.record("\(context): registry.json missing or unparseable")
            return
        }
        guard let modelData = FileManager.default.contents(atPath: "\(artifacts)/models/\(current).json"),
              let model = try? JSONSerialization.jsonObject(with: modelData) as? [String: Any],
              model["weights"] is [Any], model["version"] as? String == current
        else {
            Issue.record("\(context): current model \(current) missing or unparseable")
            return
        }
    }

    @Test(.timeLimit(.minutes(1))) func sigkillDuringRetrainLeavesALoadableRegistry() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("modeltop-kill-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (ref, prod) = try Self.writeData(in: directory)
        let artifacts = "\(directory)/artifacts"
        let retrain = ["retrain", "--ref", ref, "--prod", prod, "--artifacts", artifacts]

        #expect(try ModelTopBinary.run(["train", "--ref", ref, "--artifacts", artifacts]).status == 0)
        let start = Date()
        #expect(try ModelTopBinary.run(retrain).status != 2)
        let fullRun = max(Date().timeIntervalSince(start), 0.01)

        var killed = 0
        for attempt in 0..<14 {
            let process = Process()
            process.executableURL = try ModelTopBinary.executable
            process.arguments = retrain + ["--seed", String(attempt)]
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Anywhere from before main() to after the last rename.
            usleep(UInt32(Double.random(in: 0...(1.2 * fullRun)) * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal { killed += 1 }
            Self.checkConsistent(artifacts, "attempt \(attempt)")
        }
        #expect(killed >= 3, "only \(killed) of 14 runs were killed before finishing")
        // The real loader agrees: a retrain afterwards finds and scores the champion.
        let after = try ModelTopBinary.run(retrain + ["--format", "json"])
        #expect(after.status == 0 || after.status == 1, "\(after.stderr)")
        #expect(after.stdout.contains("\"champion\": {"))
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: artifacts)) ?? []
        #expect(!leftovers.contains { $0.hasSuffix(".tmp") }, "temporary files left: \(leftovers)")
    }
}
