/// Path arithmetic on text, without Foundation: swift-corelibs-foundation's
/// `NSString.deletingLastPathComponent` traps on a one-character path ("p", "0"), which a user
/// may well type.
package enum PathText {
    /// The directory part: "a/b/c.csv" → "a/b", "c.csv" → ".", "/c.csv" → "/", "a/b/" → "a".
    package static func directory(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        let head = trimmed[..<slash]
        return head.isEmpty ? "/" : String(head)
    }

    /// The last component: "a/b/c.csv" → "c.csv", "a/b/" → "b", "c" → "c".
    package static func lastComponent(of path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}

extension PathText {
    /// modeltop's directory under an XDG base directory: `$VARIABLE/modeltop` when the variable
    /// is an absolute path (the spec ignores relative ones), else `$HOME/<fallback>/modeltop`;
    /// nil when neither gives one. `xdg("XDG_CACHE_HOME", ".cache", environment)`.
    package static func xdg(_ variable: String, _ fallback: String, _ environment: [String: String]) -> String? {
        if let base = environment[variable], base.hasPrefix("/") { return base + "/modeltop" }
        if let home = environment["HOME"], home.hasPrefix("/") { return home + "/" + fallback + "/modeltop" }
        return nil
    }
}
