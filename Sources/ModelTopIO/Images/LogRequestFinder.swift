import ModelTopBase
import ModelTopLogs
import ModelTopDigits

/// Finds a request by id in prediction logs (FORMATS.md §3) and returns its input image with
/// the model's prediction, probabilities and true class (from the request or a feedback line).
enum LogRequestFinder {
    /// Scans every log file of `directory` (or the one file `path` when it is not a directory).
    static func image(path: String, isDirectory: Bool, id: String, maxValue: Double?) throws(ModelTopError) -> (DigitImage, place: String) {
        let files = isDirectory ? try LogDirectory.files(in: path).files.map { (path + "/" + $0, $0) } : [(path, path)]
        var request: (RequestLine, place: String)?
        var feedbackTarget: String?
        for (filePath, name) in files {
            let file = try ImageFileAccess(path: filePath, name: name)
            try TextLines.scan(file, maxLength: LogLine.maxLength) { bytes, number throws(ModelTopError) in
                guard let bytes else { return true }
                let parsed = Array(bytes).withUnsafeBufferPointer { buffer -> LogLine in
                    guard let base = buffer.baseAddress else { return .rejected(reason: "empty line") }
                    return LogLine.parse(base, 0, buffer.count)
                }
                switch parsed {
                // The first request line is the request; a later one with the id is feedback that
                // repeats its fields (or a duplicate), as `LogMonitor` counts them.
                case .request(let line) where line.id == id:
                    if request == nil { request = (line, "\(name):\(number)") } else if let target = line.target { feedbackTarget = target }
                case .feedback(let feedbackID, let target) where feedbackID == id: feedbackTarget = target
                default: break
                }
                return true
            }
        }
        guard let (line, place) = request else {
            throw .cannotRead(file: path, reason: DigitFormatError(.requestNotFound(id: id)).message)
        }
        guard !line.pixels.isEmpty else {
            throw .cannotRead(file: path, reason: DigitFormatError(.requestWithoutPixels(id: id)).message)
        }
        do {
            var image = try DigitImage(pixels: line.pixels, maxValue: maxValue)
            image.prediction = line.prediction
            image.probabilities = line.probs
            image.label = line.target ?? feedbackTarget
            return (image, place)
        } catch {
            throw .cannotRead(file: place, reason: "request \"\(SafeText.inline(id))\": " + error.message)
        }
    }
}
