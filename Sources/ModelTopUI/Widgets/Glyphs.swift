/// The characters widgets draw with, Unicode or plain ASCII for terminals without UTF-8.
struct Glyphs: Sendable {
    let ascii: Bool
    let horizontal: Character
    let vertical: Character
    let corners: (topLeft: Character, topRight: Character, bottomLeft: Character, bottomRight: Character)
    /// Sparkline / vertical bar levels, lowest first; the last is a full cell.
    let levels: [Character]
    /// Horizontal bar: full cell and eighths from 1/8 to 7/8.
    let barFull: Character
    let barEighths: [Character]
    /// Shades from empty to full (heat maps, digit images).
    let shades: [Character]
    let up: Character
    let down: Character
    let dot: Character
    let selectedMarker: Character
    let ellipsis: String

    static let unicode = Glyphs(
        ascii: false, horizontal: "─", vertical: "│", corners: ("┌", "┐", "└", "┘"),
        levels: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"], barFull: "█",
        barEighths: ["▏", "▎", "▍", "▌", "▋", "▊", "▉"], shades: [" ", "░", "▒", "▓", "█"],
        up: "▲", down: "▼", dot: "·", selectedMarker: "▶", ellipsis: "…")

    static let plain = Glyphs(
        ascii: true, horizontal: "-", vertical: "|", corners: ("+", "+", "+", "+"),
        levels: ["_", ".", "-", "=", "#"], barFull: "#", barEighths: [], shades: [" ", ".", ":", "o", "#"],
        up: "^", down: "v", dot: ".", selectedMarker: ">", ellipsis: "~")

    static func forOptions(_ options: DashboardOptions) -> Glyphs { options.ascii ? .plain : .unicode }

    /// The level glyph for `fraction` in 0...1 (nil for "no data", drawn as a space).
    func level(_ fraction: Double) -> Character {
        guard fraction.isFinite else { return " " }
        let clamped = min(1, max(0, fraction))
        return levels[min(levels.count - 1, Int(clamped * Double(levels.count - 1) + 0.5))]
    }

    func shade(_ fraction: Double) -> Character {
        guard fraction.isFinite, fraction > 0 else { return shades[0] }
        return shades[min(shades.count - 1, 1 + Int(min(1, fraction) * Double(shades.count - 2) + 0.5))]
    }
}
