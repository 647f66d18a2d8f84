import ArgumentParser
import Foundation
import ModelTopBase
import ModelTopMonitor
import ModelTopConfig

/// Applies the config file to a command line: each setting the file makes and the command line
/// does not is added as its flag, so flags always win and the parser checks file values exactly
/// as it checks typed ones. Keys the file sets for other commands (a `retrain_cmd` read by
/// `report`) are valid and simply unused; a key no command takes is an error.
enum ConfigArguments {
    struct Applied {
        var arguments: [String]
        var context: ConfigContext
    }

    /// `argv` without the program name.
    static func apply(_ argv: [String], environment: [String: String]) throws(ConfigError) -> Applied {
        let names = Set(ModelTopCommand.configuration.subcommands.map { $0._commandName })
        let explicitSub = argv.first.flatMap { names.contains($0) ? $0 : nil }
        let sub = explicitSub ?? "open"
        guard CommandArguments.configured.contains(sub) || sub == "config" else { return Applied(arguments: argv, context: ConfigContext()) }
        var rest = Array(argv.dropFirst(explicitSub == nil ? 0 : 1))
        // Most runs have no config file: say so without describing the commands (which costs a
        // parse of every definition). Any directory named on the line may be the watched one.
        let named = rest.filter { !$0.hasPrefix("-") }.flatMap { [$0, PathText.directory(of: $0)] }
        if !rest.contains(where: { $0 == "--config" || $0.hasPrefix("--config=") }), environment["MODELTOP_CONFIG"]?.isEmpty ?? true,
            !(named + ["."]).contains(where: { FileManager.default.fileExists(atPath: ($0.isEmpty ? "." : $0) + "/modeltop.toml") }),
            !ConfigContext.candidates(directory: nil, environment: environment).dropFirst().contains(where: { FileManager.default.fileExists(atPath: $0.0) })
        {
            var context = ConfigContext()
            context.searched = ConfigContext.candidates(directory: rest.first { !$0.hasPrefix("-") }, environment: environment).map(\.0)
            return Applied(arguments: argv, context: context)
        }
        let specs = sub == "config" ? CommandArguments.of("open") : CommandArguments.of(sub)
        let given = scan(rest, specs: specs)

        var context = ConfigContext()
        let directory = given.positional ?? given.values["prod"].map(PathText.directory(of:))
        context.searched = ConfigContext.candidates(directory: directory, environment: environment).map(\.0)
        guard let found = try ConfigContext.locate(explicit: given.values["config"], directory: directory, environment: environment) else {
            return Applied(arguments: argv, context: context)
        }
        context.file = found
        let document = try ConfigDocument(text: ConfigContext.read(found.path), file: found.path)
        // The other commands' flags are asked for only when the file has a key this one lacks
        // (each description costs a parse of the command tree).
        let own = Dictionary(specs.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let needsAll = document.entries.contains { $0.path.first != "alerts" && ($0.path.count != 1 || own[$0.path[0]] == nil) }
        let known = needsAll ? allSettings() : own
        var settings: [ConfigDocument.Entry] = []
        for entry in document.entries {
            func fail(_ message: String) -> ConfigError {
                let tableLine = entry.path.count > 1 ? document.lines[entry.path[0]] : nil
                return ConfigError(file: document.file, line: tableLine ?? entry.line, message)
            }
            if entry.path.first == "alerts" { continue }
            guard entry.path.count == 1, let spec = known[entry.path[0]] else {
                let name = entry.path[0]
                let hint = Suggestion.hint(for: name, among: Array(known.keys) + ["alerts"])
                throw fail(entry.path.count == 1 || known[name] != nil
                    ? "unknown key '\(entry.key)'\(hint) (`modeltop config` lists the keys)"
                    : "unknown table [\(name)]\(hint); settings are top-level keys, alert rules [alerts.NAME] tables")
            }
            switch (spec.kind, entry.value) {
            case (.flag, .boolean), (.option, .string), (.option, .integer), (.option, .float), (.positional, .string):
                settings.append(entry)
            case (.flag, _):
                throw fail("'\(entry.key)' must be true or false, not \(entry.value.typeName)")
            default:
                throw fail("'\(entry.key)' must be a string or a number, not \(entry.value.typeName)")
            }
        }
        context.rules = try AlertRulesConfig.read(document)

        var added: [String] = []
        for entry in settings {
            let key = entry.key
            context.values[key] = text(of: entry.value)
            guard let spec = specs.first(where: { $0.key == key }) else { continue }
            let overridden = spec.kind == .positional ? given.positional != nil : given.names.contains(spec.name)
            context.origins[key] = overridden ? .flag : .file(document.file, line: entry.line)
            guard !overridden, sub != "config" else { continue }
            switch (spec.kind, entry.value) {
            case (.flag, .boolean(true)): added.append("--\(spec.name)")
            case (.flag, _): break
            case (.positional, _): rest.append(text(of: entry.value))
            case (.option, _): added += ["--\(spec.name)", text(of: entry.value)]
            }
        }
        for spec in specs where given.names.contains(spec.name) || (spec.kind == .positional && given.positional != nil) {
            context.origins[spec.key] = .flag
        }
        let arguments = (explicitSub.map { [$0] } ?? []) + added + rest
        return Applied(arguments: arguments, context: context)
    }

    /// Every setting any configured command takes, by key.
    static func allSettings() -> [String: CommandArguments.Argument] {
        var all: [String: CommandArguments.Argument] = [:]
        for command in CommandArguments.configured {
            for spec in CommandArguments.of(command) where all[spec.key] == nil { all[spec.key] = spec }
        }
        return all
    }

    static func text(of value: ConfigDocument.Value) -> String {
        switch value {
        case .string(let text): return text
        case .integer(let number): return String(number)
        case .float(let number): return ReportNumber.general(number)
        case .boolean(let flag): return flag ? "true" : "false"
        case .other(let name): return name
        }
    }

    /// What the command line sets: long names, their values, the positional.
    private static func scan(_ arguments: [String], specs: [CommandArguments.Argument]) -> (names: Set<String>, values: [String: String], positional: String?) {
        var names: Set<String> = [], values: [String: String] = [:], positional: String?
        var k = 0
        let options = Set(specs.filter { $0.kind == .option }.map(\.name) + ["config", "output"])
        while k < arguments.count {
            let argument = arguments[k]
            k += 1
            if argument == "--" {
                if positional == nil, k < arguments.count { positional = arguments[k] }
                break
            }
            guard argument.hasPrefix("--") else {
                if positional == nil, !argument.hasPrefix("-") { positional = argument }
                continue
            }
            let body = argument.dropFirst(2)
            if let equals = body.firstIndex(of: "=") {
                let name = String(body[..<equals])
                names.insert(name)
                values[name] = String(body[body.index(after: equals)...])
            } else {
                let name = String(body)
                names.insert(name)
                if options.contains(name), k < arguments.count {
                    values[name] = arguments[k]
                    k += 1
                }
            }
        }
        return (names, values, positional)
    }
}
