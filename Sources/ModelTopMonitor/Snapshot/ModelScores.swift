import ModelTopTables
import ModelTopStatistics
import ModelTopTraining

/// Each registry model's confusion matrix over the production rows scored so far, carried from
/// one dashboard refresh to the next. Scoring a model costs rows × features × classes, so a
/// refresh scores only the rows appended since the last one; a different monitor (a restarted
/// file, a restricted window) or a different model starts that model over.
package struct ModelScores: Sendable {
    private struct Entry: Sendable {
        let name: String
        let model: SoftmaxModel
        let features: [Int]
        var labels: LabelTable
        var matrix = ConfusionMatrix()
        var scored = 0
    }

    private var identity: MonitorIdentity?
    private var entries: [Entry] = []

    package init() {}

    /// The quality of each model (name and model) on every production row with a target and
    /// finite features, models whose features the production set lacks left out.
    mutating func rows(monitor: Monitor, models: [(name: String, model: SoftmaxModel)]) -> [ModelComparison.Row] {
        if let identity, identity.matches(monitor) {} else { entries = [] }
        identity = MonitorIdentity(monitor)
        let names = monitor.reference.schema.embeddingNames
        var kept: [Entry] = []
        for (name, model) in models {
            if let entry = entries.first(where: { $0.name == name && $0.model == model }) {
                kept.append(entry)
                continue
            }
            // The model's features, found by name among the embedding columns.
            let indices = model.featureNames.map { names.firstIndex(of: $0) }
            guard indices.allSatisfy({ $0 != nil }) else { continue }
            kept.append(Entry(name: name, model: model, features: indices.compactMap { $0 }, labels: monitor.labels))
        }
        entries = kept
        // Absolute rows; the monitor keeps rows from `base` on (a model first seen after old rows
        // were dropped is scored on the rows still kept, and its row count says so).
        let base = monitor.firstRow, end = base + monitor.target.count
        guard let oldest = entries.map({ max($0.scored, base) }).min(), oldest < end else { return results() }
        // Only the columns' new values are copied, once for every model.
        let tails = monitor.dimensions.map { $0.values(from: oldest) }
        for e in entries.indices {
            var entry = entries[e]
            var features = [Double](repeating: 0, count: entry.features.count)
            for row in max(entry.scored, base)..<end where monitor.target[row - base] >= 0 {
                var finite = true
                for (k, column) in entry.features.enumerated() {
                    let value = tails[column][row - oldest]
                    features[k] = value
                    if !value.isFinite { finite = false }
                }
                guard finite else { continue }
                let predicted = entry.labels.intern(entry.model.predict(features))
                entry.matrix.add(truth: Int(monitor.target[row - base]), predicted: Int(predicted))
            }
            entry.scored = end
            entries[e] = entry
        }
        return results()
    }

    private func results() -> [ModelComparison.Row] {
        entries.compactMap { entry in
            QualityReport.compute(entry.matrix, labels: entry.labels).map {
                ModelComparison.Row(name: entry.name, accuracy: $0.accuracy, f1Macro: $0.macro.f1, rows: $0.rows)
            }
        }
    }
}
