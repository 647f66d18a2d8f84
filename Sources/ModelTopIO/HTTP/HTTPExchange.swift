import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Dispatch
import ModelTopBase

/// One HTTP request and its answer, with a timeout that holds: the alert webhook's POST and the
/// fleet console's questions to Prometheus. Through Foundation's URLSession (libcurl
/// underneath), which ships with the Swift toolchain: no package to build (docs/LIBRARIES.md).
/// Blocks the calling thread (never the UI's).
package enum HTTPExchange {
    package struct Answer: Sendable {
        package var status: Int
        package var body: [UInt8]
    }

    package struct Failure: Error, Sendable, Equatable {
        package var reason: String
    }

    /// nil when `text` is an http or https URL with a host, else why not (for `flag`'s message).
    package static func problem(with text: String, flag: String, example: String) -> String? {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              url.host?.isEmpty == false
        else { return "\(flag) must be an http:// or https:// URL with a host, such as \(example)" }
        return nil
    }

    package static func send(
        _ url: URL, method: String = "GET", body: Data? = nil, contentType: String? = nil, timeout requested: Double
    ) -> Result<Answer, Failure> {
        // libcurl underneath counts whole seconds: a shorter timeout would end every attempt at once.
        let timeout = max(1, requested.rounded(.up))
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.httpMethod = method
        if let contentType { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        request.setValue("modeltop", forHTTPHeaderField: "User-Agent")
        request.httpBody = body
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: Result<Answer, Failure> = .failure(Failure(reason: "no answer"))
        let task = session.dataTask(with: request) { data, response, error in
            if let error {
                result = .failure(Failure(reason: reason(error, timeout: timeout)))
            } else if let http = response as? HTTPURLResponse {
                result = .success(Answer(status: http.statusCode, body: data.map { [UInt8]($0) } ?? []))
            }
            done.signal()
        }
        task.resume()
        // URLSession's own timeout ends the task; this one is the guard if it did not.
        if done.wait(timeout: .now() + timeout + 2) == .timedOut {
            task.cancel()
            return .failure(Failure(reason: "no answer in \(DurationText.text(timeout))"))
        }
        return result
    }

    /// Words for URLSession's error codes (its own texts say only "error -1001" on Linux).
    private static func reason(_ error: any Error, timeout: Double) -> String {
        switch (error as? URLError)?.code {
        case .timedOut?: return "no answer in \(DurationText.text(timeout))"
        case .cannotConnectToHost?: return "connection refused"
        case .cannotFindHost?, .dnsLookupFailed?: return "unknown host"
        case .networkConnectionLost?: return "connection closed before an answer"
        case .notConnectedToInternet?: return "no network"
        case .secureConnectionFailed?, .serverCertificateUntrusted?, .serverCertificateHasBadDate?: return "TLS failed"
        default: return SafeText.inline(error.localizedDescription, maxScalars: 200)
        }
    }
}
