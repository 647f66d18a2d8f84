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
