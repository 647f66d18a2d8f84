import ModelTopTables

/// One line of a prediction log, classified (FORMATS.md §3; the rules are those of
/// scripts/make_log_goldens.py, first rule that applies).
package enum LogLine: Sendable, Equatable {
    case request(RequestLine)
    /// Feedback: the true label for an earlier (or later) request with this id.
    case feedback(id: String, target: String)
    case rejected(reason: String)

    /// Lines longer than this are rejected unread: a log line is a few KB, and a runaway writer
    /// must not make modeltop allocate without bound.
    package static let maxLength = 65_536

    /// Classifies the bytes of one line (without its LF).
    package static func parse(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> LogLine {
        var fields = Fields()
        switch fields.read(base, start, end) {
        case .request: return .request(fields.line)
        case .feedback(let id, let target): return .feedback(id: id, target: target)
        case .rejected(let reason): return .rejected(reason: reason)
        }
    }

    /// What a line turned out to be; a request's fields are left in the `Fields` that read it.
    enum Kind {
        case request
        case feedback(id: String, target: String)
        case rejected(String)
    }

    /// The fields a log line may carry; a present field of the wrong type is remembered, not
    /// fatal, because classification order decides which problem is reported. One `Fields` reads
    /// every line of a block in turn, so its arrays keep their capacity.
    struct Fields {
        var line = RequestLine()
        var hasPrediction = false, hasTS = false, hasID = false, hasTarget = false
        var tsWrong = false, predictionWrong = false
        var wrongType: [String] = []
        /// Keys this line carried that the contract does not define, as written.
        var unknownKeys: [String] = []

        /// Classifies the bytes of one line (without its LF), forgetting the previous line.
        mutating func read(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Kind {
            reset()
            var stop = end
            if stop > start, base[stop - 1] == UInt8(ascii: "\r") { stop -= 1 }
            if stop - start > maxLength { return .rejected("line longer than \(maxLength) bytes") }
            var scanner = JSONScanner(base, start, stop)
            if scanner.atEnd { return .rejected("empty line") }
            if scanner.peek() != UInt8(ascii: "{") {
                var probe = scanner
                let isValue = (try? probe.skipValue()) != nil && probe.atEnd
                return .rejected(isValue ? "not a JSON object" : "invalid JSON")
            }
            do {
                try scanner.object { scanner, keyStart, keyEnd throws(JSONScanner.Failure) in
                    try read(&scanner, keyStart, keyEnd)
                }
                guard scanner.atEnd else { return .rejected("invalid JSON") }
            } catch {
                return .rejected("invalid JSON")
            }
            return classify()
        }

        private mutating func reset() {
            line.ts = 0
            line.prediction = nil
            line.latencyMs = nil
            line.confidence = nil
            line.status = nil
            line.id = nil
            line.target = nil
            line.probs.removeAll(keepingCapacity: true)
            line.embedding.removeAll(keepingCapacity: true)
            line.pixels.removeAll(keepingCapacity: true)
            hasPrediction = false
            hasTS = false
            hasID = false
            hasTarget = false
            tsWrong = false
            predictionWrong = false
            wrongType.removeAll(keepingCapacity: true)
            unknownKeys.removeAll(keepingCapacity: true)
        }

        mutating func read(_ scanner: inout JSONScanner, _ keyStart: Int, _ keyEnd: Int) throws(JSONScanner.Failure) {
            let kind = scanner.peek()
            let isNull = kind == UInt8(ascii: "n")
            let isString = kind == UInt8(ascii: "\"")
            let isArray = kind == UInt8(ascii: "[")
            let isNumber = kind.map { $0 == UInt8(ascii: "-") || ($0 >= 0x30 && $0 <= 0x39) } ?? false
            func skip() throws(JSONScanner.Failure) { try scanner.skipValue() }
            if scanner.key(keyStart, keyEnd, is: "ts") || scanner.key(keyStart, keyEnd, is: "timestamp")
                || scanner.key(keyStart, keyEnd, is: "time") {
                hasTS = true
                if isNumber, let value = try scanner.number() {
                    line.ts = value
                } else if isString, let value = try Self.isoTime(&scanner) {
                    line.ts = value
                } else {
                    tsWrong = true
                    if !isString { try skip() }
                }
            } else if scanner.key(keyStart, keyEnd, is: "prediction") {
                // null is no prediction: a failed request (status ≥ 400) has none.
                if isNull {
                    try skip()
                } else if isString || isNumber {
                    hasPrediction = true
                    line.prediction = try scanner.label()
                } else {
                    hasPrediction = true
                    predictionWrong = true
                    try skip()
                }
            } else if scanner.key(keyStart, keyEnd, is: "target") {
                hasTarget = !isNull
                if isNull { try skip() } else if isString || isNumber {
                    line.target = try scanner.label()
                } else {
                    wrongType.append("target")
                    try skip()
                }
            } else if scanner.key(keyStart, keyEnd, is: "id") {
                hasID = !isNull
                if isNull { try skip() } else if isString { line.id = try scanner.string() } else { wrongType.append("id"); try skip() }
            } else if scanner.key(keyStart, keyEnd, is: "latency_ms") || scanner.key(keyStart, keyEnd, is: "latency") {
                if isNull { try skip() } else if isNumber { line.latencyMs = try scanner.number() } else { wrongType.append("latency_ms"); try skip() }
            } else if scanner.key(keyStart, keyEnd, is: "confidence") {
                if isNull { try skip() } else if isNumber { line.confidence = try scanner.number() } else { wrongType.append("confidence"); try skip() }
            } else if scanner.key(keyStart, keyEnd, is: "status") {
                if isNull {
                    try skip()
                } else if isNumber, Self.isInteger(scanner), let value = try scanner.number(), abs(value) < 1e9 {
                    line.status = Int(value)
                } else {
                    wrongType.append("status")
                    try skip()
                }
            } else if scanner.key(keyStart, keyEnd, is: "probs") || scanner.key(keyStart, keyEnd, is: "probabilities")
                || scanner.key(keyStart, keyEnd, is: "proba") {
                try Self.readArray(&scanner, into: &line.probs, isNull: isNull, isArray: isArray, name: "probs", wrongType: &wrongType)
            } else if scanner.key(keyStart, keyEnd, is: "embedding") {
                try Self.readArray(&scanner, into: &line.embedding, isNull: isNull, isArray: isArray, name: "embedding", wrongType: &wrongType)
            } else if scanner.key(keyStart, keyEnd, is: "pixels") {
                try Self.readArray(&scanner, into: &line.pixels, isNull: isNull, isArray: isArray, name: "pixels", wrongType: &wrongType, nested: true)
            } else {
                unknownKeys.append(String(decoding: UnsafeBufferPointer(start: scanner.base + keyStart, count: keyEnd - keyStart), as: UTF8.self))
                try skip()
            }
        }

        /// An ISO-8601 time in a JSON string (`"2026-12-02T19:03:21.5Z"`), or nil with the string consumed.
        private static func isoTime(_ scanner: inout JSONScanner) throws(JSONScanner.Failure) -> Double? {
            let (start, stop, escaped) = try scanner.rawString()
            guard !escaped else { return nil }
            return Timestamp.parse(scanner.base, start, stop)
        }

        /// A non-empty array of numbers replaces `values`; anything else leaves them as they were
        /// (after noting a type problem unless null), as a repeated key does.
        private static func readArray(
            _ scanner: inout JSONScanner, into values: inout [Double], isNull: Bool, isArray: Bool, name: String,
            wrongType: inout [String], nested: Bool = false
        ) throws(JSONScanner.Failure) {
            if isNull {
                try scanner.skipValue()
                return
            }
            guard isArray else {
                wrongType.append(name)
                try scanner.skipValue()
                return
            }
            var probe = scanner
            let previous = values.count
            if (try? probe.numbers(into: &values, depth: nested ? 3 : 1)) != nil, values.count > previous {
                scanner = probe
                values.removeSubrange(0..<previous)
                return
            }
            values.removeSubrange(previous...)
            // Valid JSON but not a non-empty array of numbers: a type problem.
            wrongType.append(name)
            try scanner.skipValue()
        }

        /// A JSON integer: digits with no fraction or exponent (3.0 is not an integer).
        private static func isInteger(_ scanner: JSONScanner) -> Bool {
            var k = scanner.position
            if k < scanner.end, scanner.base[k] == UInt8(ascii: "-") { k += 1 }
            while k < scanner.end, scanner.base[k] >= 0x30, scanner.base[k] <= 0x39 { k += 1 }
            guard k < scanner.end else { return true }
            let next = scanner.base[k]
            return next != UInt8(ascii: ".") && next != UInt8(ascii: "e") && next != UInt8(ascii: "E")
        }

        func classify() -> Kind {
            // A failed request has no prediction (absent or null) but is still a request.
            let failed = !hasPrediction && hasTS && (line.status ?? 0) >= 400
            if hasPrediction || failed {
                if !hasTS { return .rejected("missing ts") }
                if tsWrong { return .rejected("ts is neither Unix seconds nor an ISO-8601 time") }
                if predictionWrong { return .rejected("prediction is not a number or string") }
                if !wrongType.isEmpty {
                    for name in ["latency_ms", "confidence", "status", "id", "target", "probs", "embedding", "pixels"]
                    where wrongType.contains(name) {
                        return .rejected("\(name) has the wrong type")
                    }
                }
                return .request
            }
            if hasID, hasTarget {
                if wrongType.contains("id") { return .rejected("id has the wrong type") }
                if wrongType.contains("target") { return .rejected("target has the wrong type") }
                if let id = line.id, let target = line.target { return .feedback(id: id, target: target) }
            }
            if wrongType.contains("id") && hasTarget { return .rejected("id has the wrong type") }
            if wrongType.contains("target") && hasID { return .rejected("target has the wrong type") }
            return .rejected("neither a request nor a feedback line")
        }
    }
}

/// The fields of one request line as written.
package struct RequestLine: Sendable, Equatable {
    package var ts = 0.0
    /// nil for a failed request (status ≥ 400) that produced no prediction.
    package var prediction: String?
    package var latencyMs: Double?
    package var confidence: Double?
    package var status: Int?
    package var id: String?
    package var target: String?
    package var probs: [Double] = []
    package var embedding: [Double] = []
    package var pixels: [Double] = []

    package init() {}
}
