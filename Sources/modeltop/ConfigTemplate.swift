import Foundation
import ModelTopBase
import ModelTopMonitor

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
