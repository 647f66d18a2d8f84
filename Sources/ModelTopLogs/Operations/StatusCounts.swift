/// Requests by HTTP status class; a line without a status counts as a success.
public struct StatusCounts: Sendable, Equatable {
    public var success = 0
    public var clientError = 0
    public var serverError = 0
    public var other = 0

    public init() {}

    /// Counts the `status` column of a `RequestTable` (0 = absent).
    public init(statuses: [Int32]) {
        for status in statuses { add(status) }
    }

    public mutating func add(_ status: Int32) {
        switch status {
        case 0, 200...299: success += 1
        case 400...499: clientError += 1
        case 500...599: serverError += 1
        default: other += 1
        }
    }

    public var total: Int { success + clientError + serverError + other }

    /// 4xx and 5xx are both failures from the caller's side of the wire.
    public var errors: Int { clientError + serverError }

    /// Errors over all requests; nil when there are none.
    public var errorRate: Double? { total > 0 ? Double(errors) / Double(total) : nil }

    /// True for a status that counts in `errors`.
    @inline(__always)
    public static func isError(_ status: Int32) -> Bool { (400...599).contains(status) }
}
