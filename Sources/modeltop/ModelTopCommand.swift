import ArgumentParser
import Foundation
import Glibc
import ModelTopBase

/// The `modeltop` command: subcommands for each job.
struct ModelTopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "modeltop",
        abstract: "A terminal console for a classifier in production: drift, quality, latency, retraining.",
        version: "modeltop 0.13.0",
        subcommands: [ReportCommand.self, DashboardCommand.self, DashboardDirectoryCommand.self, WatchCommand.self, FleetCommand.self,
                      DigitCommand.self, DemoCommand.self,
                      TrainCommand.self, RetrainCommand.self, RollbackCommand.self, ConfigCommand.self], defaultSubcommand: DashboardDirectoryCommand.self
    )
}

/// Runs the command with modeltop's exit statuses: 0 healthy, 1 unhealthy, 2 usage or input error.
@main
enum Entry {
    static func main() {
        BacktraceSettings.makeNonInteractive()
        var arguments = Array(CommandLine.arguments.dropFirst())
        do {
            // The config file's settings become flags the command line did not give.
            let applied = try ConfigArguments.apply(arguments, environment: ProcessInfo.processInfo.environment)
            arguments = applied.arguments
            ConfigContext.shared = applied.context
            var command = try ModelTopCommand.parseAsRoot(arguments)
            try command.run()
        } catch let error as UserFacingError {
            // The one place an error becomes a message and an exit status.
            if !error.userMessage.isEmpty { Terminal.printError(error.userMessage) }
            exit(error.exitStatus)
        } catch {
            let code = ModelTopCommand.exitCode(for: error)
            if code == .success {
                print(ModelTopCommand.fullMessage(for: error))
                exit(0)
            }
            Terminal.printError(usageMessage(ConfigContext.shared.annotate(ModelTopCommand.fullMessage(for: error))))
            exit(2)
        }
    }
}

/// swift-argument-parser's message without its own "Error: " (ours says `modeltop: error:`),
/// each line made safe: it quotes what the user typed, which may hold escapes.
func usageMessage(_ message: String) -> String {
    var text = message
    if text.hasPrefix("Error: ") { text.removeFirst("Error: ".count) }
    text = ownValueMessage(text)
    return text.split(separator: "\n", omittingEmptySubsequences: false).map { SafeText.inline(String($0), maxScalars: 2000) }
        .joined(separator: "\n")
}

/// Ends the command with a status after its output is written (the output said everything).
struct ExitStatus: UserFacingError {
    var code: Int32
    var userMessage: String { "" }
    var exitStatus: Int32 { code }
}

/// A flag value our transform refused (`FlagValue`) already names the flag and the value:
/// "The value 'x' is invalid for '--flag <flag>': --flag must be …" becomes "--flag must be …",
/// and the help line the parser adds after it goes too.
func ownValueMessage(_ text: String) -> String {
    guard text.hasPrefix("The value '"), let colon = text.range(of: ">': --") else { return text }
    var rest = String(text[text.index(colon.upperBound, offsetBy: -2)...])
    if let help = rest.range(of: "\nHelp: ") {
        let usage = rest[help.upperBound...].range(of: "\nUsage: ").map { String(rest[$0.lowerBound...]) } ?? ""
        rest = String(rest[..<help.lowerBound]) + usage
    }
    return rest
}
