import Foundation
import FoundationEssentials
import Glibc
import ModelTopBase
import ModelTopDigits

/// Loads one digit image to draw from any source modeltop knows (FORMATS.md §4): an MNIST IDX
/// file with its labels, a binary PGM, a row of a digits CSV, or a request in prediction logs.
///
/// The format is told by the file's first bytes, not its name, so a misnamed file still reads
/// and a compressed one gets a clear message.
package enum ImageFiles {
    /// Which image to take from a file that holds many.
    package struct Selection: Sendable, Equatable {
        /// 0-based image (IDX) or data row (CSV).
        package var index: Int
        /// A request id (logs) or a CSV `id`; takes precedence over `index`.
        package var id: String?
        /// An IDX labels file; nil looks for the one named like the images file.
        package var labelsPath: String?
        /// The intensity of full ink; nil: 255 for IDX, the PGM's maxval, else inferred (16 or 255).
        package var maxValue: Double?

        package init(index: Int = 0, id: String? = nil, labelsPath: String? = nil, maxValue: Double? = nil) {
            self.index = index
            self.id = id
            self.labelsPath = labelsPath
            self.maxValue = maxValue
        }
    }

    /// The formats, as found from a file's first bytes.
    package enum Format: String, Sendable, Equatable {
        case idx = "IDX", pgm = "PGM", csv = "CSV", logs = "prediction log"
    }

    /// A loaded image and where it came from, for the caption (`image 3 of 20`, `row 5, line 7`).
    package struct Loaded: Sendable, Equatable {
        package var image: DigitImage
        package var format: Format
        package var place: String
        /// The labels file used, if any.
        package var labelsPath: String?
    }

    package static func load(path: String, selection: Selection) throws(ModelTopError) -> Loaded {
        var info = stat()
        guard stat(path, &info) == 0 else { throw .cannotRead(file: path, reason: String(cString: strerror(errno))) }
        let isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
        if isDirectory || isLogName(path) {
            guard let id = selection.id else {
                throw .usage("\(SafeText.inline(path)): prediction logs need --id REQUEST-ID to choose a request")
            }
            let (image, place) = try LogRequestFinder.image(path: path, isDirectory: isDirectory, id: id, maxValue: selection.maxValue)
            return Loaded(image: image, format: .logs, place: place)
        }
        let file = try ImageFileAccess(path: path, name: path)
        let prefix = try file.read(0..<4)
        switch try file.parse({ () throws(DigitFormatError) in try sniff(prefix, path: path) }) {
        case .idx:
            let labelsPath = selection.labelsPath ?? IDXFileReader.labelsPath(forImages: path)
            let labels = try labelsPath.map { path throws(ModelTopError) in try ImageFileAccess(path: path, name: path) }
            let (image, count) = try IDXFileReader.image(file, index: selection.index, labels: labels, maxValue: selection.maxValue)
            return Loaded(image: image, format: .idx, place: "image \(selection.index) of \(count)", labelsPath: labelsPath)
        case .pgm:
            let bytes = try file.readAll(limit: 64 + 2 * DigitImage.maxSide * DigitImage.maxSide + (1 << 16))
            var image = try file.parse { () throws(DigitFormatError) in try PGMDecoder.decode(bytes) }
            if let maxValue = selection.maxValue {
                image = try file.parse { () throws(DigitFormatError) in try DigitImage(pixels: image.pixels, maxValue: maxValue) }
            }
            return Loaded(image: image, format: .pgm, place: "maxval \(Int(image.maxValue))")
        case .csv, .logs:
            let (image, place) = try DigitCSVReader.image(file, index: selection.index, id: selection.id, maxValue: selection.maxValue)
            return Loaded(image: image, format: .csv, place: place)
        }
    }

    /// The format from the first bytes (after gzip decompression): IDX starts `00 00`, PGM `P`;
    /// CSV is text.
    static func sniff(_ prefix: [UInt8], path: String) throws(DigitFormatError) -> Format {
        if prefix.isEmpty { throw DigitFormatError(.emptyFile) }
        if prefix.count >= 2, prefix[0] == 0, prefix[1] == 0 { return .idx }
        if prefix.count >= 2, prefix[0] == UInt8(ascii: "P"), (0x31...0x37).contains(prefix[1]) { return .pgm }
        let looksTextual = !prefix.isEmpty && prefix.allSatisfy { $0 >= 0x20 && $0 < 0x7F || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        if looksTextual || path.hasSuffix(".csv") { return .csv }
        throw DigitFormatError(.unrecognised, offset: 0)
    }

    /// `*.jsonl` and rotated `*.jsonl.N` files are prediction logs.
    static func isLogName(_ path: String) -> Bool {
        if path.hasSuffix(".jsonl") { return true }
        guard let range = path.range(of: ".jsonl.", options: .backwards) else { return false }
        return Int(path[range.upperBound...]) != nil
    }
}
