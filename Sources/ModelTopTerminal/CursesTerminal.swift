import CCrashGuard
import CNcursesw
import Glibc
import ModelTopSystem
import ModelTopUI

/// The full-screen terminal: owns curses from `start` to `end`, draws canvases, reads input.
///
/// Not Sendable on purpose: curses is single-threaded, so the one instance lives and dies on the
/// thread that started it. `end` (also run by `deinit`) always hands the terminal back.
package final class CursesTerminal: TerminalScreen {
    /// Box drawing and symbols the dashboard may use.
    package let textMode: TextMode
    /// Colours in use: 0, 8, 16 or 256.
    package var colors: Int { palette.colors }

    private let screen: OpaquePointer
    private let window: Curses.Window
    private let output: UnsafeMutablePointer<FILE>
    private let input: UnsafeMutablePointer<FILE>
    private let savedSignals: SignalFlags.Saved
    private let palette: ColorPalette
    private let painter: CellPainter
    private var previous: Canvas?
    private var fullRepaintRequested = false
    private var ended = false
    /// UTF-8 input is decoded by `wget_wch`; in other locales keys are read as bytes.
    private let localeIsUTF8: Bool

    private init(
        textMode: TextMode, screen: OpaquePointer, window: Curses.Window, output: UnsafeMutablePointer<FILE>,
        input: UnsafeMutablePointer<FILE>, savedSignals: SignalFlags.Saved, palette: ColorPalette, localeIsUTF8: Bool
    ) {
        self.textMode = textMode
        self.screen = screen
        self.window = window
        self.output = output
        self.input = input
        self.savedSignals = savedSignals
        self.palette = palette
        self.localeIsUTF8 = localeIsUTF8
        painter = CellPainter(window: window, palette: palette, localeIsUTF8: localeIsUTF8)
    }

    /// Takes over the terminal on standard input and output.
    ///
    /// Check `TerminalEnvironment.current()` first: curses must not start on a pipe or a dumb terminal.
    package static func start(asciiRequested: Bool, colorAllowed: Bool) throws -> CursesTerminal {
        // The character set only (ncursesw draws wide characters by it): numbers are parsed and
        // printed the same in every locale, so LC_NUMERIC stays "C".
        _ = setlocale(LC_CTYPE, "")
        let codeset = TextMode.currentCodeset
        let textMode = TextMode.decide(codeset: codeset, asciiRequested: asciiRequested)
        let localeIsUTF8 = TextMode.decide(codeset: codeset, asciiRequested: false) == .unicode
        let saved = SignalFlags.install(SignalFlags.dashboard)
        // Before curses changes a mode: the guard saves the modes to put back after a crash.
        modeltop_crash_guard_install()
        var output: UnsafeMutablePointer<FILE>?
        var input: UnsafeMutablePointer<FILE>?
        var screen: OpaquePointer?
        do {
            output = try Platform.openStream(duplicating: STDOUT_FILENO, mode: "w")
            input = try Platform.openStream(duplicating: STDIN_FILENO, mode: "r")
            screen = try Curses.newterm(output: output!, input: input!)
            let window = try Curses.screenWindow()
            try Curses.cbreak()
            try Curses.noecho()
            try Curses.nonl()
            try Curses.keypad(window, true)
            try Curses.setEscDelay(milliseconds: 25)
            try Curses.leaveok(window, true)
            try KeySequences.defineAlternates()
            _ = Curses.hideCursor()
            let palette = try startColors(allowed: colorAllowed)
            return CursesTerminal(
                textMode: textMode, screen: screen!, window: window, output: output!, input: input!,
                savedSignals: saved, palette: palette, localeIsUTF8: localeIsUTF8)
        } catch {
            if let screen {
                if !Curses.isendwin() { try? Curses.endwin() }
                Curses.delscreen(screen)
            }
            if let output { _ = fclose(output) }
            if let input { _ = fclose(input) }
            modeltop_crash_guard_remove()
            SignalFlags.restore(saved)
            throw error
        }
    }

    /// Colours when the terminal has them and NO_COLOR is unset; the terminal's own colours as default.
    private static func startColors(allowed: Bool) throws(CursesError) -> ColorPalette {
        guard allowed, Curses.hasColors() else { return ColorPalette(colors: 0, defaultColors: false, maxPairs: 0) }
        try Curses.startColor()
        let defaults = Curses.useDefaultColors()
        let count = Int(modeltop_colors())
        let colors = count >= 256 ? 256 : count >= 16 ? 16 : count >= 8 ? 8 : 0
        return ColorPalette(colors: colors, defaultColors: defaults, maxPairs: Int(modeltop_color_pairs()))
    }

    /// The window's size in cells; the canvas to draw should have this size.
    package var size: (width: Int, height: Int) { Curses.size(window) }

    /// Repaints the whole screen on the next `draw` (Ctrl-L, back from a suspend).
    package func requestFullRepaint() { fullRepaintRequested = true }

    /// Draws a frame: only the cells that changed, then one `doupdate`.
    package func draw(_ canvas: Canvas) throws(CursesError) {
        let (width, height) = size
        let diff = fullRepaintRequested ? FrameDiff.between(nil, canvas) : FrameDiff.between(previous, canvas)
        let indices: [Int]
        switch diff {
        case .full(let all):
            try Curses.werase(window)
            if fullRepaintRequested { try Curses.clearok(window, true) }
            indices = all
        case .partial(let changed):
            indices = changed
        }
        for index in indices {
            let x = index % canvas.width, y = index / canvas.width
            guard x < width, y < height else { continue }
            try painter.paint(canvas, x: x, y: y, screenWidth: width, screenHeight: height)
        }
        try Curses.wnoutrefresh(window)
        try Curses.doupdate()
        previous = canvas
        fullRepaintRequested = false
    }

    /// Waits up to `timeoutMilliseconds` for a key, a resize or a signal; the thread sleeps meanwhile.
    ///
    /// Signals interrupt the wait (their handlers are installed without SA_RESTART); one landing
    /// between the flag check and the read is seen when the timeout ends, so the tick bounds the delay.
    package func nextInput(timeoutMilliseconds: Int) throws -> TerminalInput {
        if let input = try handleSignals() { return input }
        Curses.wtimeout(window, milliseconds: Int32(clamping: max(0, timeoutMilliseconds)))
        guard let (code, isKeyCode) = localeIsUTF8 ? Curses.wgetWch(window) : Curses.wgetch(window) else {
            return try handleSignals() ?? .timedOut
        }
        // Outside UTF-8, a byte above ASCII is half of a character nobody can decode here.
        if !localeIsUTF8, !isKeyCode, code > 0x7F { return .ignored }
        switch KeyDecoder.decode(code: code, isKeyCode: isKeyCode) {
        case .resize:
            previous = nil
            let (width, height) = size
            return .event(.resize(width: width, height: height))
        case .interrupt:
            return .stop(signal: SIGINT)
        case .key(let key):
            if key == .control("l") { requestFullRepaint() }
            return .event(.key(key))
        case nil:
            return .ignored
        }
    }

    /// Acts on caught signals: stop requests are returned, Ctrl-Z suspends here and now.
    private func handleSignals() throws -> TerminalInput? {
        let signals = SignalFlags.take()
        if signals.isEmpty { return nil }
        for stop in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] where signals.contains(stop) { return .stop(signal: stop) }
        // Ctrl-Z: hand the terminal back, then stop. A bare SIGCONT (after SIGSTOP, which cannot
        // be caught) finds the terminal in whatever modes the shell left: leaving curses mode here
        // makes the next `doupdate` set ours again. Either way the next frame repaints everything.
        if !Curses.isendwin() { try Curses.endwin() }
        if signals.contains(SIGTSTP) {
            SignalFlags.suspendProcess()
            _ = SignalFlags.take()  // the SIGCONT that woke us
        }
        requestFullRepaint()
        return .resumed
    }

    /// Hands the terminal back: modes, cursor, screen contents, signal handlers. Safe to call twice.
    package func end() {
        if ended { return }
        ended = true
        if !Curses.isendwin() {
            do { try Curses.endwin() } catch {
                // endwin fails only when curses is not in visual mode; there is nothing left to restore.
            }
        }
        Curses.delscreen(screen)
        // Our duplicates of stdin/stdout: a failed close loses nothing (curses flushed in endwin).
        _ = fclose(output)
        _ = fclose(input)
        modeltop_crash_guard_remove()
        SignalFlags.restore(savedSignals)
    }

    deinit { end() }
}
