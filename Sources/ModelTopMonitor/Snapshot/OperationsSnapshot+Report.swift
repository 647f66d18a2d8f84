import ModelTopLogs

extension OperationsSnapshot {
    /// What the Overview and Operations screens draw, from the operations report of `source`.
    package init(report: OperationsReport, source: String) {
        let errors = report.status.clientError + report.status.serverError
        var topErrors: [Count] = []
        if report.status.serverError > 0 { topErrors.append(Count(name: "5xx", count: report.status.serverError)) }
        if report.status.clientError > 0 { topErrors.append(Count(name: "4xx", count: report.status.clientError)) }
        self.init(
            source: source, requests: report.requests, errors: errors,
            latency: report.latency.map { SnapshotLatency(count: $0.count, p50: $0.p50, p95: $0.p95, p99: $0.p99) },
            lowConfidenceShare: report.confidence?.lowShare, windowSeconds: report.windowSeconds,
            requestsPerWindow: report.windows.map(\.requests),
            errorsPerWindow: report.windows.map { Int((($0.errorRate ?? 0) * Double($0.requests)).rounded()) },
            latencyP95PerWindow: report.windows.map { $0.latencyP95 ?? .nan },
            modelVersions: [], topErrors: topErrors)
        measuredAccuracy = report.measured.accuracy
        estimatedAccuracy = report.estimated?.accuracy
        estimatedF1 = report.estimated?.f1Macro
        unlabelled = report.measured.unlabelled
        ece = report.confidence?.ece
        confidenceHistogram = report.confidence?.histogram ?? []
        lowConfidencePerWindow = report.windows.map { $0.lowShare ?? .nan }
        accuracyPerWindow = report.windows.map { $0.accuracy ?? .nan }
        confidencePerWindow = report.windows.map { $0.confidence ?? .nan }
        psiPerWindow = report.windows.map { $0.psi ?? .nan }
    }
}
