import Foundation
import ModelTopBase

/// Model artifacts to and from JSON text.
///
/// Written with `JSONWriter` (fixed key order, shortest round-trip numbers) and read with
/// `JSONDecoder`, which parses doubles exactly; Foundation's `JSONSerialization` on Linux
/// goes through decimals and changes about half of all weights in the last bit.
extension ModelArtifact {
    package func json() -> String {
        var w = JSONWriter()
        w.object { w in
            w.field("format", Self.format)
            w.field("version", version)
            w.field("created", Int(created))
            w.field("trigger", trigger)
            if let parent { w.field("parent", parent) } else { w.null("parent") }
            w.inline("labels", model.labels.map(JSONWriter.quoted))
            w.inline("features", model.featureNames.map(JSONWriter.quoted))
            w.object("standardization") { w in
                w.inline("mean", model.standardization.mean.map(ReportNumber.json))
                w.inline("scale", model.standardization.scale.map(ReportNumber.json))
            }
            w.array("weights") { w in for row in model.weights { w.inline(nil, row.map(ReportNumber.json)) } }
            w.inline("intercepts", model.intercepts.map(ReportNumber.json))
            w.object("regularization") { w in
                w.field("penalty", "l2")
                w.field("C", c)
            }
            // Text, because a UInt64 seed may not survive a JSON number (a double) exactly.
            w.field("seed", String(seed))
            RetrainResult.Fit(fit).write(into: &w)
            w.object("metrics") { w in
                Self.write(&w, "holdout", holdout)
                Self.write(&w, "train", training)
            }
            w.object("data") { w in
                w.field("reference_rows", sizes.referenceRows)
                w.field("production_rows", sizes.productionRows)
                w.field("train_rows", sizes.trainRows)
                w.field("holdout_rows", sizes.holdoutRows)
            }
        }
        return w.text + "\n"
    }

    private static func write(_ w: inout JSONWriter, _ key: String, _ metrics: ModelMetrics?) {
        guard let metrics else { return w.null(key) }
        w.object(key) { w in
            w.field("accuracy", metrics.accuracy)
            w.field("f1_macro", metrics.f1Macro)
            w.field("rows", metrics.rows)
        }
    }

    /// Reads and checks an artifact; any problem is a `.invalidModel` naming the field.
    package static func parse(_ bytes: [UInt8]) throws(TrainingError) -> ModelArtifact {
        let file: File
        switch DecodingProblem.decode(File.self, from: bytes) {
        case .success(let decoded): file = decoded
        case .failure(let problem): throw .invalidModel(problem.description)
        }
        guard file.format == format else { throw .invalidModel("format is \"\(SafeText.inline(file.format))\", expected \"\(format)\"") }
        guard ModelVersion.number(file.version) != nil else { throw .invalidModel("version \"\(SafeText.inline(file.version))\" is not v1, v2, …") }
        guard let seed = UInt64(file.seed) else { throw .invalidModel("seed must be a whole number ≥ 0") }
        let model = try SoftmaxModel(
            labels: file.labels, featureNames: file.features,
            standardization: Standardization(mean: file.standardization.mean, scale: file.standardization.scale),
            weights: file.weights, intercepts: file.intercepts)
        return ModelArtifact(
            version: file.version, created: file.created, trigger: file.trigger, parent: file.parent, model: model,
            c: file.regularization.c, seed: seed,
            fit: SoftmaxTrainer.Fit(
                iterations: file.fit.iterations, converged: file.fit.converged, stop: file.fit.stop,
                loss: file.fit.loss, gradientNorm: file.fit.gradientNorm),
            holdout: file.metrics.holdout?.metrics, training: file.metrics.train.metrics, sizes: file.data)
    }

    /// The JSON layout, for decoding only (writing keeps its own key order above).
    private struct File: Decodable {
        package struct Scaling: Decodable { var mean: [Double]; var scale: [Double] }
        package struct Regularization: Decodable {
            package var c: Double
            package enum CodingKeys: String, CodingKey { case c = "C" }
        }
        package typealias Fit = RetrainResult.Fit
        package struct Scores: Decodable {
            package var accuracy: Double; var f1Macro: Double; var rows: Int
            package var metrics: ModelMetrics { ModelMetrics(accuracy: accuracy, f1Macro: f1Macro, rows: rows) }
        }
        package struct Metrics: Decodable { var holdout: Scores?; var train: Scores }

        package var format: String
        package var version: String
        package var created: Int64
        package var trigger: String
        package var parent: String?
        package var labels: [String]
        package var features: [String]
        package var standardization: Scaling
        package var weights: [[Double]]
        package var intercepts: [Double]
        package var regularization: Regularization
        package var seed: String
        package var fit: Fit
        package var metrics: Metrics
        package var data: DataSizes
    }
}

/// `DecodingError` as one line naming the field, for people.
package enum DecodingProblem {
    /// A decoding failure, described for people.
    package struct Failure: Error {
        package var description: String
    }

    /// Decodes snake_case JSON (modeltop's artifact files) into `type`.
    package static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) -> Result<T, Failure> {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return .success(try decoder.decode(type, from: Data(bytes)))
        } catch {
            return .failure(Failure(description: describe(error)))
        }
    }

    package static func describe(_ error: any Error) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.isEmpty ? "the document" : String(text.drop { $0 == "." })
        }
        switch error as? DecodingError {
        case let .keyNotFound(key, context)?:
            return "\(path(context.codingPath + [key])) is missing"
        case let .typeMismatch(_, context)?, let .valueNotFound(_, context)?:
            return "\(path(context.codingPath)) has the wrong type"
        case let .dataCorrupted(context)?:
            return context.codingPath.isEmpty ? "not valid JSON" : "\(path(context.codingPath)) is not valid"
        default:
            return "not valid JSON"
        }
    }
}
