import Foundation
import Testing
@testable import ModelTopBase
@testable import ModelTopDigits
import ModelTopIO

/// Digits CSV rows and logged requests as images: selection by index or id, and bad rows.
@Suite struct DigitCSVTests {
    @Test func headerFindsPixelLabelAndIDColumns() throws {
        let csv = try DigitCSV(header: "id,label,p0,p1,p2,p3")
        #expect(csv.pixelColumns == [2, 3, 4, 5] && csv.labelColumn == 1 && csv.idColumn == 0)
        let kaggle = try DigitCSV(header: "label,pixel0,pixel1,pixel2,pixel3\r")
        #expect(kaggle.pixelColumns == [1, 2, 3, 4] && kaggle.labelColumn == 0 && kaggle.idColumn == nil)
        #expect(throws: DigitFormatError(.csvNoPixelColumns, line: 1)) { try DigitCSV(header: "id,label,x") }
        #expect(throws: DigitFormatError(.csvNoPixelColumns, line: 1)) { try DigitCSV(header: "p0,p2") }
    }

    @Test func rowsBecomeImagesOrPlacedErrors() throws {
        let csv = try DigitCSV(header: "id,label,p0,p1,p2,p3")
        let image = try csv.image(line: "a,\"7\",0,16,8,0", lineNumber: 2, maxValue: nil)
        #expect(image.label == "7" && image.maxValue == 16 && image.side == 2)
        #expect(throws: DigitFormatError(.csvFieldCount(expected: 6, found: 5), line: 3)) {
            try csv.image(line: "a,7,0,16,8", lineNumber: 3, maxValue: nil)
        }
        #expect(throws: DigitFormatError(.csvBadNumber(column: "4 (pixel 1)", text: "x"), line: 4)) {
            try csv.image(line: "a,7,0,x,8,0", lineNumber: 4, maxValue: nil)
        }
        let odd = try DigitCSV(header: "p0,p1,p2")
        #expect(throws: DigitFormatError(.pixelCountNotSquare(count: 3))) { try odd.image(line: "1,2,3", lineNumber: 2, maxValue: nil) }
    }

    @Test func fixtureRowsByIndexAndByID() throws {
        let path = Goldens.fixture("digits/digits.csv")
        let byIndex = try ImageFiles.load(path: path, selection: .init(index: 5))
        #expect(byIndex.format == .csv && byIndex.place == "row 5, line 7" && byIndex.image.label == "5")
        let byID = try ImageFiles.load(path: path, selection: .init(index: 0, id: "5"))
        #expect(byID.image == byIndex.image)
        #expect(throws: ModelTopError.cannotRead(file: path, reason: "no image 5000: the file has 1797 (indexes 0…1796)")) {
            try ImageFiles.load(path: path, selection: .init(index: 5000))
        }
        #expect(throws: ModelTopError.cannotRead(file: path, reason: "no row with id \"nope\"")) {
            try ImageFiles.load(path: path, selection: .init(id: "nope"))
        }
    }

    @Test func badRowsInAFileSayWhichLine() throws {
        let directory = try TemporaryFiles.directory()
        let path = directory + "/bad.csv"
        try Data("id,label,p0,p1,p2,p3\n1,1,0,0,0,0\n2,2,0,zero,0,0\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: ModelTopError.cannotRead(file: path, reason: "line 3: column 4 (pixel 1): \"zero\" is not a number")) {
            try ImageFiles.load(path: path, selection: .init(index: 1))
        }
    }

    @Test func loggedRequestsCarryPredictionProbabilitiesAndFeedback() throws {
        let directory = try TemporaryFiles.directory()
        let pixels = "[" + (0..<64).map { String($0 % 17) }.joined(separator: ",") + "]"
        let lines = [
            "{\"ts\": 1, \"prediction\": 3, \"probs\": [0.1, 0.2, 0.3, 0.4], \"id\": \"req-1\", \"pixels\": \(pixels)}",
            "{\"ts\": 2, \"prediction\": 1, \"id\": \"req-2\"}",
            "not json",
            "{\"ts\": 3, \"target\": 2, \"id\": \"req-1\"}",
        ]
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: directory + "/predictions.jsonl"))
        let loaded = try ImageFiles.load(path: directory, selection: .init(id: "req-1"))
        #expect(loaded.format == .logs && loaded.place == "predictions.jsonl:1")
        #expect(loaded.image.prediction == "3" && loaded.image.label == "2" && loaded.image.probabilities == [0.1, 0.2, 0.3, 0.4])
        #expect(loaded.image.side == 8 && loaded.image.maxValue == 16)
        #expect(throws: ModelTopError.cannotRead(file: directory, reason: "request \"req-2\" has no pixels field")) {
            try ImageFiles.load(path: directory, selection: .init(id: "req-2"))
        }
        #expect(throws: ModelTopError.cannotRead(file: directory, reason: "no request with id \"req-9\"")) {
            try ImageFiles.load(path: directory, selection: .init(id: "req-9"))
        }
        #expect(throws: ModelTopError.usage("\(directory): prediction logs need --id REQUEST-ID to choose a request")) {
            try ImageFiles.load(path: directory, selection: .init())
        }
    }
}
