/// `--listen HOST:PORT`: where the agent serves `/metrics`. An IPv4 address, `[IPv6]`, or
/// nothing before the colon for every interface (`:9108`).
package struct ListenAddress: Sendable, Equatable, CustomStringConvertible {
    package enum Family: Sendable, Equatable { case ip4, ip6 }
    package var host: String
    package var port: UInt16
    package var family: Family

    /// nil with the reason when `text` is not HOST:PORT.
    package static func parse(_ text: String) -> Result<ListenAddress, ListenAddressProblem> {
        guard let colon = text.lastIndex(of: ":") else { return .failure(.init("expected HOST:PORT, such as 127.0.0.1:9108")) }
        var host = String(text[..<colon])
        let portText = text[text.index(after: colon)...]
        guard let port = UInt16(portText), port > 0 else { return .failure(.init("the port must be a number from 1 to 65535")) }
        var family = Family.ip4
        if host.hasPrefix("[") && host.hasSuffix("]") {
            host = String(host.dropFirst().dropLast())
            family = .ip6
        } else if host.isEmpty {
            host = "0.0.0.0"
        } else if host == "localhost" {
            host = "127.0.0.1"
        } else if !isIP4(host) {
            return .failure(.init("the host must be an IPv4 address, [IPv6] or empty (every interface); got \(host)"))
        }
        return .success(ListenAddress(host: host, port: port, family: family))
    }

    package var description: String { family == .ip6 ? "[\(host)]:\(port)" : "\(host):\(port)" }

    private static func isIP4(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in part.count <= 3 && UInt8(part) != nil }
    }
}

package struct ListenAddressProblem: Error, Sendable, Equatable {
    package var reason: String
    init(_ reason: String) { self.reason = reason }
}
