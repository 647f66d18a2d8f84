/// What a CSV column means to modeltop, decided from its header name (FORMATS.md §1–2).
package enum ColumnRole: Sendable, Equatable {
    /// An embedding dimension; `index` is its position in the reference's dimension order.
    case embedding(index: Int)
    case target
    case prediction
    case timestamp
    case latencyMs
    case confidence
    /// `proba_<label>`: the model's probability for one class.
    case probability(label: String, index: Int)
    case id
    /// A row index as pandas writes it (an empty name or `Unnamed: N`): skipped, and said so.
    case ignored

    /// The role a header name gives a column; embeddings are numbered later.
    static func classify(_ name: String) -> ColumnRole {
        switch name {
        case "target": return .target
        case "prediction": return .prediction
        case "timestamp": return .timestamp
        case "latency_ms": return .latencyMs
        case "confidence": return .confidence
        case "id": return .id
        case "": return .ignored
        default:
            if name.hasPrefix("proba_"), name.count > "proba_".count {
                return .probability(label: String(name.dropFirst("proba_".count)), index: 0)
            }
            if name.hasPrefix("Unnamed: "), Int(name.dropFirst("Unnamed: ".count)) != nil { return .ignored }
            return .embedding(index: 0)
        }
    }
}
