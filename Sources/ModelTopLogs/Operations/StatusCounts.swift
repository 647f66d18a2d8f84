/// Requests by HTTP status class; a line without a status counts as a success.
package struct StatusCounts: Sendable, Equatable {
    package var success = 0
    package var clientError = 0
    package var serverError = 0
    package var other = 0

    package init() {}

    /// Counts the `status` column of a `RequestTable` (0 = absent).
    package init(statuses: [Int32]) {
        for status in statuses { add(status) }
    }

    package mutating func add(_ status: Int32) {
        switch status {
        case 0, 200...299: success += 1
        case 400...499: clientError += 1
        case 500...599: serverError += 1
        default: other += 1
        }
    }

    package var total: Int { success + clientError + serverError + other }

    /// 4xx and 5xx are both failures from the caller's side of the wire.
    package var errors: Int { clientError + serverError }

    /// Errors over all requests; nil when there are none.
    package var errorRate: Double? { total > 0 ? Double(errors) / Double(total) : nil }

    /// True for a status that counts in `errors`.
    @inline(__always)
    package static func isError(_ status: Int32) -> Bool { (400...599).contains(status) }
}
