import ModelTopBase
import ModelTopStatistics

/// `drift.multivariate` of the JSON report: each whole-embedding test with every figure behind
/// its verdict (README, "JSON").
enum EmbeddingJSON {
    static func write(_ drift: EmbeddingDrift, gate: EmbeddingTest, names: [String], into json: inout JSONWriter) {
        json.object("multivariate") { json in
            json.field("gate", gate.rawValue)
            json.field("rows", drift.productionRows)
            if let verdict = drift.drifted(by: gate) { json.field("drifted", verdict) } else { json.null("drifted") }
            object("classifier", drift.classifier, into: &json) { c, json in
                json.field("method", "knn_leave_one_out")
                json.field("auc", c.auc)
                json.field("threshold", c.threshold)
                json.field("p_value", c.pValue)
                json.field("drifted", c.drifted)
                json.field("neighbours", c.neighbours)
                json.field("permutations", c.permutations)
                json.field("reference_rows", c.referenceRows)
                json.field("production_rows", c.productionRows)
                json.array("dimensions") { json in
                    for d in c.dimensions {
                        json.object { json in
                            json.field("name", names.indices.contains(d.index) ? names[d.index] : "dimension \(d.index + 1)")
                            json.field("auc_drop", d.aucDrop)
                        }
                    }
                }
                json.array("rows") { json in
                    for row in c.giveaways {
                        json.object { json in
                            json.field("row", row.row + 1)
                            json.field("production_neighbours", row.score)
                        }
                    }
                }
            }
            object("mmd", drift.mmd, into: &json) { m, json in
                json.field("mmd2", m.mmd2)
                json.field("p_value", m.pValue)
                json.field("mmd2_half_bandwidth", m.narrowMMD2)
                json.field("p_value_half_bandwidth", m.narrowPValue)
                json.field("p_value_adjusted", m.adjustedPValue)
                json.field("drifted", m.drifted)
                json.field("bandwidth_squared", m.bandwidthSquared)
                json.field("permutations", m.permutations)
                json.field("null_std", m.nullStandardDeviation)
                json.field("reference_rows", m.referenceRows)
                json.field("production_rows", m.productionRows)
            }
            object("uncertainty", drift.uncertainty, into: &json) { u, json in
                json.field("ks_statistic", u.statistic)
                json.field("p_value", u.pValue)
                json.field("drifted", u.drifted)
                json.field("reference_mean_confidence", u.referenceMean)
                json.field("production_mean_confidence", u.productionMean)
                json.field("reference_rows", u.referenceRows)
                json.field("production_requests", u.productionRows)
                json.field("model", u.model)
            }
            object("reconstruction", drift.reconstruction, into: &json) { r, json in
                json.field("determined", r.determined)
                if let reason = r.undeterminedReason { json.field("undetermined_reason", reason) }
                json.field("components", r.components)
                json.field("dimensions", r.dimensions)
                json.field("chunk_size", r.chunkSize)
                if let lower = r.thresholds.lower { json.field("lower_threshold", lower) } else { json.null("lower_threshold") }
                json.field("upper_threshold", r.thresholds.upper)
                guard r.determined else { return }
                chunk(r.whole, into: &json)
                json.field("drifted", r.drifted)
                json.field("alerting_chunks", r.alertingChunks)
                json.array("chunks") { json in
                    for c in r.chunks {
                        json.object { json in
                            json.field("first_row", c.firstRow + 1)
                            json.field("rows", c.rows)
                            chunk(c, into: &json)
                        }
                    }
                }
            }
        }
    }

    /// `key` as an object written by `body`, or null when there is no value (a test not measured).
    private static func object<T>(_ key: String, _ value: T?, into json: inout JSONWriter, _ body: (T, inout JSONWriter) -> Void) {
        if let value { json.object(key) { json in body(value, &json) } } else { json.null(key) }
    }

    private static func chunk(_ c: ReconstructionChunk, into json: inout JSONWriter) {
        json.field("error", c.error)
        json.field("sampling_error", c.samplingError)
        json.field("lower_band", c.lowerBand)
        json.field("upper_band", c.upperBand)
        json.field("alert", c.alert)
    }
}
