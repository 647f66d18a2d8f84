/// A word that states a verdict, coloured as well but never colour alone.
enum Badge {
    enum Kind { case good, bad, warn }

    @discardableResult
    static func draw(_ painter: inout Painter, _ word: String, kind: Kind, x: Int, y: Int, width: Int? = nil) -> Int {
        let role: Role = kind == .good ? .badgeGood : (kind == .bad ? .badgeBad : .badgeWarn)
        return painter.text(" \(word) ", x: x, y: y, width: width, role: role)
    }
}
