import CNcursesw

/// Unicode or plain ASCII drawing, decided from the locale and `--ascii`.
package enum TextMode: Sendable, Equatable {
    case unicode
    case ascii

    /// Unicode when the locale's codeset is UTF-8 and the user did not ask for ASCII.
    /// `setlocale(LC_CTYPE, "")` must have run first (`CursesTerminal.start` does it).
    package static func decide(codeset: String, asciiRequested: Bool) -> TextMode {
        if asciiRequested { return .ascii }
        let normalized = codeset.uppercased().filter { $0 != "-" }
        return normalized == "UTF8" ? .unicode : .ascii
    }

    /// The current locale's codeset. The corresponding C function is `nl_langinfo`.
    static var currentCodeset: String {
        guard let codeset = modeltop_locale_codeset() else { return "" }
        return String(cString: codeset)
    }
}
