import ArgumentParser
import Glibc
import ModelTopBase

/// The `modeltop` command: subcommands for each job.
struct ModelTopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "modeltop",
        abstract: "A terminal console for a classifier in production: drift, quality, latency, retraining.",
        version: "modeltop 0.13.0",
        subcommands: [ReportCommand.self, DashboardCommand.self, DashboardDirectoryCommand.self, WatchCommand.self,
                      DigitCommand.self, DemoCommand.self,
                      TrainCommand.self, RetrainCommand.self, RollbackCommand.self], defaultSubcommand: DashboardDirectoryCommand.self
    )
}

/// Runs the command with modeltop's exit statuses: 0 healthy, 1 unhealthy, 2 usage or input error.
@main
enum Entry {
    static func main() {
        BacktraceSettings.makeNonInteractive()
        do {
            var command = try ModelTopCommand.parseAsRoot()
            try command.run()
        } catch let status as ExitStatus {
            exit(status.code)
        } catch let error as ModelTopError {
            Terminal.printError(Diagnostics.message(for: error))
            exit(2)
        } catch {
            let code = ModelTopCommand.exitCode(for: error)
            if code == .success {
                print(ModelTopCommand.fullMessage(for: error))
                exit(0)
            }
            Terminal.printError(usageMessage(ModelTopCommand.fullMessage(for: error)))
            exit(2)
        }
    }
}

/// swift-argument-parser's message without its own "Error: " (ours says `modeltop: error:`),
/// each line made safe: it quotes what the user typed, which may hold escapes.
func usageMessage(_ message: String) -> String {
    var text = message
    if text.hasPrefix("Error: ") { text.removeFirst("Error: ".count) }
    return text.split(separator: "\n", omittingEmptySubsequences: false).map { SafeText.inline(String($0), maxScalars: 2000) }
        .joined(separator: "\n")
}

/// Ends the command with a status after its output is written.
struct ExitStatus: Error {
    var code: Int32
}
