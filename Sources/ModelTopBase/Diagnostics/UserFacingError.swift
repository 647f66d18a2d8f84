/// An error that ends a command with a message for the person at the terminal.
///
/// Every error modeltop means a user to read conforms; the entry point maps them, once, to
/// `modeltop: error: <message>` on stderr and the exit status. Anything else that reaches it
/// is a bug, and says so.
package protocol UserFacingError: Error {
    /// What went wrong, for people: one safe line (see `SafeText`).
    var userMessage: String { get }
    /// The command's exit status: 2 (usage, input or artifacts error) unless the error says otherwise.
    var exitStatus: Int32 { get }
}

extension UserFacingError {
    package var exitStatus: Int32 { 2 }
}

extension UserFacingError where Self: CustomStringConvertible {
    /// The description, made safe: file names and values in it come from the user's data.
    package var userMessage: String { SafeText.inline(description, maxScalars: 4000) }
}

extension ModelTopError: UserFacingError {
    package var userMessage: String { Diagnostics.message(for: self) }
}
