import Foundation
import ModelTopBase
import ModelTopMonitor

/// `modeltop config`'s table: each key, its value, where it came from, which commands use it.
enum ConfigListing {
    static func render(_ context: ConfigContext) -> String {
        var out = ""
        if let file = context.file {
            out += "config file: \(SafeText.inline(file.path)) (found by \(file.reason))\n"
        } else {
            out += "config file: none (looked for --config, $MODELTOP_CONFIG, \(context.searched.map { SafeText.inline($0) }.joined(separator: ", ")))\n"
        }
        out += "\nsettings (a flag wins over the file, the file over the default):\n"
        var users: [String: [String]] = [:], specs: [String: CommandArguments.Argument] = [:]
        for command in CommandArguments.configured {
            for spec in CommandArguments.of(command) {
                users[spec.key, default: []].append(command == "open" ? "modeltop DIR" : command)
                if specs[spec.key] == nil { specs[spec.key] = spec }
            }
        }
        var rows = [["key", "value", "from", "used by"]]
        for key in specs.keys.sorted() {
            let spec = specs[key]!
            let value = context.values[key] ?? spec.defaultValue ?? (spec.kind == .flag ? "false" : "—")
            let from: String = switch context.origins[key] {
            case .file(let path, let line)?: "\(PathText.lastComponent(of: path))\(line.map { ":\($0)" } ?? "")"
            case .flag?: "flag"
            default: context.values[key] == nil ? "default" : "file (unused by this command)"
            }
            rows.append([key, SafeText.inline(value, maxScalars: 60), from, users[key, default: []].joined(separator: ", ")])
        }
        out += table(rows)
        out += "\nalert rules ([alerts.NAME]):\n"
        var ruleRows = [["name", "metric", "fires when", "severity", "for", "min samples", "enabled"]]
        for rule in context.rules {
            ruleRows.append([
                rule.name, rule.metric.rawValue, "\(rule.comparison.rawValue) \(ReportNumber.general(rule.threshold))", rule.severity.rawValue,
                DurationText.text(rule.holdSeconds), String(rule.minSamples), rule.enabled ? "yes" : "no",
            ])
        }
        return out + table(ruleRows)
    }

    static func table(_ rows: [[String]]) -> String {
        // Keys, rule names and values come from a file: every cell is made safe.
        let rows = rows.map { $0.map { SafeText.inline($0, maxScalars: 200) } }
        let widths = rows[0].indices.map { c in rows.map { DisplayWidth.of($0[c]) }.max() ?? 0 }
        return rows.map { row in
            "  " + row.enumerated().map { c, cell in
                c == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[c] - DisplayWidth.of(cell) + 2)
            }.joined()
        }.joined(separator: "\n") + "\n"
    }
}
