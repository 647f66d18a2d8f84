import Foundation

/// Prometheus's HTTP API answers, read into what the fleet console needs. The text is
/// untrusted (label values come from every replica's files): it is kept as data here and
/// sanitised where it is drawn.
package enum PrometheusAnswer {
    /// One series of an instant vector: its labels and value.
    package struct Sample: Sendable, Equatable {
        package var labels: [String: String]
        package var value: Double

        package init(labels: [String: String], value: Double) {
            self.labels = labels
            self.value = value
        }
    }

    /// A scrape target as `/api/v1/targets` describes it.
    package struct Target: Sendable, Equatable {
        package var instance: String
        package var job: String
        /// "up", "down" or "unknown" (not scraped yet).
        package var health: String
        /// Unix time of the last scrape; nil before the first.
        package var lastScrape: Double?
        package var lastError: String
        package var scrapeInterval: String

        package init(instance: String, job: String, health: String, lastScrape: Double?, lastError: String, scrapeInterval: String) {
            self.instance = instance
            self.job = job
            self.health = health
            self.lastScrape = lastScrape
            self.lastError = lastError
            self.scrapeInterval = scrapeInterval
        }
    }

    /// An alert as `/api/v1/alerts` lists it: pending or firing.
    package struct Alert: Sendable, Equatable {
        package var name: String
        package var state: String
        package var instance: String?
        /// Unix time it became active (pending).
        package var activeAt: Double?

        package init(name: String, state: String, instance: String?, activeAt: Double?) {
            self.name = name
            self.state = state
            self.instance = instance
            self.activeAt = activeAt
        }
    }

    package struct Problem: Error, Sendable, Equatable {
        package var reason: String
        package init(_ reason: String) { self.reason = reason }
    }

    /// The samples of `/api/v1/query` with an instant vector (or a scalar, as one unlabelled sample).
    package static func vector(_ body: [UInt8]) -> Result<[Sample], Problem> {
        switch data(body) {
        case .failure(let problem): return .failure(problem)
        case .success(let data):
            let kind = data["resultType"] as? String
            if kind == "scalar", let pair = data["result"] as? [Any], let value = number(pair) {
                return .success([Sample(labels: [:], value: value)])
            }
            guard kind == "vector", let result = data["result"] as? [[String: Any]] else {
                return .failure(Problem("not an instant vector (\(kind ?? "no resultType"))"))
            }
            var samples: [Sample] = []
            for series in result {
                guard let labels = series["metric"] as? [String: String], let pair = series["value"] as? [Any],
                      let value = number(pair) else { return .failure(Problem("a series without labels or value")) }
                samples.append(Sample(labels: labels, value: value))
            }
            return .success(samples)
        }
    }

    /// The active targets of `/api/v1/targets`.
    package static func targets(_ body: [UInt8]) -> Result<[Target], Problem> {
        list(body, "activeTargets") { target in
            let labels = target["labels"] as? [String: String] ?? [:]
            return Target(
                instance: labels["instance"] ?? "?", job: labels["job"] ?? "",
                health: target["health"] as? String ?? "unknown",
                lastScrape: (target["lastScrape"] as? String).flatMap(RFC3339.seconds),
                lastError: target["lastError"] as? String ?? "",
                scrapeInterval: target["scrapeInterval"] as? String ?? "")
        }
    }

    /// The pending and firing alerts of `/api/v1/alerts`.
    package static func alerts(_ body: [UInt8]) -> Result<[Alert], Problem> {
        list(body, "alerts") { alert in
            let labels = alert["labels"] as? [String: String] ?? [:]
            return Alert(
                name: labels["alertname"] ?? "?", state: alert["state"] as? String ?? "?", instance: labels["instance"],
                activeAt: (alert["activeAt"] as? String).flatMap(RFC3339.seconds))
        }
    }

    /// The objects of the list `key` in a successful answer's `data`, each made into a `T`.
    private static func list<T>(_ body: [UInt8], _ key: String, _ make: ([String: Any]) -> T) -> Result<[T], Problem> {
        switch data(body) {
        case .failure(let problem): return .failure(problem)
        case .success(let data):
            guard let items = data[key] as? [[String: Any]] else { return .failure(Problem("no \(key) in the answer")) }
            return .success(items.map(make))
        }
    }

    /// The `data` object of a successful answer, or Prometheus's own error text.
    private static func data(_ body: [UInt8]) -> Result<[String: Any], Problem> {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            return .failure(Problem("the answer is not JSON (is this Prometheus?)"))
        }
        guard object["status"] as? String == "success" else {
            return .failure(Problem(object["error"] as? String ?? "status \(object["status"] ?? "missing")"))
        }
        guard let data = object["data"] as? [String: Any] else { return .failure(Problem("no data in the answer")) }
        return .success(data)
    }

    /// `[timestamp, "value"]`: Prometheus writes values as strings ("NaN", "+Inf" included).
    private static func number(_ pair: [Any]) -> Double? {
        guard pair.count == 2, let text = pair[1] as? String else { return nil }
        switch text {
        case "NaN": return .nan
        case "+Inf": return .infinity
        case "-Inf": return -.infinity
        default: return Double(text)
        }
    }
}

/// RFC 3339 times as Prometheus writes them (`2026-12-03T07:20:01.123456789Z`, or with an offset).
package enum RFC3339 {
    package static func seconds(_ text: String) -> Double? {
        let scalars = Array(text.utf8)
        guard scalars.count >= 20, scalars[4] == UInt8(ascii: "-"), scalars[10] == UInt8(ascii: "T") || scalars[10] == UInt8(ascii: " ") else { return nil }
        func int(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= scalars.count else { return nil }
            var value = 0
            for byte in scalars[from..<(from + count)] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = int(0, 4), let month = int(5, 2), let day = int(8, 2), let hour = int(11, 2), let minute = int(14, 2),
              let second = int(17, 2), (1...12).contains(month) else { return nil }
        var index = 19, fraction = 0.0
        if index < scalars.count, scalars[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            while index < scalars.count, scalars[index] >= 48, scalars[index] <= 57 {
                fraction += Double(scalars[index] - 48) * scale
                scale /= 10
                index += 1
            }
        }
        var offset = 0
        if index < scalars.count, scalars[index] == UInt8(ascii: "+") || scalars[index] == UInt8(ascii: "-") {
            guard let hours = int(index + 1, 2), let minutes = int(index + 4, 2) else { return nil }
            offset = (hours * 3600 + minutes * 60) * (scalars[index] == UInt8(ascii: "+") ? 1 : -1)
        } else if !(index < scalars.count && (scalars[index] == UInt8(ascii: "Z") || scalars[index] == UInt8(ascii: "z"))) {
            return nil
        }
        // Days from 1970-01-01 (Howard Hinnant's days_from_civil).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return Double(days * 86_400 + hour * 3600 + minute * 60 + second - offset) + fraction
    }
}
