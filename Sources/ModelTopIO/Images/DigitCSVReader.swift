import ModelTopBase
import ModelTopDigits

/// Finds one row of a digits CSV (`id,label,p0,…`) by position or by `id`, reading only up to it.
enum DigitCSVReader {
    /// The longest line read: 4096×4096 pixels do not fit a CSV row anyone should draw from.
    static let maxLineBytes = 16 << 20

    /// Data row `index` (0-based, after the header), or the row whose `id` is `id` when given.
    static func image(_ file: ImageFileAccess, index: Int, id: String?, maxValue: Double?) throws(ModelTopError) -> (DigitImage, place: String) {
        var columns: DigitCSV?
        var found: (DigitImage, String)?
        var rows = 0
        try TextLines.scan(file, maxLength: maxLineBytes) { bytes, number throws(ModelTopError) in
            guard let bytes else {
                throw .cannotRead(file: file.name, reason: DigitFormatError(.lineTooLong(limit: maxLineBytes), line: number).message)
            }
            let line = String(decoding: bytes, as: UTF8.self)
            guard let header = columns else {
                columns = try file.parse { () throws(DigitFormatError) in try DigitCSV(header: line) }
                return true
            }
            if line.allSatisfy({ $0 == "\r" || $0 == " " }) { return true }
            defer { rows += 1 }
            let wanted = id.map { header.id(of: line) == $0 } ?? (rows == index)
            guard wanted else { return true }
            let image = try file.parse { () throws(DigitFormatError) in
                try header.image(line: line, lineNumber: number, maxValue: maxValue)
            }
            found = (image, "row \(rows), line \(number)")
            return false
        }
        guard columns != nil else {
            throw .cannotRead(file: file.name, reason: DigitFormatError(.csvNoPixelColumns, line: 1).message)
        }
        guard let found else {
            if let id {
                if columns?.idColumn == nil { throw .cannotRead(file: file.name, reason: "no id column to find --id in") }
                throw .cannotRead(file: file.name, reason: DigitFormatError(.csvNoSuchRow("with id \"\(id)\"")).message)
            }
            throw .cannotRead(file: file.name, reason: DigitFormatError(.indexOutOfRange(index: index, count: rows)).message)
        }
        return found
    }
}
