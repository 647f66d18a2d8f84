/// What waiting on the terminal produced, for the UI loop.
package enum TerminalInput: Sendable, Equatable {
    /// A key or a resize, for the dashboard.
    case event(AppEvent)
    /// The timeout passed with nothing read.
    case timedOut
    /// A key curses knows but the dashboard has no name for; nothing to do.
    case ignored
    /// The user or the system asked modeltop to stop: SIGINT (or Ctrl-C as a byte), SIGTERM, SIGHUP.
    case stop(signal: Int32)
    /// Back from Ctrl-Z/fg or another stop: the next draw repaints everything.
    case resumed
}

/// The terminal as the app loop uses it: its size, a frame to draw, the next input. Curses in
/// the binary (`CursesTerminal`), a scripted double in the app's tests.
package protocol TerminalScreen: AnyObject {
    var size: (width: Int, height: Int) { get }
    /// Draws `canvas`, changing only the cells that differ from the last frame.
    func draw(_ canvas: Canvas) throws
    /// Waits at most `timeoutMilliseconds` for a key, a resize or a signal.
    func nextInput(timeoutMilliseconds: Int) throws -> TerminalInput
    /// The next draw repaints every cell (Ctrl-L).
    func requestFullRepaint()
}
