import ModelTopBase
import ModelTopLogs

/// The operations section of the JSON report, with the key names of
/// `scripts/make_log_goldens.py` (the documented interface); absent values are `null`.
extension OperationsReport {
    package func writeJSON(into json: inout JSONWriter) {
        json.object("operations") { json in
            json.field("requests", requests)
            json.field("rejected_lines", rejectedLines)
            json.field("pending_partial_lines", pendingPartialLines)
            json.field("orphan_feedback", orphanFeedback)
            Self.optional("error_rate", errorRate, into: &json)
            json.object("status") { json in
                json.field("2xx", status.success)
                json.field("4xx", status.clientError)
                json.field("5xx", status.serverError)
                json.field("other", status.other)
            }
            func write(_ latency: LatencySummary, into json: inout JSONWriter) {
                json.field("mean", latency.mean)
                json.field("p50", latency.p50)
                json.field("p90", latency.p90)
                json.field("p95", latency.p95)
                json.field("p99", latency.p99)
                json.field("p999", latency.p999)
                json.field("max", latency.max)
            }
            if let latency {
                json.object("latency_ms") { json in write(latency, into: &json) }
            } else {
                json.null("latency_ms")
            }
            // Only past a feedback horizon (watch mode): over every request, percentiles within 0.1%.
            if let all = latencyAllRequests {
                json.object("latency_ms_all_requests") { json in
                    json.field("requests", all.count)
                    write(all, into: &json)
                    json.field("percentile_relative_error", LatencyHistory.relativeError)
                }
            }
            if let confidence { Self.write(confidence, into: &json) } else { json.null("confidence") }
            json.object("measured") { json in
                Self.optional("accuracy", measured.accuracy, into: &json)
                Self.optional("f1_macro", measured.f1Macro, into: &json)
                json.field("labelled", measured.labelled)
                json.field("unlabelled", measured.unlabelled)
            }
            Self.write("estimated", estimated, into: &json)
            Self.write("estimated_on_labelled", estimatedOnLabelled, into: &json)
            json.field("window_seconds", windowSeconds)
            json.array("windows") { json in
                for window in windows { Self.write(window, into: &json) }
            }
            json.field("count_window_requests", countWindowRequests)
            json.array("count_windows") { json in
                for window in countWindows { Self.write(window, into: &json) }
            }
        }
    }

    private static func write(_ confidence: ConfidenceSummary, into json: inout JSONWriter) {
        json.object("confidence") { json in
            json.field("mean", confidence.mean)
            json.field("threshold", confidence.threshold)
            json.field("low_share", confidence.lowShare)
            json.inline("histogram", confidence.histogram.map(String.init))
            optional("ece", confidence.ece, into: &json)
            json.object("per_class") { json in
                for entry in confidence.perClass {
                    json.object(entry.label) { json in
                        json.field("count", entry.count)
                        json.field("mean", entry.mean)
                        json.field("low_share", entry.lowShare)
                    }
                }
            }
            json.array("reliability") { json in
                for bin in confidence.reliability {
                    json.object { json in
                        json.field("bin", bin.bin)
                        json.field("count", bin.count)
                        json.field("confidence", bin.confidence)
                        json.field("accuracy", bin.accuracy)
                    }
                }
            }
        }
    }

    private static func write(_ key: String, _ estimate: PerformanceEstimate?, into json: inout JSONWriter) {
        guard let estimate else { return json.null(key) }
        json.object(key) { json in
            json.field("accuracy", estimate.accuracy)
            json.field("f1_macro", estimate.f1Macro)
            json.field("rows", estimate.rows)
        }
    }

    private static func write(_ window: TimeWindow, into json: inout JSONWriter) {
        json.object { json in
            json.field("start", window.start)
            json.field("requests", window.requests)
            optional("error_rate", window.errorRate, into: &json)
            optional("latency_p50", window.latencyP50, into: &json)
            optional("latency_p95", window.latencyP95, into: &json)
            optional("latency_p99", window.latencyP99, into: &json)
            optional("confidence", window.confidence, into: &json)
            optional("low_share", window.lowShare, into: &json)
            optional("accuracy", window.accuracy, into: &json)
            optional("psi", window.psi, into: &json)
        }
    }

    private static func optional(_ key: String, _ value: Double?, into json: inout JSONWriter) {
        if let value { json.field(key, value) } else { json.null(key) }
    }
}
