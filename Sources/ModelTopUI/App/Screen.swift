/// The seven screens, numbered as the keys that open them.
package enum Screen: Int, CaseIterable, Sendable {
    case overview = 1, drift, quality, operations, samples, retrain, alerts

    package var title: String {
        switch self {
        case .overview: return "Overview"
        case .drift: return "Drift"
        case .quality: return "Quality"
        case .operations: return "Operations"
        case .samples: return "Samples"
        case .retrain: return "Retrain"
        case .alerts: return "Alerts"
        }
    }

    /// The tab label when the full ones do not fit (80 columns).
    package var shortTitle: String {
        self == .operations ? "Ops" : title
    }

    /// The next screen for Tab (or the previous for Shift-Tab), wrapping around.
    func cycled(by step: Int) -> Screen {
        let count = Screen.allCases.count
        let index = ((rawValue - 1 + step) % count + count) % count
        return Screen.allCases[index]
    }

    /// Screens with a list that j/k, PgUp/PgDn, g/G, '/' and 's' act on.
    var hasList: Bool { self == .drift || self == .quality || self == .samples || self == .retrain }
    var isFilterable: Bool { self == .drift || self == .quality || self == .samples }
    var isSortable: Bool { self == .drift || self == .quality }
}
