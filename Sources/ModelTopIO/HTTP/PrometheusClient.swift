import Foundation
import ModelTopBase
import ModelTopMetrics

/// Asks a Prometheus server's HTTP API (`/api/v1/query`, `/api/v1/targets`) the fleet console's
/// questions. Blocks its caller for at most about `timeout` per question, and gives up on the
/// round at the first failure, so a Prometheus that is down costs one timeout, not twelve.
package struct PrometheusClient: Sendable {
    package var base: URL
    package var timeout: Double

    package init(base: URL, timeout: Double = 3) {
        self.base = base
        self.timeout = timeout
    }

    /// nil when `text` is an http(s) URL with a host, else why not.
    package static func problem(with text: String) -> String? {
        HTTPExchange.problem(with: text, flag: "--prometheus", example: "http://127.0.0.1:9090")
    }

    /// One round: the job's targets, modeltop's alerts, then every query.
    package func fetch(_ queries: FleetQueries) -> FleetAnswers {
        var answers = FleetAnswers()
        switch get("api/v1/targets", [URLQueryItem(name: "state", value: "active")]).flatMap(PrometheusAnswer.targets) {
        case .success(let targets): answers.targets = targets.filter { $0.job == queries.job }
        case .failure(let problem):
            answers.problem = problem.reason
            return answers
        }
        switch get("api/v1/alerts", []).flatMap(PrometheusAnswer.alerts) {
        case .success(let alerts): answers.alerts = alerts.filter { $0.name.hasPrefix("ModelTop") }
        case .failure(let problem):
            answers.problem = problem.reason
            return answers
        }
        for (slot, query) in queries.all {
            switch get("api/v1/query", [URLQueryItem(name: "query", value: query)]).flatMap(PrometheusAnswer.vector) {
            case .success(let samples): answers.vectors[slot] = samples
            case .failure(let problem):
                answers.problem = problem.reason
                return answers
            }
        }
        return answers
    }

    private func get(_ path: String, _ items: [URLQueryItem]) -> Result<[UInt8], PrometheusAnswer.Problem> {
        var components = URLComponents(url: base.appendingPathComponent(path), resolvingAgainstBaseURL: false)
        components?.queryItems = items
        // `+` is a space in a query string: PromQL's `+Inf` and additions must stay as written.
        let encoded = components?.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        components?.percentEncodedQuery = encoded
        guard let url = components?.url else { return .failure(.init("cannot make a URL from \(base)")) }
        switch HTTPExchange.send(url, timeout: timeout) {
        case .failure(let failure): return .failure(.init("Prometheus at \(base.absoluteString): \(failure.reason)"))
        case .success(let answer):
            // Prometheus answers PromQL errors with 400 and a JSON body that says why.
            if answer.status != 200, answer.status != 400, answer.status != 422 {
                return .failure(.init("Prometheus at \(base.absoluteString): HTTP \(answer.status)"))
            }
            return .success(answer.body)
        }
    }
}
