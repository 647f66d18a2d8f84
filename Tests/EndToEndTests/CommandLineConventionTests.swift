import Foundation
import Testing

/// The conventions of a well-kept CLI, checked on the real binary: the committed man page covers
/// every flag as the binary defines it today, and the generated completions complete in bash.
@Suite struct CommandLineConventionTests {
    static let subcommands = ["report", "dashboard", "open", "watch", "digit", "demo", "train", "retrain", "rollback", "config"]

    /// Each long flag and its help text, from the binary's own description of `subcommand`.
    static func flags(_ subcommand: String) throws -> [(name: String, help: String)] {
        let result = try ModelTopBinary.run([subcommand, "--experimental-dump-help"])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let arguments = (root["command"] as? [String: Any])?["arguments"] as? [[String: Any]] ?? []
        return arguments.compactMap { argument in
            guard let names = argument["names"] as? [[String: Any]],
                let long = names.first(where: { $0["kind"] as? String == "long" })?["name"] as? String,
                !["help", "version"].contains(long)
            else { return nil }
            return (long, argument["abstract"] as? String ?? "")
        }
    }

    @Test func theCommittedManPageHasEveryFlagWithItsCurrentHelp() throws {
        let manual = try String(contentsOf: ModelTopBinary.packageRoot.appendingPathComponent("docs/modeltop.1"), encoding: .utf8)
        for subcommand in Self.subcommands {
            #expect(manual.contains(".It Em \(subcommand)\n"), "docs/modeltop.1 has no \(subcommand) section")
            for flag in try Self.flags(subcommand) {
                #expect(manual.contains("Fl -\(flag.name)"), "docs/modeltop.1 lacks \(subcommand) --\(flag.name): regenerate it (README: Man page)")
                // The generator drops what is not ASCII ("…", "–").
                let ascii = String(String.UnicodeScalarView(flag.help.unicodeScalars.filter(\.isASCII)))
                #expect(manual.contains(ascii), "docs/modeltop.1 has an old help text for \(subcommand) --\(flag.name)")
            }
        }
    }

    /// What bash completes for `line` with the script modeltop generates.
    static func complete(_ line: String, script: String) throws -> [String] {
        let shell = """
            source "$1"
            read -ra COMP_WORDS <<< "$2"
            [[ "$2" == *" " ]] && COMP_WORDS+=("")
            COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMP_LINE="$2"; COMP_POINT=${#2}; COMPREPLY=()
            _modeltop modeltop "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let directory = try ModelTopBinary.executable.deletingLastPathComponent().path
        setenv("PATH", directory + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"), 1)
        let result = try Spawn.run(["bash", "-c", shell, "bash", script, line])
        #expect(result.status == 0, "\(result.output)")
        return result.output.split(separator: "\n").map(String.init)
    }

    @Test func bashCompletesSubcommandsFlagsAndTheirValues() throws {
        let generated = try ModelTopBinary.run(["--generate-completion-script", "bash"])
        #expect(generated.status == 0)
        let script = NSTemporaryDirectory() + "modeltop-completion-\(UUID().uuidString).bash"
        try Data(generated.stdout.utf8).write(to: URL(fileURLWithPath: script))
        defer { try? FileManager.default.removeItem(atPath: script) }
        #expect(try Self.complete("modeltop wat", script: script) == ["watch"])
        #expect(try Self.complete("modeltop watch --head", script: script) == ["--headless"])
        #expect(try Self.complete("modeltop watch --webhook-format ", script: script) == ["generic", "slack"])
        #expect(try Self.complete("modeltop report --drift-test ", script: script) == ["psi", "ks", "wasserstein"])
        #expect(try Self.complete("modeltop report --color a", script: script) == ["auto", "always"])
    }

    @Test func zshAndFishScriptsNameEverySubcommand() throws {
        for shell in ["zsh", "fish"] {
            let generated = try ModelTopBinary.run(["--generate-completion-script", shell])
            #expect(generated.status == 0 && !generated.stdout.isEmpty)
            for subcommand in Self.subcommands { #expect(generated.stdout.contains(subcommand), "\(shell): \(subcommand)") }
        }
    }

    @Test func colorFlagOverridesNoColorBothWays() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        let arguments = ["report", "--ref", "fixtures/digits/ref_data.csv", "--prod", "fixtures/digits/prod_clean.csv"]
        let always = try ModelTopBinary.run(arguments + ["--color", "always"], environment: environment)
        #expect(always.stdout.contains("\u{1B}["), "--color always colours despite NO_COLOR")
        environment["NO_COLOR"] = nil
        let never = try ModelTopBinary.run(arguments + ["--color", "never"], environment: environment)
        #expect(!never.stdout.contains("\u{1B}["))
        let auto = try ModelTopBinary.run(arguments, environment: environment)
        #expect(!auto.stdout.contains("\u{1B}["), "auto: not a terminal, no colour")
        let bad = try ModelTopBinary.run(arguments + ["--color", "sometimes"])
        #expect(bad.status == 2)
    }
}
