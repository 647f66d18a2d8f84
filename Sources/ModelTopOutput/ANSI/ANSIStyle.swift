/// The only ANSI escape sequences modeltop writes to a stream (the dashboard draws through curses).
///
/// Kept here, in the output layer, so the layers that compute never produce terminal codes.
package enum ANSIStyle {
    /// `text` wrapped in the SGR `code` ("1" bold, "32" green, …) and a reset.
    package static func wrap(_ text: String, _ code: String) -> String { "\u{1B}[\(code)m\(text)\u{1B}[0m" }

    /// Foreground and background set to xterm 256-colour indices, before one glyph.
    package static func colors(foreground: Int, background: Int) -> String {
        "\u{1B}[38;5;\(foreground)m\u{1B}[48;5;\(background)m"
    }

    package static let reset = "\u{1B}[0m"
}
