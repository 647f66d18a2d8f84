import ModelTopTables
import ModelTopLogs
import ModelTopTraining
import ModelTopIO

/// The served model's confidence (top-class probability) on either side of the uncertainty test.
enum ModelConfidence {
    /// The registry's current model scoring every reference row whose features are finite; nil
    /// without a current model or when the reference lacks one of its features.
    static func reference(_ table: DataTable, artifacts: String) -> (confidence: [Double], model: String)? {
        guard let (name, model) = RetrainHistory.models(artifacts: artifacts).first else { return nil }
        return reference(table, model: model, name: name)
    }

    /// `model` scoring every reference row whose features are finite; nil when the reference
    /// lacks one of its features.
    static func reference(_ table: DataTable, model: SoftmaxModel, name: String) -> (confidence: [Double], model: String)? {
        let names = table.schema.embeddingNames
        let columns = model.featureNames.map { names.firstIndex(of: $0) }
        // A reference read for counts only has no rows left to score.
        guard table.embeddings.allSatisfy({ $0.count == table.rowCount }), !columns.isEmpty, columns.allSatisfy({ $0 != nil }) else { return nil }
        let features = columns.compactMap { $0 }
        var row = [Double](repeating: 0, count: features.count)
        var confidence: [Double] = []
        confidence.reserveCapacity(table.rowCount)
        for r in 0..<table.rowCount {
            for (k, column) in features.enumerated() { row[k] = table.embeddings[column][r] }
            guard row.allSatisfy(\.isFinite) else { continue }
            confidence.append(model.predictProbabilities(row).max() ?? .nan)
        }
        return (confidence, name)
    }

    /// Each logged request's top-class probability, for requests that carry `probs`.
    static func requests(_ table: RequestTable) -> [Double] {
        (0..<table.count).compactMap { r in
            let probs = table.probabilities(at: r)
            return probs.isEmpty ? nil : probs.max()
        }
    }
}
