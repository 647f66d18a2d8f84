import CNcursesw

/// Key sequences terminals send that their terminfo entry may not list.
///
/// Under tmux or screen with `TERM=xterm-256color`, Home and End arrive as `ESC[1~`/`ESC[4~`
/// (and rxvt sends `ESC[7~`/`ESC[8~`); without these, curses would hand the dashboard a stray
/// Escape followed by "[1~".
enum KeySequences {
    static let alternates: [(String, Int32)] = [
        ("\u{1B}[1~", KEY_HOME), ("\u{1B}[7~", KEY_HOME), ("\u{1B}[H", KEY_HOME), ("\u{1B}OH", KEY_HOME),
        ("\u{1B}[4~", KEY_END), ("\u{1B}[8~", KEY_END), ("\u{1B}[F", KEY_END), ("\u{1B}OF", KEY_END),
        ("\u{1B}[A", KEY_UP), ("\u{1B}[B", KEY_DOWN), ("\u{1B}[C", KEY_RIGHT), ("\u{1B}[D", KEY_LEFT),
        ("\u{1B}[Z", KEY_BTAB),
    ]

    /// Registers every alternate with curses (after `keypad`, before the first read).
    static func defineAlternates() throws(CursesError) {
        for (sequence, code) in alternates { try Curses.defineKey(sequence, as: code) }
    }
}
