import ArgumentParser
import Foundation
import ModelTopBase
import ModelTopMonitor
import ModelTopIO
import ModelTopConfig

/// `--config FILE`, accepted by every command that reads a config file (the entry point reads
/// it before the command is parsed; see `ConfigArguments`).
struct ConfigFlag: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Read settings from FILE instead of the first of $MODELTOP_CONFIG, DIR/modeltop.toml, $XDG_CONFIG_HOME/modeltop/config.toml, ~/.config/modeltop/config.toml. Flags override it.", valueName: "FILE"))
    var config: String?
}

/// `modeltop config`: the effective settings and where each came from, or `--init` a template.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show the effective settings and where each came from, or write a commented template (--init).",
        discussion: """
            Settings come from flags, then the config file, then modeltop's defaults. Every flag of \
            the dashboard, watch and report is a key (--drift-test is drift_test); alert rules are \
            [alerts.NAME] tables. An unknown key or a wrong type is an error naming file:line \
            (exit 2). modeltop never writes the file unless asked with --init, which refuses to \
            replace one (--force does).
            """
    )

    @Argument(help: "The watched directory whose modeltop.toml counts.")
    var directory: String?

    @OptionGroup var file: ConfigFlag

    @Flag(name: .long, help: "Write a commented template (every key at its default) instead.")
    var `init` = false

    @Option(name: .long, help: ArgumentHelp("Where --init writes (default: $XDG_CONFIG_HOME/modeltop/config.toml or ~/.config/modeltop/config.toml; - for stdout).", valueName: "PATH"))
    var output: String?

    @Flag(name: .long, help: "Let --init replace an existing file.")
    var force = false

    func run() throws {
        if `init` { return try writeTemplate() }
        Terminal.writeAll(1, ConfigListing.render(ConfigContext.shared))
    }

    private func writeTemplate() throws {
        let text = ConfigTemplate.render()
        if output == "-" { return Terminal.writeAll(1, text) }
        guard let path = output ?? ConfigContext.userFile(environment: ProcessInfo.processInfo.environment) else {
            throw ModelTopError.usage("config --init: no $XDG_CONFIG_HOME or $HOME; name the file with --output")
        }
        if FileManager.default.fileExists(atPath: path), !force {
            throw ModelTopError.usage("config --init: \(path) exists; add --force to replace it")
        }
        let directory = PathText.directory(of: path)
        if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        try AtomicFile.write(text, to: path)
        Terminal.writeAll(1, "wrote \(SafeText.inline(path))\n")
    }
}

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

/// The file `config --init` writes: every key commented out at its default, with its help, so
/// removing a `#` sets exactly what the comment says.
enum ConfigTemplate {
    static func render() -> String {
        var out = """
            # modeltop configuration (TOML). Flags override these settings.
            # Looked up in order: --config FILE, $MODELTOP_CONFIG, DIR/modeltop.toml,
            # $XDG_CONFIG_HOME/modeltop/config.toml, ~/.config/modeltop/config.toml.
            # `modeltop config` shows the effective settings and where each came from.

            """
        let all = ConfigArguments.allSettings()
        for key in all.keys.sorted() {
            let spec = all[key]!
            out += "\n# " + spec.help.replacingOccurrences(of: "\n", with: " ") + "\n"
            switch spec.kind {
            case .flag: out += "# \(key) = false\n"
            case .option, .positional:
                if let value = spec.defaultValue, value.contains(" ") {
                    out += "# (default: \(value))\n# \(key) = \"\"\n"
                } else if let value = spec.defaultValue {
                    let number = Double(value) != nil && !value.hasSuffix(".")
                    out += "# \(key) = \(number ? value : JSONText.quoted(value))\n"
                } else {
                    out += "# \(key) = \"\"\n"
                }
            }
        }
        out += "\n# Alert rules: change a built-in rule by its name, or add one with metric and above/below.\n"
        out += "# metrics: \(AlertMetric.names.joined(separator: ", "))\n"
        for rule in AlertRules.defaults {
            out += "\n# [alerts.\(rule.name)]\n"
            out += "# metric = \"\(rule.metric.rawValue)\"\n"
            out += "# \(rule.comparison.rawValue) = \(ReportNumber.general(rule.threshold))\n"
            out += "# severity = \"\(rule.severity.rawValue)\"\n"
            out += "# for = \"\(DurationText.text(rule.holdSeconds))\"\n"
            out += "# min_samples = \(rule.minSamples)\n"
            out += "# enabled = true\n"
        }
        return out
    }
}
