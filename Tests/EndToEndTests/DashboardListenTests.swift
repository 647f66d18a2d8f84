import Foundation
import Testing

/// The dashboard with `--listen` and `--metrics-file`, in tmux: it serves the same exposition as
/// `watch --listen` while the screen runs, and a port in use stops it before the screen opens.
@Suite struct DashboardListenTests {
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// One GET of /metrics through curl-free plain HTTP (URLSession).
    static func scrape(_ port: Int) -> String? {
        guard let url = URL(string: "http://127.0.0.1:\(port)/metrics"), let data = try? Data(contentsOf: url) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    @Test func theDashboardServesMetricsWhileItRuns() throws {
        let port = Self.freePort()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("modeltop-\(UUID().uuidString).prom").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let session = try TmuxSession(arguments: DashboardTerminalTests.arguments + ["--listen", "127.0.0.1:\(port)", "--metrics-file", file, "--no-checkpoint"])
        defer { session.close() }
        try session.waitFor("Worst dimensions", timeout: DashboardTerminalTests.startup)
        var exposition: String?
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if let text = Self.scrape(port), text.contains("modeltop_production_rows_total 899\n"), text.contains("modeltop_accuracy ") {
                exposition = text
                break
            }
            Thread.sleep(forTimeInterval: 0.2)
        }
        let text = try #require(exposition, "no complete exposition on 127.0.0.1:\(port) in 10 s")
        #expect(text.contains(#"modeltop_embedding_rank_bucket{dimension="PCA_1",sample="production",le="+Inf"} 899"#))
        #expect(text.contains("modeltop_accuracy 0.7230255839822024"))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == text)
        try session.press("q")
        #expect(try session.waitForExit().status == "exit=0")
    }

    @Test func aPortInUseIsAnErrorBeforeTheScreenOpens() throws {
        let port = Self.freePort()
        let holder = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(holder) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(holder, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        #expect(bound == 0 && listen(holder, 1) == 0)
        let result = try ModelTopBinary.run(["watch", "fixtures/digits", "--headless", "--listen", "127.0.0.1:\(port)", "--no-checkpoint"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot listen on 127.0.0.1:\(port): address already in use"))
        #expect(result.stdout.isEmpty)
    }
}
