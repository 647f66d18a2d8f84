import Dispatch
import Foundation
import Synchronization
import FlyingFox
import FlyingSocks
import ModelTopBase
import ModelTopMetrics

/// Serves the latest exposition at `GET /metrics` (FlyingFox, on Swift concurrency's threads),
/// while the loop that reads the files publishes a new text whenever its figures change.
///
/// A scrape reads a finished string under a lock: it never waits for a report, and a slow
/// scraper never delays the loop.
package final class MetricsServer: Sendable {
    private let latest = Locked<String>("")
    private let server: HTTPServer
    package let address: ListenAddress

    /// Binds and starts serving; throws at once when the address cannot be bound.
    package init(listening address: ListenAddress, timeout seconds: Double = 5) throws(ModelTopError) {
        self.address = address
        do {
            server = address.family == .ip6
                ? HTTPServer(address: try .inet6(ip6: address.host, port: address.port), timeout: 15, logger: .disabled)
                : HTTPServer(address: try .inet(ip4: address.host, port: address.port), timeout: 15, logger: .disabled)
        } catch {
            throw .cannotListen(address: address.description, reason: "not an address")
        }
        let latest = self.latest
        let server = self.server
        let started = DispatchSemaphore(value: 0)
        let failure = Locked<String?>(nil)
        Task.detached {
            await server.appendRoute("GET /metrics") { _ in
                HTTPResponse(
                    statusCode: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                    body: Data(latest.withLock { $0 }.utf8))
            }
            await server.appendRoute("GET /") { _ in
                HTTPResponse(statusCode: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: Data("modeltop: metrics at /metrics\n".utf8))
            }
            do {
                try await server.run()
            } catch {
                failure.withLock { $0 = Self.reason(error) }
                started.signal()
            }
        }
        Task.detached {
            do {
                try await server.waitUntilListening(timeout: seconds)
            } catch {
                failure.withLock { if $0 == nil { $0 = "not listening after \(Int(seconds)) s" } }
            }
            started.signal()
        }
        started.wait()
        if let reason = failure.withLock({ $0 }) { throw .cannotListen(address: address.description, reason: reason) }
    }

    /// The text the next scrape gets.
    package func publish(_ exposition: String) { latest.withLock { $0 = exposition } }

    /// Stops listening (connections under way are closed).
    package func stop() {
        let server = self.server
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            await server.stop(timeout: 1)
            done.signal()
        }
        _ = done.wait(timeout: .now() + 3)
    }

    private static func reason(_ error: any Error) -> String {
        if let socket = error as? SocketError, case .failed(_, let errno, let message) = socket {
            return errno == 98 ? "address already in use" : SafeText.inline(message, maxScalars: 200)
        }
        return SafeText.inline(String(describing: error), maxScalars: 200)
    }
}

/// A value behind a lock that escaping closures can share (a `Mutex` cannot be captured).
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>
    init(_ value: Value) { mutex = Mutex(value) }
    func withLock<R>(_ body: (inout Value) -> R) -> R { mutex.withLock { body(&$0) } }
}
