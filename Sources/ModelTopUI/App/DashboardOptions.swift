/// How the terminal can draw: decided by the terminal layer from the locale and `TERM`.
package struct DashboardOptions: Sendable, Equatable {
    /// Draw with ASCII only (borders `+-|`, bars `#`) for terminals without UTF-8.
    package var ascii: Bool
    /// Colours the terminal offers: 0 (monochrome), 8 or 256.
    package var colors: Int

    package init(ascii: Bool = false, colors: Int = 8) {
        self.ascii = ascii
        self.colors = colors
    }
}
