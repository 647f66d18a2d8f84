/// Whether the user's locale can show Unicode drawings, from the environment alone.
///
/// The POSIX rule: `LC_ALL` wins when set and non-empty, then `LC_CTYPE`, then `LANG`; the
/// charset must be UTF-8 (`en_US.UTF-8`, `C.utf8`). `C`, `POSIX` or nothing set means ASCII.
package enum DigitLocale {
    package static func mode(environment: [String: String], asciiRequested: Bool) -> DigitLayout.Mode {
        if asciiRequested { return .ascii }
        let chosen = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
        guard let chosen else { return .ascii }
        let charset = chosen.uppercased().filter { $0 != "-" && $0 != "_" }
        return charset.contains("UTF8") ? .unicode : .ascii
    }
}
