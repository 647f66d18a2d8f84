import ModelTopUI

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
