import ArgumentParser
import ModelTopTerminal

/// `--color auto|always|never`, beside `NO_COLOR`: `auto` colours a terminal unless NO_COLOR
/// is set (or TERM is dumb); `always` and `never` say so whatever the environment.
struct ColorFlag: ParsableArguments {
    enum Choice: String, ExpressibleByArgument, CaseIterable {
        case auto, always, never
    }

    @Option(name: .long, help: "Colour: auto (a terminal, unless NO_COLOR is set), always or never.")
    var color: Choice = .auto

    /// For text written to stdout (report, digit).
    var stdout: Bool {
        switch color {
        case .auto: return Terminal.stdoutWantsColor
        case .always: return true
        case .never: return false
        }
    }

    /// For the dashboard: whether curses may use the terminal's colours.
    var dashboard: Bool {
        switch color {
        case .auto: return TerminalEnvironment.colorAllowed
        case .always: return true
        case .never: return false
        }
    }
}
