import ModelTopBase
import ModelTopStatistics
import ModelTopMonitor

/// The report as JSON: the documented, stable interface for scripts (see README.md).
package enum ReportJSON {
    /// `compact`: the whole report on one line (streams of snapshots, one per line).
    package static func render(_ report: Report, gates: HealthGates, compact: Bool = false) -> String {
        var json = JSONWriter(compact: compact)
        json.object { json in
            json.object("rows") { json in
                json.field("reference", report.referenceRows)
                json.field("production", report.productionRows)
                json.field("unlabelled", report.productionUnlabelled)
                json.field("rejected", report.rejectedRows)
            }
            drift(report.drift, embedding: report.embedding, into: &json)
            if let quality = report.quality { self.quality(quality, into: &json) } else { json.null("quality") }
            if let operations = report.operations { operations.writeJSON(into: &json) } else { json.null("operations") }
            json.array("rejected_rows") { json in
                for problem in report.firstProblems {
                    json.object { json in
                        json.field("file", problem.file)
                        json.field("line", problem.line)
                        if let column = problem.column { json.field("column", column) } else { json.null("column") }
                        json.field("reason", problem.reason)
                    }
                }
            }
            json.array("notes") { json in for note in report.notes { json.field(nil, note) } }
            if let alerts = report.alerts {
                json.array("alerts") { json in
                    for alert in alerts {
                        json.object { json in
                            json.field("rule", alert.rule.name)
                            json.field("severity", alert.rule.severity.word)
                            json.field("metric", alert.rule.metric.rawValue)
                            if let value = alert.value { json.field("value", value) } else { json.null("value") }
                            json.field("comparison", alert.rule.comparison.rawValue)
                            json.field("threshold", alert.rule.threshold)
                            json.field("window", alert.window)
                            json.field("summary", alert.summary)
                        }
                    }
                }
            }
            let failures = gates.failures(of: report)
            json.field("healthy", failures.isEmpty)
            json.array("failures") { json in for failure in failures { json.field(nil, failure) } }
        }
        return json.text + "\n"
    }

    static func drift(_ drift: DriftReport, embedding: EmbeddingDrift?, into json: inout JSONWriter) {
        json.object("drift") { json in
            json.field("test", drift.options.test.rawValue)
            json.field("threshold", drift.options.threshold)
            json.field("drift_share", drift.options.driftShare)
            json.field("psi_binning", drift.options.psiBinning.rawValue)
            json.field("ks_adjustment", drift.options.adjustKS ? "bh" : "none")
            json.field("drifted", drift.drifted)
            json.field("share", drift.share)
            json.field("dataset_drift", drift.datasetDrift)
            json.array("dimensions") { json in
                for d in drift.dimensions {
                    json.object { json in
                        json.field("name", d.name)
                        json.field("psi", d.psi)
                        json.field("ks_statistic", d.ksStatistic)
                        json.field("ks_pvalue", d.ksPValue)
                        json.field("ks_pvalue_bh", d.ksPValueAdjusted)
                        json.field("wasserstein_norm", d.wassersteinNorm)
                        // Only once watch mode dropped old rows: how far the estimate may be off.
                        if d.wassersteinNormBound > 0 { json.field("wasserstein_norm_bound", d.wassersteinNormBound) }
                        json.field("drifted", d.drifted)
                        json.field("reference_count", d.referenceCount)
                        json.field("production_count", d.productionCount)
                        json.field("nonfinite_reference", d.nonFiniteReference)
                        json.field("nonfinite_production", d.nonFiniteProduction)
                    }
                }
            }
            if let embedding {
                EmbeddingJSON.write(embedding, gate: drift.options.embeddingTest, names: drift.dimensions.map(\.name), into: &json)
            } else {
                json.null("multivariate")
            }
        }
    }

    static func quality(_ quality: QualityReport, into json: inout JSONWriter) {
        json.object("quality") { json in
            json.field("rows", quality.rows)
            json.field("accuracy", quality.accuracy)
            json.field("balanced_accuracy", quality.balancedAccuracy)
            for (key, averages) in [("macro", quality.macro), ("weighted", quality.weighted)] {
                json.object(key) { json in
                    json.field("precision", averages.precision)
                    json.field("recall", averages.recall)
                    json.field("f1", averages.f1)
                }
            }
            json.array("classes") { json in
                for c in quality.classes {
                    json.object { json in
                        json.field("label", c.label)
                        json.field("precision", c.precision)
                        json.field("recall", c.recall)
                        json.field("f1", c.f1)
                        json.field("support", c.support)
                    }
                }
            }
            json.object("confusion") { json in
                json.inline("labels", quality.confusionLabels.map { JSONWriter.quoted($0) })
                if quality.omittedClasses > 0 {
                    json.field("omitted_classes", quality.omittedClasses)
                    json.field("omitted_rows", quality.omittedRows)
                }
                json.array("matrix") { json in
                    for row in quality.confusion { json.inline(nil, row.map(String.init)) }
                }
            }
        }
    }
}
