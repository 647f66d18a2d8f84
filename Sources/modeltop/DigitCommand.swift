import ArgumentParser
import Glibc
import ModelTopDigits
import ModelTopIO
import ModelTopApp

/// `modeltop digit`: draws one input image with its label, prediction and class probabilities,
/// because the way to understand an odd prediction is to look at what the model was shown.
struct DigitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digit",
        abstract: "Draw one input image (IDX, PGM, digits CSV row, or a logged request) in the terminal.",
        discussion: """
            FILE is an MNIST IDX images file (…-idx3-ubyte; its labels file is found by name: \
            train-images-idx3-ubyte → train-labels-idx1-ubyte), a binary PGM (P5), a digits CSV \
            (id,label,p0,…; --index counts data rows from 0, --id matches the id column), or \
            prediction logs: a directory of *.jsonl or one file, with --id REQUEST-ID.
            Unicode draws two pixel rows per line with half blocks (grey colours on a terminal); \
            ASCII draws one pixel row per line, each pixel two columns wide, with ` .:-=+*#%@`.
            Exit status: 0 drawn; 2 usage or input error.
            """
    )

    @Argument(help: "An IDX, PGM or CSV file, or a prediction-log directory or file.")
    var file: String

    @Option(name: .long, parsing: .unconditional, help: "Which image (IDX) or data row (CSV), from 0.")
    var index: Int = 0

    @Option(name: .long, help: "A request id in prediction logs, or a CSV id.")
    var id: String?

    @Option(name: .long, help: "The IDX labels file (default: found beside the images file by name).")
    var labels: String?

    @Flag(name: .long, help: "Draw with ASCII only (the default outside UTF-8 locales).")
    var ascii = false

    @Option(name: .long, parsing: .unconditional, help: "Fit the image into this many columns (default: natural size, 8×8 → 16 columns).")
    var width: Int?

    @Option(name: .long, parsing: .unconditional, help: "Fit the image into this many lines.")
    var height: Int?

    @Option(name: .customLong("max-value"), parsing: .unconditional, help: "The pixel value of full ink (default: 255 IDX, the PGM maxval, else 16 when every value is ≤ 16, else 255).")
    var maxValue: Double?

    @OptionGroup var colors: ColorFlag

    func validate() throws {
        if index < 0 { throw ValidationError("--index must be 0 or more") }
        for (name, value) in [("--width", width), ("--height", height)] {
            if let value, !(1...1000).contains(value) { throw ValidationError("\(name) must be between 1 and 1000") }
        }
        if let maxValue, !(maxValue.isFinite && maxValue > 0) { throw ValidationError("--max-value must be a number above 0") }
    }

    func run() throws {
        let mode = DigitLocale.mode(environment: Self.localeEnvironment(), asciiRequested: ascii)
        let drawing = DigitDrawing(
            file: file, selection: ImageFiles.Selection(index: index, id: id, labelsPath: labels, maxValue: maxValue), mode: mode,
            width: width, height: height, screen: Self.screenSize, coloured: colors.stdout)
        Terminal.writeAll(STDOUT_FILENO, try drawing.run())
    }

    /// The locale variables, which decide Unicode or ASCII (see `DigitLocale`).
    static func localeEnvironment() -> [String: String] {
        var environment: [String: String] = [:]
        for name in ["LC_ALL", "LC_CTYPE", "LANG"] {
            if let value = getenv(name) { environment[name] = String(cString: value) }
        }
        return environment
    }

    /// The terminal's size when stdout is one, else `COLUMNS` and `LINES`, else 80×24.
    static var screenSize: (columns: Int, lines: Int) {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 {
            return (Int(size.ws_col), Int(size.ws_row))
        }
        func variable(_ name: String) -> Int? { getenv(name).flatMap { Int(String(cString: $0)) }.flatMap { $0 > 0 ? $0 : nil } }
        return (variable("COLUMNS") ?? 80, variable("LINES") ?? 24)
    }
}
