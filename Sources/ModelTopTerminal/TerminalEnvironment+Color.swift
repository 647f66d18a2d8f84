import Glibc

extension TerminalEnvironment {
    /// False when NO_COLOR is set to anything non-empty (https://no-color.org).
    package static var colorAllowed: Bool {
        guard let value = getenv("NO_COLOR") else { return true }
        return value.pointee == 0
    }
}
