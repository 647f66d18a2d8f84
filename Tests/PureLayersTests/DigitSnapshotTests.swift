import Foundation
import Testing
import ModelTopDigits
import ModelTopIO

/// Rendered digits compared with text snapshots in fixtures/images/snapshots/; run with
/// `MODELTOP_RECORD_SNAPSHOTS=1` to re-record after looking at the new drawings.
@Suite struct DigitSnapshotTests {
    static func load(_ file: String, index: Int) throws -> DigitImage {
        try ImageFiles.load(path: Goldens.fixture(file), selection: .init(index: index)).image
    }

    /// Several digits one after another, each under a caption, as one snapshot.
    static func sheet(_ file: String, indexes: [Int], mode: DigitLayout.Mode, columns: Int? = nil, lines: Int? = nil) throws -> String {
        var out: [String] = []
        for index in indexes {
            let image = try load(file, index: index)
            let layout = DigitLayout(mode: mode, sourceSide: image.side, columns: columns, lines: lines)
            out.append("# \(index): label \(image.label ?? "?"), \(layout.columns)×\(layout.lines)")
            out += DigitRenderer.lines(image, layout: layout).map { "|" + $0 + "|" }
        }
        return out.joined(separator: "\n") + "\n"
    }

    @Test func sklearnDigitsAt8x8InUnicode() throws {
        try assertDigitSnapshot(Self.sheet("digits/digits.csv", indexes: [0, 1, 2, 3, 7], mode: .unicode), named: "digits8-unicode")
    }

    @Test func sklearnDigitsAt8x8InASCII() throws {
        try assertDigitSnapshot(Self.sheet("digits/digits.csv", indexes: [0, 1, 2, 3, 7], mode: .ascii), named: "digits8-ascii")
    }

    @Test func upscaledDigitsAt28x28InUnicode() throws {
        try assertDigitSnapshot(Self.sheet("images/digits28-idx3-ubyte", indexes: [3, 5], mode: .unicode), named: "digits28-unicode")
    }

    @Test func upscaledDigitsAt28x28InASCII() throws {
        try assertDigitSnapshot(Self.sheet("images/digits28-idx3-ubyte", indexes: [3, 5], mode: .ascii), named: "digits28-ascii")
    }

    @Test func digits28ShrunkToSmallAreas() throws {
        let unicode = try Self.sheet("images/digits28-idx3-ubyte", indexes: [2, 7], mode: .unicode, columns: 12, lines: 6)
        let ascii = try Self.sheet("images/digits28-idx3-ubyte", indexes: [2, 7], mode: .ascii, columns: 24, lines: 12)
        assertDigitSnapshot(unicode + ascii, named: "digits28-small")
    }

    @Test func digits8EnlargedToFillAWidth() throws {
        try assertDigitSnapshot(Self.sheet("images/digits8-idx3-ubyte", indexes: [4], mode: .unicode, columns: 40), named: "digits8-width40")
    }

    @Test func predictionPanelBesideAWrongPrediction() throws {
        var image = try Self.load("digits/digits.csv", index: 7)
        image.prediction = "1"
        image.probabilities = [0.001, 0.62, 0.0, 0.004, 0.0, 0.0, 0.0, 0.3701, 0.005, 0.0]
        var out = ""
        for mode in [DigitLayout.Mode.unicode, .ascii] {
            let layout = DigitLayout(mode: mode, sourceSide: image.side)
            let picture = DigitRenderer.lines(image, layout: layout)
            out += DigitPanel.beside(picture, leftWidth: layout.columns, DigitPanel.lines(image, mode: mode)).joined(separator: "\n") + "\n"
        }
        assertDigitSnapshot(out, named: "panel-wrong-prediction")
    }
}

/// Compares `actual` with fixtures/images/snapshots/`name`.txt; a missing file fails unless recording.
func assertDigitSnapshot(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let url = URL(fileURLWithPath: Goldens.fixture("images/snapshots/\(name).txt"))
    if ProcessInfo.processInfo.environment["MODELTOP_RECORD_SNAPSHOTS"] == "1" {
        do {
            try Data(actual.utf8).write(to: url, options: .atomic)
        } catch {
            Issue.record("could not record snapshot \(name): \(error)", sourceLocation: sourceLocation)
        }
        return
    }
    guard let data = FileManager.default.contents(atPath: url.path) else {
        Issue.record("missing snapshot \(url.path); run with MODELTOP_RECORD_SNAPSHOTS=1 to record it", sourceLocation: sourceLocation)
        return
    }
    let expected = String(decoding: data, as: UTF8.self)
    guard expected != actual else { return }
    let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let first = (0..<max(a.count, b.count)).first { k in k >= a.count || k >= b.count || a[k] != b[k] } ?? 0
    let left = first < a.count ? String(a[first]) : "<none>", right = first < b.count ? String(b[first]) : "<none>"
    Issue.record(
        "snapshot \(name) differs at line \(first + 1) (re-record with MODELTOP_RECORD_SNAPSHOTS=1):\nexpected: \(left)\nactual:   \(right)",
        sourceLocation: sourceLocation)
}
