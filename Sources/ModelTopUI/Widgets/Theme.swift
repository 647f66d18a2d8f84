/// What a piece of text means; the theme turns meaning into colour or, without colour, attributes.
enum Role: Sendable {
    case normal, title, muted, header, border, accent
    case good, bad, warn
    case tabActive, tabInactive, selected, badgeGood, badgeBad, badgeWarn
}

/// Semantic roles to cell styles for 0, 8 or 256 colours; monochrome stays readable because
/// every verdict is also written as a word.
struct Theme: Sendable {
    let colors: Int

    init(colors: Int) { self.colors = colors }

    func style(_ role: Role) -> CellStyle {
        let color = colors > 0
        switch role {
        case .normal: return .plain
        case .title: return CellStyle(foreground: color ? .cyan : .normal, bold: true)
        case .muted: return CellStyle(foreground: color ? .gray : .normal, dim: !color)
        case .header: return CellStyle(bold: true, underline: !color)
        case .border: return CellStyle(foreground: color ? .gray : .normal, dim: !color)
        case .accent: return CellStyle(foreground: color ? .cyan : .normal)
        case .good: return CellStyle(foreground: color ? .green : .normal)
        case .bad: return CellStyle(foreground: color ? .red : .normal, bold: true)
        case .warn: return CellStyle(foreground: color ? .yellow : .normal, underline: !color)
        case .tabActive: return CellStyle(bold: true, reverse: true)
        case .tabInactive: return CellStyle(foreground: color ? .gray : .normal)
        case .selected: return CellStyle(reverse: true)
        case .badgeGood:
            return color ? CellStyle(foreground: .white, background: .green, bold: true) : CellStyle(bold: true)
        case .badgeBad:
            return color ? CellStyle(foreground: .white, background: .red, bold: true) : CellStyle(bold: true, reverse: true)
        case .badgeWarn:
            return color ? CellStyle(foreground: .white, background: .yellow, bold: true) : CellStyle(bold: true, underline: true)
        }
    }
}
