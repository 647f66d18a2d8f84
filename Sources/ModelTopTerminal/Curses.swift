import CNcursesw

/// Every curses call modeltop makes, each checked, in one caseless enum.
///
/// Like swift-system's syscall wrappers: the rest of the module never calls curses directly, so
/// no return code is dropped on the floor and each failure names its C function.
enum Curses {
    /// A curses window; `WINDOW` is not opaque in this ncurses, so Swift sees a typed pointer.
    typealias Window = UnsafeMutablePointer<WINDOW>

    /// Turns a curses status into a thrown `CursesError`.
    static func check(_ status: Int32, _ function: String) throws(CursesError) {
        if status == modeltop_err() { throw CursesError(function: function) }
    }

    /// Starts curses on the given streams; `nil` type means `$TERM`.
    /// The corresponding C function is `newterm`.
    static func newterm(output: UnsafeMutablePointer<FILE>, input: UnsafeMutablePointer<FILE>) throws(CursesError) -> OpaquePointer {
        guard let screen = CNcursesw.newterm(nil, output, input) else {
            throw CursesError(function: "newterm", detail: "unknown terminal type")
        }
        return screen
    }

    /// The window `newterm` made, read once and kept.
    static func screenWindow() throws(CursesError) -> Window {
        guard let window = modeltop_current_screen_window() else { throw CursesError(function: "stdscr") }
        return window
    }

    /// The corresponding C function is `endwin`.
    static func endwin() throws(CursesError) { try check(CNcursesw.endwin(), "endwin") }

    /// Whether curses is between `endwin` and the next refresh. The corresponding C function is `isendwin`.
    static func isendwin() -> Bool { CNcursesw.isendwin() }

    /// The corresponding C function is `delscreen`; it returns nothing to check.
    static func delscreen(_ screen: OpaquePointer) { CNcursesw.delscreen(screen) }

    /// The corresponding C function is `cbreak`.
    static func cbreak() throws(CursesError) { try check(CNcursesw.cbreak(), "cbreak") }

    /// The corresponding C function is `noecho`.
    static func noecho() throws(CursesError) { try check(CNcursesw.noecho(), "noecho") }

    /// The corresponding C function is `nonl`.
    static func nonl() throws(CursesError) { try check(CNcursesw.nonl(), "nonl") }

    /// The corresponding C function is `keypad`.
    static func keypad(_ window: Window, _ on: Bool) throws(CursesError) {
        try check(CNcursesw.keypad(window, on), "keypad")
    }

    /// The corresponding C function is `set_escdelay`.
    static func setEscDelay(milliseconds: Int32) throws(CursesError) {
        try check(CNcursesw.set_escdelay(milliseconds), "set_escdelay")
    }

    /// Teaches curses one more escape sequence for a key. The corresponding C function is `define_key`.
    static func defineKey(_ sequence: String, as code: Int32) throws(CursesError) {
        try check(CNcursesw.define_key(sequence, code), "define_key")
    }

    /// Hides the cursor; returns false where the terminal cannot (not an error: the cursor just shows).
    /// The corresponding C function is `curs_set`.
    static func hideCursor() -> Bool { CNcursesw.curs_set(0) != modeltop_err() }

    /// The corresponding C function is `has_colors`.
    static func hasColors() -> Bool { CNcursesw.has_colors() }

    /// The corresponding C function is `start_color`.
    static func startColor() throws(CursesError) { try check(CNcursesw.start_color(), "start_color") }

    /// Lets pair colour -1 mean the terminal's own colour; false where unsupported.
    /// The corresponding C function is `use_default_colors`.
    static func useDefaultColors() -> Bool { CNcursesw.use_default_colors() != modeltop_err() }

    /// The corresponding C function is `init_pair`.
    static func initPair(_ pair: Int16, foreground: Int16, background: Int16) throws(CursesError) {
        try check(CNcursesw.init_pair(pair, foreground, background), "init_pair")
    }

    /// The corresponding C function is `wtimeout`; it returns nothing to check.
    static func wtimeout(_ window: Window, milliseconds: Int32) { CNcursesw.wtimeout(window, milliseconds) }

    /// Reads one key or character; nil on timeout or interruption by a signal.
    /// The corresponding C function is `wget_wch`.
    static func wgetWch(_ window: Window) -> (code: UInt32, isKeyCode: Bool)? {
        var value: wint_t = 0
        let status = CNcursesw.wget_wch(window, &value)
        if status == modeltop_err() { return nil }
        return (UInt32(value), status == modeltop_key_code_yes())
    }

    /// Reads one byte or key code; nil on timeout or interruption by a signal. For locales that
    /// are not UTF-8, where `wget_wch` waits forever for a multibyte character the locale cannot
    /// decode. The corresponding C function is `wgetch`.
    static func wgetch(_ window: Window) -> (code: UInt32, isKeyCode: Bool)? {
        let value = CNcursesw.wgetch(window)
        if value == modeltop_err() { return nil }
        return (UInt32(value), value >= KEY_MIN)
    }

    /// The corresponding C function is `werase`.
    static func werase(_ window: Window) throws(CursesError) { try check(CNcursesw.werase(window), "werase") }

    /// The corresponding C function is `clearok`.
    static func clearok(_ window: Window, _ on: Bool) throws(CursesError) {
        try check(CNcursesw.clearok(window, on), "clearok")
    }

    /// The corresponding C function is `leaveok`.
    static func leaveok(_ window: Window, _ on: Bool) throws(CursesError) {
        try check(CNcursesw.leaveok(window, on), "leaveok")
    }

    /// The corresponding C function is `wmove`.
    static func wmove(_ window: Window, y: Int32, x: Int32) throws(CursesError) {
        try check(CNcursesw.wmove(window, y, x), "wmove")
    }

    /// The corresponding C function is `setcchar`.
    static func setcchar(_ cell: inout cchar_t, _ characters: [wchar_t], attributes: attr_t, pair: Int16) throws(CursesError) {
        let status = characters.withUnsafeBufferPointer { CNcursesw.setcchar(&cell, $0.baseAddress, attributes, pair, nil) }
        try check(status, "setcchar")
    }

    /// The corresponding C function is `wadd_wch`.
    static func waddWch(_ window: Window, _ cell: inout cchar_t) throws(CursesError) {
        try check(CNcursesw.wadd_wch(window, &cell), "wadd_wch")
    }

    /// Draws without moving the cursor: the only way to fill the bottom-right cell, where
    /// `wadd_wch` would have to scroll. The corresponding C function is `wins_wch`.
    static func winsWch(_ window: Window, _ cell: inout cchar_t) throws(CursesError) {
        try check(CNcursesw.wins_wch(window, &cell), "wins_wch")
    }

    /// The corresponding C function is `wnoutrefresh`.
    static func wnoutrefresh(_ window: Window) throws(CursesError) {
        try check(CNcursesw.wnoutrefresh(window), "wnoutrefresh")
    }

    /// The corresponding C function is `doupdate`.
    static func doupdate() throws(CursesError) { try check(CNcursesw.doupdate(), "doupdate") }

    /// The window's size in cells.
    static func size(_ window: Window) -> (width: Int, height: Int) {
        (Int(modeltop_window_width(window)), Int(modeltop_window_height(window)))
    }
}
