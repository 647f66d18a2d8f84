import Glibc
import ModelTopBase
import ModelTopDigits

/// Reads one image (and its label) from MNIST IDX files without loading the whole set.
enum IDXFileReader {
    /// Image `index` of an `…-idx3-ubyte` file, labelled from `labels` when given, and the
    /// number of images in the file. A labels file with another count is an error.
    static func image(_ file: ImageFileAccess, index: Int, labels: ImageFileAccess?, maxValue: Double?) throws(ModelTopError) -> (DigitImage, count: Int) {
        let prefix = try file.read(0..<IDXHeader.maxHeaderBytes)
        let header = try file.parse { () throws(DigitFormatError) in
            try IDXHeader.parse(prefix, fileSize: file.size, magic: IDXHeader.imagesMagic)
        }
        let range = try file.parse { () throws(DigitFormatError) in try header.range(of: index) }
        let bytes = try file.read(range)
        var image = try file.parse { () throws(DigitFormatError) in
            try DigitImage(pixels: bytes.map(Double.init), maxValue: maxValue ?? 255)
        }
        if let labels {
            let labelPrefix = try labels.read(0..<8)
            let labelHeader = try labels.parse { () throws(DigitFormatError) in
                let parsed = try IDXHeader.parse(labelPrefix, fileSize: labels.size, magic: IDXHeader.labelsMagic)
                guard parsed.count == header.count else {
                    throw DigitFormatError(.labelCountMismatch(images: header.count, labels: parsed.count), offset: 4)
                }
                return parsed
            }
            let labelRange = try labels.parse { () throws(DigitFormatError) in try labelHeader.range(of: index) }
            image.label = try labels.read(labelRange).first.map { String($0) }
        }
        return (image, header.count)
    }

    /// The labels file that goes with an images file by MNIST's naming (`train-images-idx3-ubyte`
    /// → `train-labels-idx1-ubyte`, `digits8-idx3-ubyte` → `digits8-idx1-ubyte`), if it exists.
    static func labelsPath(forImages path: String) -> String? {
        let slash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        let directory = path[..<slash], name = path[slash...]
        guard name.contains("idx3") else { return nil }
        let candidate = String(directory) + name.replacingOccurrences("idx3", with: "idx1")
            .replacingOccurrences("images", with: "labels")
        return candidate != path && access(candidate, R_OK) == 0 ? candidate : nil
    }
}

extension StringProtocol {
    /// Every occurrence of `target` replaced, without Foundation.
    fileprivate func replacingOccurrences(_ target: String, with replacement: String) -> String {
        String(self).split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
