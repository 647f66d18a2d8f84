/// Text that is safe to print: it has been through `SafeText`, or it is a literal in modeltop's
/// own source. Renderers that print data (the report's tables) take this type, not `String`, so a
/// raw label cannot reach a terminal by forgetting a call: it does not compile.
package struct SafeString: Sendable, Equatable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    package let text: String

    /// Only `SafeText.safe` builds one from a runtime string.
    fileprivate init(sanitised: String) { text = sanitised }

    /// A literal written in modeltop's source: trusted by construction.
    package init(stringLiteral literal: StaticString) {
        text = literal.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }
    }

    package var description: String { text }
}

extension SafeText {
    /// `text` made safe (`inline`), as a value renderers accept.
    package static func safe(_ text: String, maxScalars: Int = 200) -> SafeString {
        SafeString(sanitised: inline(text, maxScalars: maxScalars))
    }

    /// A number formatted by modeltop (`ReportNumber`) holds digits, signs and letters only;
    /// it goes through the sanitiser all the same, so nothing needs to be trusted.
    package static func safe(number: String) -> SafeString { safe(number) }
}
