import ArgumentParser
import ModelTopCore

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

    @Flag(name: .long, help: "Draw with ASCII only, even in a UTF-8 terminal.")
    var ascii = false

    @OptionGroup var drift: DriftFlags

    @OptionGroup(title: "Retraining") var retrain: RetrainFlags

    func validate() throws {
        try drift.check()
        try retrain.check()
    }

    func run() throws {
        let inputs = try DashboardInputs.find(in: directory)
        try DashboardSession(inputs: inputs, drift: drift.options, window: drift.productionWindow, ascii: ascii,
            retrainCommand: retrain.command, triggers: retrain.triggers).run()
    }
}
