import Foundation
import Glibc
import ModelTopBase
import ModelTopMonitor
import ModelTopConfig

/// The config file as the entry point applied it: which file, what each setting came from, and
/// the alert rules (which have no flags). Set once, before the command is parsed.
struct ConfigContext: Sendable {
    /// Where a setting's value came from, for `modeltop config`.
    enum Origin: Sendable, Equatable {
        case flag
        case file(String, line: Int?)
        case standard
    }

    /// The file read, and how it was found ("--config", "$MODELTOP_CONFIG", …); nil: none.
    var file: (path: String, reason: String)?
    var origins: [String: Origin] = [:]
    /// Values the file set, by key (as text), for `modeltop config`.
    var values: [String: String] = [:]
    var rules: [AlertRule] = AlertRules.defaults
    /// The places looked at, in order, for `modeltop config`.
    var searched: [String] = []

    nonisolated(unsafe) static var shared = ConfigContext()

    /// A parse error about a flag the file set says so: "… (set by modeltop.toml:4)".
    func annotate(_ message: String) -> String {
        for (key, origin) in origins.sorted(by: { $0.key < $1.key }) {
            guard case .file(let path, let line) = origin else { continue }
            let flag = "--" + key.replacingOccurrences(of: "_", with: "-")
            if message.contains(flag + " ") || message.contains(flag + "'") || message.contains(flag + ":") || message.hasSuffix(flag) {
                let first = message.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
                return String(first[0]) + " (set by \(path)\(line.map { ":\($0)" } ?? ""))" + (first.count > 1 ? "\n" + first[1] : "")
            }
        }
        return message
    }

    /// The file to read, in the documented order: `--config FILE`, `$MODELTOP_CONFIG`,
    /// `DIR/modeltop.toml` (the watched directory), `$XDG_CONFIG_HOME/modeltop/config.toml`
    /// (only if absolute), `~/.config/modeltop/config.toml`. The first that exists wins; an
    /// explicit one that does not exist is an error.
    static func locate(explicit: String?, directory: String?, environment: [String: String]) throws(ConfigError) -> (path: String, reason: String)?
    {
        if let explicit {
            guard exists(explicit) else { throw ConfigError(file: explicit, line: nil, "--config: no such file") }
            return (explicit, "--config")
        }
        if let named = environment["MODELTOP_CONFIG"], !named.isEmpty {
            guard exists(named) else { throw ConfigError(file: named, line: nil, "$MODELTOP_CONFIG names a file that does not exist") }
            return (named, "$MODELTOP_CONFIG")
        }
        for (path, reason) in candidates(directory: directory, environment: environment) where exists(path) {
            return (path, reason)
        }
        return nil
    }

    /// The places looked at after --config and $MODELTOP_CONFIG.
    static func candidates(directory: String?, environment: [String: String]) -> [(String, String)] {
        var places: [(String, String)] = []
        places.append(((directory ?? ".") + "/modeltop.toml", "the watched directory"))
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            places.append((xdg + "/modeltop/config.toml", "$XDG_CONFIG_HOME"))
        }
        if let home = environment["HOME"], home.hasPrefix("/") {
            places.append((home + "/.config/modeltop/config.toml", "~/.config"))
        }
        return places
    }

    /// Where `config --init` writes by default: the user's config file.
    static func userFile(environment: [String: String]) -> String? {
        PathText.xdg("XDG_CONFIG_HOME", ".config", environment).map { $0 + "/config.toml" }
    }

    private static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// The file's bytes as text, or a `ConfigError` saying why not.
    static func read(_ path: String) throws(ConfigError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, line: nil, "cannot read: \(String(cString: strerror(errno)))")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw ConfigError(file: path, line: nil, "not UTF-8 text") }
        return text
    }
}
