import ModelTopCore
import ModelTopIO
import ModelTopTerminal
import ModelTopUI

/// One run of the dashboard: checks the terminal, loads the data like `report`, then hands the
/// screen to the loop and always takes it back, whatever ends the loop.
struct DashboardSession {
    var inputs: DashboardInputs
    var drift: DriftOptions
    var ascii: Bool

    func run() throws {
        if case .unusable(let reason) = TerminalEnvironment.current() {
            Terminal.printError(reason)
            throw ExitStatus(code: 2)
        }
        let snapshot = try loadSnapshot()
        let terminal = try CursesTerminal.start(asciiRequested: ascii, colorAllowed: TerminalEnvironment.colorAllowed)
        defer { terminal.end() }
        let options = DashboardOptions(ascii: terminal.textMode == .ascii, colors: terminal.colors)
        var dashboard = Dashboard(snapshot: snapshot, options: options)
        let outcome = try DashboardLoop(terminal: terminal).run(&dashboard)
        terminal.end()
        if case .signal(let number) = outcome { throw ExitStatus(code: 128 + number) }
    }

    /// Reads both files exactly as `report` does and computes what the screens draw.
    private func loadSnapshot() throws -> DashboardSnapshot {
        let referenceTable = try DataFiles.loadTable(path: inputs.reference)
        if referenceTable.rowCount == 0 {
            throw ModelTopError.noUsableRows(file: inputs.reference, rejected: referenceTable.rejections.count)
        }
        let reference = ReferenceProfile(table: referenceTable)
        let monitor = try DataFiles.loadMonitor(reference: reference, productionPath: inputs.production)
        if monitor.rows == 0 {
            throw ModelTopError.noUsableRows(file: inputs.production, rejected: monitor.rejections.count)
        }
        return DashboardSnapshot.build(monitor: monitor, options: drift, generatedAt: DashboardClock.now())
    }
}
