import ArgumentParser
import Foundation

/// The arguments a subcommand takes, read from swift-argument-parser's own description of it
/// (the `--experimental-dump-help` JSON, produced in-process): the config file's keys are these
/// flags' names, so every flag has a key without a second list to keep in step.
struct CommandArguments {
    struct Argument {
        enum Kind: String { case flag, option, positional }

        var kind: Kind
        /// The long name ("drift-test"), or the value name of a positional ("directory").
        var name: String
        var help: String
        /// As the parser or the help text states it ("(default: 1s)"); nil when there is none.
        var defaultValue: String?

        /// The config file's key: the flag's name with "_" for "-".
        var key: String { name.replacingOccurrences(of: "-", with: "_") }
    }

    /// Flags that are about this run, not settings: never read from a file.
    static let notSettings: Set<String> = ["help", "version", "config", "experimental-dump-help", "init", "output", "force"]

    /// The settings `subcommand` takes.
    static func of(_ subcommand: String) -> [Argument] { all[subcommand] ?? [] }

    /// Every subcommand's settings, from one description of the whole tree (asked once: it costs
    /// a parse of every command's definition).
    // nonisolated(unsafe): a `let` of plain values, computed once on the main thread before any other starts.
    nonisolated(unsafe) static let all: [String: [Argument]] = {
        var message = ""
        do {
            _ = try ModelTopCommand.parseAsRoot(["--experimental-dump-help"])
        } catch {
            message = ModelTopCommand.fullMessage(for: error)
        }
        guard let data = message.data(using: .utf8),
            let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let command = root["command"] as? [String: Any],
            let subcommands = command["subcommands"] as? [[String: Any]]
        else { return [:] }
        var all: [String: [Argument]] = [:]
        for subcommand in subcommands {
            guard let name = subcommand["commandName"] as? String else { continue }
            all[name] = settings(subcommand["arguments"] as? [[String: Any]] ?? [])
        }
        return all
    }()

    private static func settings(_ arguments: [[String: Any]]) -> [Argument] {
        arguments.compactMap { argument in
            guard let kind = (argument["kind"] as? String).flatMap(Argument.Kind.init(rawValue:)) else { return nil }
            let long = (argument["names"] as? [[String: Any]])?.first { $0["kind"] as? String == "long" }?["name"] as? String
            guard let name = kind == .positional ? argument["valueName"] as? String : long, !notSettings.contains(name) else { return nil }
            let help = argument["abstract"] as? String ?? ""
            var value = argument["defaultValue"] as? String
            if value == nil, let range = help.range(of: "(default: "), let end = help[range.upperBound...].firstIndex(of: ")") {
                value = String(help[range.upperBound..<end])
            }
            return Argument(kind: kind, name: name, help: help, defaultValue: value)
        }
    }

    /// The subcommands a config file sets (the others take no settings from it).
    static let configured = ["open", "dashboard", "watch", "report"]
}
