import Foundation
import Testing

/// Reading the golden values that scripts/make_goldens.py computed with scipy, scikit-learn
/// and Evidently, and comparing numbers with the tolerances the project promises.
enum Goldens {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func fixture(_ relativePath: String) -> String {
        packageRoot.appendingPathComponent("fixtures").appendingPathComponent(relativePath).path
    }

    static func json(_ relativePath: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: fixture(relativePath)))
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw GoldenError(message: "\(relativePath) is not a JSON object")
        }
        return object
    }

    struct GoldenError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// A JSON number, or the strings "nan", "inf", "-inf" the goldens use for non-finite values.
    static func double(_ value: Any?) -> Double? {
        switch value {
        case let number as NSNumber: return number.doubleValue
        case let text as String:
            switch text {
            case "nan": return .nan
            case "inf": return .infinity
            case "-inf": return -.infinity
            default: return Double(text)
            }
        default: return nil
        }
    }

    static func doubles(_ value: Any?) -> [Double] {
        (value as? [Any] ?? []).compactMap { double($0) }
    }

    /// `actual` within `relative` of `expected` (or within `absolute` when expected is ~0).
    static func close(_ actual: Double, _ expected: Double, relative: Double, absolute: Double = 1e-12) -> Bool {
        if expected.isNaN { return actual.isNaN }
        if expected.isInfinite { return actual == expected }
        return abs(actual - expected) <= max(absolute, relative * abs(expected))
    }
}

/// Records a failed comparison with its context, so one test can check many golden values.
func expectClose(
    _ actual: Double, _ expected: Double, relative: Double, _ what: @autoclosure () -> String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(
        Goldens.close(actual, expected, relative: relative),
        "\(what()): got \(actual), expected \(expected)", sourceLocation: sourceLocation)
}
