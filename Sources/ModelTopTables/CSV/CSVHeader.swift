import ModelTopBase

/// Finding and reading the header record at the start of a CSV file.
package enum CSVHeader {
    /// The schema and the number of bytes the header takes (BOM and line end included), or nil
    /// when `bytes` holds no complete header yet (`atEnd`: the file has no more bytes, so a
    /// header without a line end is complete).
    package static func parse(
        _ bytes: UnsafeBufferPointer<UInt8>, file: String, atEnd: Bool
    ) throws(ModelTopError) -> (schema: TableSchema, length: Int)? {
        // The delimiter decides where quoted fields start: detect it from the first physical
        // line, then find the header record's true end.
        let firstLine = bytes.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
        let dialect = CSVDialect.detect(headerLine: UnsafeBufferPointer(rebasing: bytes[0..<firstLine]))
        let recordEnd = RecordBoundary.endOfFirstRecord(in: bytes, delimiter: dialect.delimiter)
        guard let end = recordEnd ?? (atEnd ? bytes.count : nil) else { return nil }
        let bom = CSVDialect.byteOrderMarkLength(bytes)
        var lineEnd = end
        if lineEnd > bom, bytes[lineEnd - 1] == UInt8(ascii: "\n") { lineEnd -= 1 }
        let header = UnsafeBufferPointer(rebasing: bytes[min(bom, lineEnd)..<lineEnd])
        if header.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\t") }) {
            throw .noHeader(file: file, blankFirstLine: end > lineEnd || header.count > 0)
        }
        return (try TableSchema.parse(header: header, file: file), end)
    }
}
