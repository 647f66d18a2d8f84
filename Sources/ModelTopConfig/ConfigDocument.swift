import TOMLKit

/// A config file as keys with values and the lines that set them.
///
/// TOMLKit (toml++ underneath) parses and checks the TOML; it reports a line only for syntax
/// errors, so `KeyLines` finds each key's line in the text for the messages about what the
/// file says (an unknown key, a wrong type).
package struct ConfigDocument: Sendable, Equatable {
    package enum Value: Sendable, Equatable {
        case string(String)
        case integer(Int)
        case float(Double)
        case boolean(Bool)
        /// An array, a date or a table where a plain value was expected: its TOML type's name.
        case other(String)

        /// The TOML type, as messages name it.
        package var typeName: String {
            switch self {
            case .string: return "a string"
            case .integer: return "an integer"
            case .float: return "a float"
            case .boolean: return "a boolean"
            case .other(let name): return name
            }
        }
    }

    package struct Entry: Sendable, Equatable {
        /// The key's dotted path: ["window"], ["alerts", "server_errors", "threshold"].
        package var path: [String]
        package var value: Value
        package var line: Int?

        package var key: String { path.joined(separator: ".") }
    }

    package var file: String
    /// In the order of the file's lines (keys without a known line last, by name).
    package var entries: [Entry]
    /// The line of each key and table header (`KeyLines`), for messages about a whole table.
    package var lines: [String: Int]

    /// - Throws: `ConfigError` with the line and column of a syntax error.
    package init(text: String, file: String) throws(ConfigError) {
        self.file = file
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(file: file, line: error.source.begin.line, "\(error.description) (column \(error.source.begin.column))")
        } catch {
            throw ConfigError(file: file, line: nil, "not valid TOML: \(error)")
        }
        let lines = KeyLines.locate(in: text)
        self.lines = lines
        var entries: [Entry] = []
        Self.flatten(table, prefix: [], lines: lines, into: &entries)
        self.entries = entries.sorted { ($0.line ?? .max, $0.key) < ($1.line ?? .max, $1.key) }
    }

    private static func flatten(_ table: TOMLTable, prefix: [String], lines: [String: Int], into entries: inout [Entry]) {
        for (key, node) in table {
            let path = prefix + [key]
            if let inner = node.table {
                // An empty table still says something (a rule named with nothing set).
                if inner.isEmpty { entries.append(Entry(path: path, value: .other("an empty table"), line: lines[path.joined(separator: ".")])) }
                flatten(inner, prefix: path, lines: lines, into: &entries)
                continue
            }
            entries.append(Entry(path: path, value: value(of: node), line: lines[path.joined(separator: ".")]))
        }
    }

    private static func value(of node: any TOMLValueConvertible) -> Value {
        switch node.type {
        case .string: return node.string.map(Value.string) ?? .other("a string")
        case .int: return node.int.map(Value.integer) ?? .other("an integer")
        case .double: return node.double.map(Value.float) ?? .other("a float")
        case .bool: return node.bool.map(Value.boolean) ?? .other("a boolean")
        case .array: return .other("an array")
        case .date, .time, .dateTime: return .other("a date or time")
        case .table: return .other("a table")
        }
    }
}

/// The line of each key in a TOML text: table headers (`[alerts.drift]`) give the prefix of
/// the keys below them; `key = …` and dotted `a.b = …` lines give the keys. Multi-line strings
/// and arrays are skipped over. A key it cannot place simply has no line in messages.
package enum KeyLines {
    package static func locate(in text: String) -> [String: Int] {
        var lines: [String: Int] = [:]
        var prefix: [String] = []
        var openMultiline: String?
        var bracketDepth = 0
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            var line = Substring(raw).trimmingWhitespace()
            if let quote = openMultiline {
                if line.contains(quote) { openMultiline = nil }
                continue
            }
            if bracketDepth > 0 {
                bracketDepth += line.filter { $0 == "[" }.count - line.filter { $0 == "]" }.count
                continue
            }
            if line.hasPrefix("#") || line.isEmpty { continue }
            if line.hasPrefix("[") {
                let isArray = line.hasPrefix("[[")
                line = line.dropFirst(isArray ? 2 : 1)
                guard let close = line.firstIndex(of: "]") else { continue }
                prefix = keyPath(line[..<close])
                // The header opens its parent tables too ([alerts.x] opens alerts).
                for k in 1...max(1, prefix.count) where lines[prefix[..<k].joined(separator: ".")] == nil {
                    lines[prefix[..<k].joined(separator: ".")] = number
                }
                continue
            }
            guard let equals = firstUnquoted("=", in: line) else { continue }
            let path = prefix + keyPath(line[..<equals])
            lines[path.joined(separator: ".")] = number
            // Every table a dotted key opens starts here too.
            for k in prefix.count..<path.count where lines[path[..<k].joined(separator: ".")] == nil {
                lines[path[..<k].joined(separator: ".")] = number
            }
            let rest = line[line.index(after: equals)...].trimmingWhitespace()
            for quote in ["\"\"\"", "'''"] where rest.hasPrefix(quote) && !rest.dropFirst(3).contains(quote) { openMultiline = quote }
            if rest.hasPrefix("[") {
                bracketDepth = rest.filter { $0 == "[" }.count - rest.filter { $0 == "]" }.count
            }
        }
        return lines
    }

    /// `a."b.c".d` → ["a", "b.c", "d"].
    static func keyPath(_ text: Substring) -> [String] {
        var parts: [String] = [], current = "", quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "." {
                parts.append(current.trimmingCharacters())
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current.trimmingCharacters())
        return parts
    }

    private static func firstUnquoted(_ target: Character, in line: Substring) -> Substring.Index? {
        var quote: Character?
        for index in line.indices {
            let character = line[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == target {
                return index
            }
        }
        return nil
    }
}

extension Substring {
    fileprivate func trimmingWhitespace() -> Substring {
        var s = self
        while let first = s.first, first == " " || first == "\t" || first == "\r" { s.removeFirst() }
        while let last = s.last, last == " " || last == "\t" || last == "\r" { s.removeLast() }
        return s
    }
}

extension String {
    fileprivate func trimmingCharacters() -> String { String(Substring(self).trimmingWhitespace()) }
}
