import Foundation
import ModelTopBase
import Histogram

/// The latencies of requests that left the feedback horizon, kept as an HdrHistogram: memory
/// bounded (tens of KB from 1 µs to an hour) however many requests pass, and percentiles within
/// `relativeError` of the exact ones. The mean (a running sum) and the maximum are exact.
package struct LatencyHistory: Sendable {
    private var histogram = Histogram<UInt64>(highestTrackableValue: Self.highestMicroseconds, numberOfSignificantValueDigits: .three)
    package private(set) var count = 0
    private var sum = 0.0
    private var largest = -Double.infinity

    /// Three significant digits: a recorded value is within 0.1% of the one it stands for.
    package static let relativeError = 0.001
    /// An hour, in microseconds; longer latencies are recorded as an hour (the maximum stays exact).
    static let highestMicroseconds: UInt64 = 3_600_000_000

    package init() {}

    /// Records a latency in milliseconds; NaN (no latency) is skipped.
    package mutating func record(_ milliseconds: Double) {
        guard !milliseconds.isNaN else { return }
        let microseconds = (milliseconds * 1000).rounded()
        let clamped = microseconds.isFinite ? min(max(microseconds, 0), Double(Self.highestMicroseconds)) : (microseconds > 0 ? Double(Self.highestMicroseconds) : 0)
        _ = histogram.record(UInt64(clamped))
        count += 1
        sum += milliseconds
        largest = max(largest, milliseconds)
    }

    /// The summary of these latencies and `kept` (the requests still held): percentiles from the
    /// histogram, so within `relativeError`; nil when there are none.
    package func summary(adding kept: [Double]) -> LatencySummary? {
        var all = self
        for value in kept { all.record(value) }
        guard all.count > 0 else { return nil }
        let p = LatencySummary.reportedPercentiles.map { Double(all.histogram.valueAtPercentile($0)) / 1000 }
        return LatencySummary(
            count: all.count, mean: all.sum / Double(all.count), p50: p[0], p90: p[1], p95: p[2], p99: p[3], p999: p[4],
            max: all.largest)
    }
}

extension LatencyHistory {
    /// For checkpoints: the histogram in the library's own Codable form, and the exact totals.
    package func write(to writer: inout BinaryWriter) {
        writer.int(count)
        writer.double(sum)
        writer.double(largest)
        writer.uint8s(Array((try? JSONEncoder().encode(histogram)) ?? Data()))
    }

    package init(reading reader: inout BinaryReader) throws(BinaryDecodingError) {
        self.init()
        count = try reader.int()
        sum = try reader.double()
        largest = try reader.double()
        let encoded = try reader.uint8s()
        guard count >= 0, let decoded = try? JSONDecoder().decode(Histogram<UInt64>.self, from: Data(encoded)),
              decoded.totalCount == UInt64(count)
        else { throw BinaryDecodingError(reason: "latency histogram") }
        histogram = decoded
    }
}
