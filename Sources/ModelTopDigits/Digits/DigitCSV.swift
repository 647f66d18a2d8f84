/// Rows of a digits CSV such as fixtures/digits/digits.csv (`id,label,p0,…,p63`) as images.
///
/// Pixel columns are named `p0`, `p1`, … or `pixel0`, `pixel1`, … (Kaggle's MNIST CSV); the
/// true class is the `label` or `target` column; `id` names a row. Other columns are ignored.
/// Fields are plain numbers, optionally in double quotes; quoted commas are not supported.
package struct DigitCSV: Sendable, Equatable {
    /// Column positions of pixel k, in pixel order.
    package let pixelColumns: [Int]
    package let labelColumn: Int?
    package let idColumn: Int?
    package let fieldCount: Int

    /// Reads the header line (without its line ending).
    package init(header: String) throws(DigitFormatError) {
        let names = Self.fields(header)
        var pixels: [Int: Int] = [:]
        for (column, name) in names.enumerated() {
            let lower = name.lowercased()
            let digits = lower.hasPrefix("pixel") ? lower.dropFirst(5) : lower.hasPrefix("p") ? lower.dropFirst(1) : ""
            if !digits.isEmpty, digits.allSatisfy(\.isASCII), let k = Int(digits), k >= 0 { pixels[k] = column }
        }
        let ordered = (0..<pixels.count).compactMap { pixels[$0] }
        guard !ordered.isEmpty, ordered.count == pixels.count else { throw DigitFormatError(.csvNoPixelColumns, line: 1) }
        pixelColumns = ordered
        labelColumn = names.firstIndex { $0 == "label" } ?? names.firstIndex { $0 == "target" }
        idColumn = names.firstIndex { $0 == "id" }
        fieldCount = names.count
    }

    /// The `id` field of a data line, to find a row by id without parsing its pixels.
    package func id(of line: String) -> String? {
        guard let idColumn else { return nil }
        let fields = Self.fields(line)
        return idColumn < fields.count ? fields[idColumn] : nil
    }

    /// The image on a data line; `lineNumber` is 1-based, for the error message.
    package func image(line: String, lineNumber: Int, maxValue: Double?) throws(DigitFormatError) -> DigitImage {
        let fields = Self.fields(line)
        guard fields.count == fieldCount else {
            throw DigitFormatError(.csvFieldCount(expected: fieldCount, found: fields.count), line: lineNumber)
        }
        var pixels: [Double] = []
        pixels.reserveCapacity(pixelColumns.count)
        for (k, column) in pixelColumns.enumerated() {
            guard let value = Double(fields[column]), value.isFinite else {
                throw DigitFormatError(.csvBadNumber(column: "\(column + 1) (pixel \(k))", text: fields[column]), line: lineNumber)
            }
            pixels.append(value)
        }
        var image = try DigitImage(pixels: pixels, maxValue: maxValue)
        if let labelColumn, !fields[labelColumn].isEmpty { image.label = fields[labelColumn] }
        return image
    }

    /// Comma-separated fields with surrounding whitespace, a trailing CR and enclosing quotes removed.
    static func fields(_ line: String) -> [String] {
        var text = Substring(line)
        if text.hasSuffix("\r") { text = text.dropLast() }
        return text.split(separator: ",", omittingEmptySubsequences: false).map { raw in
            var field = raw.trimmingPrefix(while: { $0 == " " })
            while field.hasSuffix(" ") { field = field.dropLast() }
            if field.count >= 2, field.hasPrefix("\""), field.hasSuffix("\"") { field = field.dropFirst().dropLast() }
            return String(field)
        }
    }
}
