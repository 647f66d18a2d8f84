/// How the terminal can draw: decided by the terminal layer from the locale and `TERM`.
public struct DashboardOptions: Sendable, Equatable {
    /// Draw with ASCII only (borders `+-|`, bars `#`) for terminals without UTF-8.
    public var ascii: Bool
    /// Colours the terminal offers: 0 (monochrome), 8 or 256.
    public var colors: Int

    public init(ascii: Bool = false, colors: Int = 8) {
        self.ascii = ascii
        self.colors = colors
    }
}
