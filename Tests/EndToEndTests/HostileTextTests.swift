import Foundation
import Testing

/// Labels, column names, ids and file names that carry terminal escapes (issue 13): no byte of
/// them may reach the terminal raw, from any output of the real binary.
@Suite struct HostileTextTests {
    /// Clear screen, OSC 52 (writes the user's clipboard), window title, C1 CSI, right-to-left override.
    static let hostile = ["\u{1B}[2J", "\u{1B}]52;c;aGk=\u{07}", "\u{1B}]0;pwned\u{07}", "\u{9B}31m", "\u{202E}cba"]

    /// Every scalar a terminal would act on: C0 but newline and tab, DEL, C1, bidi controls.
    static func unsafeScalars(_ text: String) -> [UInt32] {
        text.unicodeScalars.map(\.value).filter {
            ($0 < 0x20 && $0 != 0x0A && $0 != 0x09) || $0 == 0x7F || (0x80...0x9F).contains($0)
                || (0x202A...0x202E).contains($0) || (0x2066...0x2069).contains($0)
        }
    }

    static func csvField(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    @Test func noOutputCarriesAnEscapeFromTheData() throws {
        let directory = NSTemporaryDirectory() + "modeltop-hostile-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory + "/logs", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let column = Self.csvField("PCA_\(Self.hostile[2])")
        var reference = "\(column),PCA_2,target\n", production = "\(column),PCA_2,target,prediction\n"
        for k in 0..<60 {
            let label = Self.csvField(Self.hostile[k % 5])
            reference += "\(Double(k % 7) / 3),\(Double(k % 5)),\(label)\n"
            production += "\(Double(k % 9) / 3),\(Double(k % 4)),\(label),\(Self.csvField(Self.hostile[(k + 1) % 5]))\n"
        }
        let prodName = "prod\(Self.hostile[0]).csv"
        try reference.write(toFile: directory + "/ref_data.csv", atomically: false, encoding: .utf8)
        try production.write(toFile: directory + "/" + prodName, atomically: false, encoding: .utf8)
        var log = ""
        for k in 0..<30 {
            let line: [String: Any] = [
                "ts": 1_795_000_000 + k, "prediction": Self.hostile[k % 5], "id": "req\(Self.hostile[k % 5])\(k)",
                "probs": [0.25, 0.75], "pixels": (0..<64).map { ($0 + k) % 17 }, "model\(Self.hostile[1])": 1,
            ]
            log += String(decoding: try JSONSerialization.data(withJSONObject: line), as: UTF8.self) + "\n"
            log += "{\"id\": \"req\\u001b[2J\(k)\", \"target\": \"\\u202e\(k)\"}\n"
            log += "garbage \(Self.hostile[k % 5])\n"
        }
        try log.write(toFile: directory + "/logs/predictions.jsonl", atomically: false, encoding: .utf8)

        var outputs: [(String, String)] = []
        for format in ["text", "markdown", "json"] {
            let result = try ModelTopBinary.run([
                "report", "--ref", directory + "/ref_data.csv", "--prod", directory + "/" + prodName,
                "--logs", directory + "/logs", "--format", format,
            ])
            #expect(result.status != 0 || format == "json", "the report ran: \(result.stderr)")
            #expect(!result.stdout.isEmpty, "\(format): \(result.stderr)")
            outputs += [("report \(format) stdout", result.stdout), ("report \(format) stderr", result.stderr)]
        }
        let digit = try ModelTopBinary.run(["digit", directory + "/logs", "--id", "req\(Self.hostile[3])3"])
        #expect(digit.status == 0, "\(digit.stderr)")
        outputs += [("digit stdout", digit.stdout), ("digit stderr", digit.stderr)]
        let missing = try ModelTopBinary.run(["report", "--ref", directory + "/no\(Self.hostile[2]).csv", "--prod", directory + "/" + prodName])
        #expect(missing.status == 2)
        outputs += [("error stderr", missing.stderr)]
        let usage = try ModelTopBinary.run(["report", "--ref", "x", "--prod", "y", "--drift-test", Self.hostile[1]])
        outputs += [("usage stderr", usage.stderr)]
        for (name, text) in outputs {
            #expect(Self.unsafeScalars(text).isEmpty, "\(name) carries \(Self.unsafeScalars(text))")
        }
        let text = outputs[0].1
        #expect(text.contains("\\e[2J") && text.contains("\\e]52;c;aGk=\\x07") && text.contains("\\u{202E}cba"), "escaped, still readable")
    }
}
