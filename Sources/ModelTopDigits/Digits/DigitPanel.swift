import ModelTopBase
import ModelTopTables

/// The text drawn beside a digit: predicted and true class, then one probability bar per class.
///
/// The predicted and the true class are marked at the end of their bar line, so a wrong
/// prediction reads as two marked lines at a glance, with or without colour.
package enum DigitPanel {
    /// Eighths of a block, for bars finer than one column.
    static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// Caption and bars for `image`; `barWidth` columns for a probability of 1.
    package static func lines(_ image: DigitImage, mode: DigitLayout.Mode, barWidth: Int = 20) -> [String] {
        let prediction = image.prediction.map { SafeText.inline(LabelName.canonical($0), maxScalars: 40) }
        let label = image.label.map { SafeText.inline(LabelName.canonical($0), maxScalars: 40) }
        let dot = mode == .unicode ? " · " : ", "
        var caption: [String] = []
        switch (prediction, label) {
        case let (predicted?, truth?):
            caption = ["predicted \(predicted)", "true \(truth)", predicted == truth ? "correct" : "WRONG"]
        case let (predicted?, nil): caption = ["predicted \(predicted)", "true class unknown"]
        case let (nil, truth?): caption = ["label \(truth)"]
        case (nil, nil): caption = ["no label"]
        }
        // The scale assumed from the values (0–1, 0–16 or 0–255), so a faint image is explained.
        caption.append("pixels 0\(mode == .unicode ? "–" : "-")\(ReportNumber.general(image.maxValue))")
        var lines = [caption.joined(separator: dot)]
        let classes = image.probabilities.count
        guard classes > 0 else { return lines }
        let nameWidth = String(classes - 1).count
        let width = max(1, barWidth)
        for (k, probability) in image.probabilities.enumerated() {
            let name = String(k)
            var marks: [String] = []
            if name == prediction { marks.append("predicted") }
            if name == label { marks.append("true") }
            let arrow = mode == .unicode ? "◀ " : "< "
            let padded = String(repeating: " ", count: nameWidth - name.count) + name
            var line = "\(padded) \(bar(probability, width: width, mode: mode)) \(ReportNumber.fixed(probability, 3))"
            if !marks.isEmpty { line += "  " + arrow + marks.joined(separator: ", ") }
            lines.append(line)
        }
        return lines
    }

    /// A bar exactly `width` columns wide (padded with spaces): whole `█` or `#` per column,
    /// and in Unicode an eighth-block for the remainder.
    package static func bar(_ value: Double, width: Int, mode: DigitLayout.Mode) -> String {
        let share = value.isFinite ? min(1, max(0, value)) : 0
        switch mode {
        case .ascii:
            let full = Int((share * Double(width)).rounded())
            return String(repeating: "#", count: full) + String(repeating: " ", count: width - full)
        case .unicode:
            let eighthsTotal = Int((share * Double(width * 8)).rounded())
            let full = eighthsTotal / 8, rest = eighthsTotal % 8
            var text = String(repeating: "█", count: full)
            if rest > 0 { text.append(eighths[rest - 1]) }
            return text + String(repeating: " ", count: width - full - (rest > 0 ? 1 : 0))
        }
    }

    /// `left` and `right` side by side: `left` lines are `leftWidth` columns wide (colour escapes
    /// take none), `gap` spaces between; the shorter column is padded with blank lines.
    package static func beside(_ left: [String], leftWidth: Int, _ right: [String], gap: Int = 3) -> [String] {
        let blank = String(repeating: " ", count: leftWidth)
        return (0..<max(left.count, right.count)).map { k in
            guard k < right.count else { return k < left.count ? left[k] : blank }
            return (k < left.count ? left[k] : blank) + String(repeating: " ", count: gap) + right[k]
        }
    }
}
