import ModelTopBase

/// The columns of one CSV file and what each means, read from its header line.
package struct TableSchema: Sendable, Equatable {
    package var dialect: CSVDialect
    /// Header names in file order (as written, surrounding spaces trimmed).
    package var columnNames: [String]
    /// One role per header column.
    package var roles: [ColumnRole]
    /// Embedding dimension names in dimension order (the reference's order once aligned).
    package var embeddingNames: [String]
    /// Labels of the `proba_<label>` columns in file order.
    package var probabilityLabels: [String]

    package var hasTarget: Bool { roles.contains(.target) }
    package var hasPrediction: Bool { roles.contains(.prediction) }
    package var hasTimestamp: Bool { roles.contains(.timestamp) }
    package var hasLatency: Bool { roles.contains(.latencyMs) }
    package var hasConfidence: Bool { roles.contains(.confidence) }
    package var hasID: Bool { roles.contains(.id) }
    package var ignoredColumns: [String] {
        zip(columnNames, roles).filter { $0.1 == .ignored }.map { $0.0.isEmpty ? "(unnamed)" : $0.0 }
    }

    /// Reads the header record (without its line end) of `file`.
    package static func parse(header: UnsafeBufferPointer<UInt8>, file: String) throws(ModelTopError) -> TableSchema {
        let dialect = CSVDialect.detect(headerLine: header)
        let fields: [CSVHeaderField]
        do {
            fields = try CSVHeaderField.split(header, delimiter: dialect.delimiter)
        } catch let error as CSVHeaderField.SplitError {
            throw .headerProblem(file: file, line: 1, column: error.column, reason: error.reason)
        } catch {
            throw .headerProblem(file: file, line: 1, column: 1, reason: "unreadable header")
        }
        if let first = fields.first, fields.allSatisfy({ LabelName.numericValue($0.text) != nil || $0.text.isEmpty }),
           fields.contains(where: { !$0.text.isEmpty }) {
            throw .headerIsData(file: file, firstField: first.text)
        }
        var names: [String] = []
        var roles: [ColumnRole] = []
        var embeddings: [String] = []
        var probabilities: [String] = []
        var seen: [String: Int] = [:]
        for field in fields {
            let name = field.text
            if !name.isEmpty, seen[name] != nil {
                throw .duplicateColumn(file: file, name: name, column: field.column)
            }
            seen[name] = field.column
            var role = ColumnRole.classify(name)
            switch role {
            case .embedding:
                role = .embedding(index: embeddings.count)
                embeddings.append(name)
            case .probability(let label, _):
                role = .probability(label: label, index: probabilities.count)
                probabilities.append(label)
            default:
                break
            }
            names.append(name)
            roles.append(role)
        }
        guard !embeddings.isEmpty else { throw .noEmbeddingColumns(file: file) }
        return TableSchema(
            dialect: dialect, columnNames: names, roles: roles,
            embeddingNames: embeddings, probabilityLabels: probabilities)
    }

    /// This schema with its embedding dimensions numbered in the reference's order, so that
    /// production columns may come in any order. Throws when the names differ.
    package func aligned(to reference: TableSchema, file: String, referenceFile: String) throws(ModelTopError) -> TableSchema {
        var position: [String: Int] = [:]
        for (k, name) in reference.embeddingNames.enumerated() { position[name] = k }
        let mine = Set(embeddingNames)
        let missing = reference.embeddingNames.filter { !mine.contains($0) }
        let unexpected = embeddingNames.filter { position[$0] == nil }
        guard missing.isEmpty, unexpected.isEmpty else {
            throw .embeddingMismatch(file: file, reference: referenceFile, missing: missing, unexpected: unexpected)
        }
        var result = self
        for (k, role) in roles.enumerated() {
            if case .embedding = role, let index = position[columnNames[k]] {
                result.roles[k] = .embedding(index: index)
            }
        }
        result.embeddingNames = reference.embeddingNames
        return result
    }
}

/// One header field and its 1-based byte column.
struct CSVHeaderField {
    struct SplitError: Error {
        var column: Int
        var reason: String
    }

    var text: String
    var column: Int

    /// Splits a header record into unquoted, trimmed names.
    static func split(_ bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8) throws -> [CSVHeaderField] {
        var fields: [CSVHeaderField] = []
        var k = 0
        var end = bytes.count
        if end > 0, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        while true {
            let start = k
            var text: [UInt8] = []
            if k < end, bytes[k] == UInt8(ascii: "\"") {
                k += 1
                var closed = false
                while k < end {
                    if bytes[k] == UInt8(ascii: "\"") {
                        if k + 1 < end, bytes[k + 1] == UInt8(ascii: "\"") {
                            text.append(UInt8(ascii: "\""))
                            k += 2
                            continue
                        }
                        closed = true
                        k += 1
                        break
                    }
                    text.append(bytes[k])
                    k += 1
                }
                if !closed { throw SplitError(column: start + 1, reason: "unterminated quoted field in the header") }
                if k < end, bytes[k] != delimiter {
                    throw SplitError(column: k + 1, reason: "unexpected character after a closing quote in the header")
                }
            } else {
                while k < end, bytes[k] != delimiter {
                    text.append(bytes[k])
                    k += 1
                }
            }
            guard let name = String(validating: text, as: UTF8.self) else {
                throw SplitError(column: start + 1, reason: "a column name is not valid UTF-8")
            }
            fields.append(CSVHeaderField(text: name.trimmingASCIISpaces(), column: start + 1))
            if k >= end { break }
            k += 1  // the delimiter
        }
        return fields
    }
}

extension String {
    func trimmingASCIISpaces() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
