import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import ModelTopBase
import ModelTopMonitor

/// `--webhook URL`: POSTs an alert as JSON, either modeltop's own object (`generic`) or the
/// `{"text": …}` that Slack's and Mattermost's incoming webhooks take (`slack`).
///
/// Through `HTTPExchange` (URLSession). Each attempt has a timeout; a failed one (no answer, a
/// refused connection, a status that is not 2xx) is tried again after a back-off.
package struct AlertWebhook: Sendable {
    package enum Shape: String, Sendable, CaseIterable {
        case generic, slack
    }

    package var url: URL
    package var shape: Shape
    /// Seconds one attempt may take.
    package var timeout: Double
    /// Seconds to wait before each retry: 1, 2, 4 by default (so 4 attempts in all).
    package var backoff: [Double]

    package init(url: URL, shape: Shape = .generic, timeout: Double = 5, backoff: [Double] = [1, 2, 4]) {
        self.url = url
        self.shape = shape
        self.timeout = timeout
        self.backoff = backoff
    }

    /// nil when `text` is an http or https URL with a host, else why not.
    package static func problem(with text: String) -> String? {
        HTTPExchange.problem(with: text, flag: "--webhook", example: "https://hooks.slack.com/services/…")
    }

    /// Posts `event`, retrying as `backoff` says; blocks the calling thread (never the UI's).
    /// `progress` hears each failed attempt, so the screen shows "retrying" while it waits.
    package func deliver(_ event: AlertEvent, progress: (AlertBoard.Delivery) -> Void = { _ in }) -> AlertBoard.Delivery {
        var delivery = AlertBoard.Delivery(target: "webhook")
        let body = Data((shape == .slack ? event.slackJSON : event.json).utf8)
        for attempt in 0...backoff.count {
            delivery.attempts = attempt + 1
            switch post(body) {
            case .success(let answer):
                delivery.outcome = .delivered(answer)
                return delivery
            case .failure(let failure):
                delivery.outcome = .failed(failure.reason)
                guard attempt < backoff.count else { return delivery }
                delivery.output = ["attempt \(attempt + 1) failed: \(failure.reason); next in \(DurationText.text(backoff[attempt]))"]
                progress(delivery)
                Thread.sleep(forTimeInterval: backoff[attempt])
            }
        }
        return delivery
    }

    /// One POST: "HTTP 200" on a 2xx answer.
    private func post(_ body: Data) -> Result<String, HTTPExchange.Failure> {
        HTTPExchange.send(url, method: "POST", body: body, contentType: "application/json", timeout: timeout).flatMap { answer in
            (200..<300).contains(answer.status)
                ? .success("HTTP \(answer.status)") : .failure(HTTPExchange.Failure(reason: "HTTP \(answer.status)"))
        }
    }
}
