import ModelTopBase

/// The text the simulated API writes, in the formats modeltop reads (FORMATS.md §2 and §3).
///
/// Numbers are Swift's shortest round-trip text, as the fixtures use Python's `repr`, so a
/// reader's `Double(text)` gets back the exact value that was computed.
package enum DemoLines {
    /// The `prod_data.csv` header, as the fixtures' production file, for the model's labels.
    package static func productionHeader(dimensions: Int, labels: [String]) -> String {
        let columns = ["id", "timestamp"] + (1...max(1, dimensions)).map { "PCA_\($0)" }
            + ["target", "prediction", "confidence", "latency_ms"] + labels.map { "proba_\($0)" }
        return columns.joined(separator: ",") + "\n"
    }

    /// One served request, with what the API saw and answered.
    package struct Request: Sendable {
        package var ts: Double
        package var id: String
        package var latencyMs: Double
        package var prediction: String
        package var probabilities: [Double]
        package var status: Int
        package var embedding: [Double]
        package var pixels: [Double]
        package var target: String

        package var confidence: Double { probabilities.max() ?? 0 }
    }

    /// The request's log line; a failed request logs no probabilities or embedding.
    package static func requestLog(_ r: Request) -> String {
        var fields = ["\"ts\": \(number(r.ts))", "\"id\": \(string(r.id))", "\"latency_ms\": \(number(r.latencyMs))",
                      "\"prediction\": \(label(r.prediction))"]
        if r.status < 500 {
            fields.append("\"probs\": \(array(r.probabilities))")
        }
        fields.append("\"status\": \(r.status)")
        if r.status < 500 {
            fields.append("\"embedding\": \(array(r.embedding))")
        }
        fields.append("\"pixels\": \(array(r.pixels))")
        return "{" + fields.joined(separator: ", ") + "}\n"
    }

    /// The later line that tells the log which class the request really was.
    package static func feedbackLog(ts: Double, id: String, target: String) -> String {
        "{\"ts\": \(number(ts)), \"id\": \(string(id)), \"target\": \(label(target))}\n"
    }

    /// The request's `prod_data.csv` row, written once its feedback arrives.
    package static func productionRow(_ r: Request) -> String {
        let fields = [r.id, number(r.ts)] + r.embedding.map(number)
            + [r.target, r.prediction, number(r.confidence), number(r.latencyMs)] + r.probabilities.map(number)
        return fields.joined(separator: ",") + "\n"
    }

    static func number(_ value: Double) -> String {
        value.isFinite ? "\(value)" : "null"
    }

    static func array(_ values: [Double]) -> String {
        "[" + values.map(number).joined(separator: ", ") + "]"
    }

    /// An integer label as a JSON number (as serving APIs write digits), anything else as a string.
    static func label(_ text: String) -> String {
        let isInteger = !text.isEmpty && text.count <= 18 && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        return isInteger ? text : string(text)
    }

    /// A JSON string, with the project's one quoting rule.
    static func string(_ text: String) -> String { JSONWriter.quoted(text) }
}
