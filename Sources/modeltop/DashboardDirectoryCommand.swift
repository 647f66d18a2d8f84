import ArgumentParser
import ModelTopApp

/// `modeltop [DIR]`: the dashboard on a project directory laid out the usual way.
///
/// The default subcommand, so `modeltop` alone opens the console on the current directory.
struct DashboardDirectoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "The dashboard on DIR's ref_data.csv, prod_data.csv, *.jsonl and artifacts/ (the default command).",
        discussion: "Exit status: as `modeltop dashboard`."
    )

    @Argument(help: "The directory holding ref_data.csv and prod_data.csv.")
    var directory: String = "."

    @Option(name: .long, help: "The directory of prediction logs (*.jsonl); default: DIR if it holds any, else DIR/logs.")
    var logs: String?

    @OptionGroup var flags: DashboardFlags

    func validate() throws { try flags.check() }

    func run() throws {
        let inputs = try DashboardInputs.find(in: directory, logs: logs)
        try flags.session(inputs).run()
    }
}
