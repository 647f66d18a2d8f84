import Foundation
import Testing
@testable import ModelTopBase
@testable import ModelTopTables
@testable import ModelTopStatistics
import ModelTopMonitor
import ModelTopIO

/// The CSV contract of FORMATS.md: dialects, quoting, and bad rows reported with their place.
@Suite struct CSVReaderTests {
    /// Writes `text` to a temporary file and reads it as a table.
    static func table(_ text: String, name: String = "t.csv", roundBytes: Int = CSVFileStream.defaultRoundBytes) throws -> DataTable {
        try withTemporaryFile(text) { path in try DataFiles.loadTable(path: path, name: name, roundBytes: roundBytes) }
    }

    static func withTemporaryFile<R>(_ text: String, _ body: (String) throws -> R) throws -> R {
        let path = NSTemporaryDirectory() + "modeltop-test-\(UUID().uuidString).csv"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try body(path)
    }

    static func messages(_ table: DataTable) -> [String] {
        table.rejections.first.map(Diagnostics.message(for:))
    }

    @Test func readsThePlainFormat() throws {
        let table = try Self.table("PCA_1,PCA_2,target\n0.5,-1.25,7\n1e-3,2,3\n")
        #expect(table.rowCount == 2)
        #expect(table.embeddings == [[0.5, 0.001], [-1.25, 2]])
        #expect(table.schema.embeddingNames == ["PCA_1", "PCA_2"])
        #expect(table.target.map { table.labels.names[Int($0)] } == ["7", "3"])
    }

    @Test(arguments: [",", ";", "\t"])
    func detectsTheDelimiter(delimiter: String) throws {
        let text = ["a", "b", "target"].joined(separator: delimiter) + "\n" + ["1", "2", "x"].joined(separator: delimiter) + "\n"
        let table = try Self.table(text)
        #expect(table.schema.embeddingNames == ["a", "b"])
        #expect(table.embeddings == [[1], [2]])
    }

    @Test func handlesBOMCRLFQuotesAndAMissingFinalNewline() throws {
        let text = "\u{FEFF}\"PCA 1\",x,target\r\n\"1.5\",2,\"a,b\"\r\n3,4,\"say \"\"hi\"\"\nthere\"\r\n5,6,last"
        let table = try Self.table(text)
        #expect(table.rejections.count == 0, "\(Self.messages(table))")
        #expect(table.schema.embeddingNames == ["PCA 1", "x"])
        #expect(table.embeddings == [[1.5, 3, 5], [2, 4, 6]])
        #expect(table.labels.names == ["a,b", "say \"hi\"\nthere", "last"])
    }

    @Test func badRowsAreCountedReportedAndSkipped() throws {
        let text = """
            a,b,target
            1,2,x
            1,abc,x

            1,2
            1,2,x,9
            1,2,x,
            4,5,y
            """
        let table = try Self.table(text, name: "prod.csv")
        #expect(table.rowCount == 2)
        #expect(table.embeddings == [[1, 4], [2, 5]])
        #expect(table.rejections.count == 4)
        #expect(Self.messages(table) == [
            "prod.csv:3:3: b: expected a number, found \"abc\"",
            "prod.csv:5:1: expected 3 fields, found 2",
            "prod.csv:6:6: expected 3 fields, found 4",
            "prod.csv:7:6: expected 3 fields, found 4",
        ])
    }

    @Test(arguments: [64, 1000, 4096])
    func lineNumbersCountQuotedNewlinesAndStayRightAcrossReadRounds(roundBytes: Int) throws {
        let lines = ["a,target", "\"1\",\"multi\nline\""] + (0..<5000).map { "\($0),c" } + ["oops,c", "7,\"d\""]
        let table = try Self.table(lines.joined(separator: "\n"), roundBytes: roundBytes)
        #expect(table.rowCount == 5002)
        #expect(Self.messages(table) == ["t.csv:5004:1: a: expected a number, found \"oops\""])
        #expect(table.embeddings[0].last == 7)
    }

    /// Compact decimals take the hot path until a field is not one; every later field of the
    /// row takes the general path. Either way each value is the correctly rounded one, and read
    /// rounds of any size (a record longer than a round included) give the same table.
    @Test func everyNumberShapeInEveryPositionWhateverTheReadRounds() throws {
        let shapes = ["-0.274071", "12.5", "3", "1e-5", "\"2.25\"", "", "nan", "-inf", "123456.789", ".5", "7.", "-0.0",
                      "0.1234567890123", String(repeating: "9", count: 30) + ".5"]
        var generator = SeededGenerator(seed: 5)
        var lines = ["a,b,c,d,target"]
        var expected: [[Double]] = [[], [], [], []]
        for row in 0..<600 {
            var fields: [String] = []
            for column in 0..<4 {
                let shape = row % 7 == 0 ? shapes[(row + column) % shapes.count] : shapes[Int.random(in: 0..<3, using: &generator)]
                fields.append(shape)
                let unquoted = shape.replacingOccurrences(of: "\"", with: "")
                var bytes = Array(unquoted.utf8)
                let value: Double = bytes.withUnsafeMutableBufferPointer { buffer in
                    guard let base = buffer.baseAddress else { return .nan }
                    if case .number(let v) = DecimalParser.parse(UnsafePointer(base), 0, buffer.count) { return v }
                    return .nan
                }
                expected[column].append(value)
            }
            lines.append(fields.joined(separator: ",") + ",\(row % 10)")
        }
        let text = lines.joined(separator: "\n") + "\n"
        for roundBytes in [64, 1000, CSVFileStream.defaultRoundBytes] {
            let table = try Self.table(text, roundBytes: roundBytes)
            #expect(table.rowCount == 600, "round \(roundBytes)")
            #expect(table.rejections.count == 0, "round \(roundBytes)")
            for column in 0..<4 {
                #expect(table.embeddings[column].map(\.bitPattern) == expected[column].map(\.bitPattern), "column \(column), round \(roundBytes)")
            }
        }
    }

    @Test func emptyCellsNaNAndInfAreNumbersThatStatisticsLeaveOut() throws {
        let table = try Self.table("a,target\n,x\nnan,x\n-inf,x\nInfinity,x\n2,x\n")
        #expect(table.rowCount == 5)
        let values = table.embeddings[0]
        #expect(values[0].isNaN && values[1].isNaN && values[2] == -.infinity && values[3] == .infinity && values[4] == 2)
    }

    @Test func nonUTF8LabelsAreRejectedNotMerged() throws {
        var bytes = Array("a,target\n1,ok\n2,".utf8) + [0xFF, 0xFE] + Array("\n".utf8)
        bytes += Array("3,ok\n".utf8)
        let path = NSTemporaryDirectory() + "modeltop-test-\(UUID().uuidString).csv"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let table = try DataFiles.loadTable(path: path, name: "t.csv")
        #expect(table.rowCount == 2)
        #expect(Self.messages(table) == ["t.csv:3:3: target: label is not valid UTF-8"])
    }

    @Test func timestampsInBothForms() throws {
        #expect(Timestamp.parse("1795000000") == 1_795_000_000)
        #expect(Timestamp.parse("2026-11-22T02:29:15Z") == 1_795_314_555)
        #expect(Timestamp.parse("2026-11-22 03:29:15+01:00") == 1_795_314_555)
        #expect(Timestamp.parse("2026-11-22T02:29:15.5") == 1_795_314_555.5)
        #expect(Timestamp.parse("2026-02-30T00:00:00Z") == nil)
        #expect(Timestamp.parse("yesterday") == nil)
    }

    @Test func unusableFilesAreOneClearError() throws {
        func error(_ text: String) -> String? {
            do {
                _ = try Self.table(text)
                return nil
            } catch let error as ModelTopError {
                return Diagnostics.message(for: error)
            } catch {
                return "\(error)"
            }
        }
        #expect(error("") == "t.csv: no header row: the file is empty; expected a header such as PCA_1,PCA_2,...,target")
        #expect(error("a,b,a\n1,2,3\n") == "t.csv:1:5: column \"a\" appears twice in the header")
        #expect(error("target,prediction\n1,1\n")?.contains("no embedding columns") == true)
        #expect(error("a,\"b\n") == "t.csv:1:3: unterminated quoted field in the header")
    }

    @Test func productionColumnsMayComeInAnyOrderButMustMatch() throws {
        let reference = ReferenceProfile(table: try Self.table("x,y,target\n1,10,a\n2,20,b\n", name: "ref.csv"))
        let monitor = try Self.withTemporaryFile("prediction,y,target,x\nb,30,a,3\n") { path in
            try DataFiles.loadMonitor(reference: reference, productionPath: path, name: "prod.csv")
        }
        #expect(monitor.dimensions.map(\.values) == [[3], [30]])
        #expect(throws: ModelTopError.embeddingMismatch(file: "prod.csv", reference: "ref.csv", missing: ["y"], unexpected: ["z"])) {
            try Self.withTemporaryFile("x,z,target,prediction\n1,2,a,a\n") { path in
                try DataFiles.loadMonitor(reference: reference, productionPath: path, name: "prod.csv")
            }
        }
        let message = Diagnostics.message(for: .embeddingMismatch(file: "prod.csv", reference: "ref.csv", missing: ["y"], unexpected: []))
        #expect(message == "prod.csv:1: embedding columns do not match ref.csv: missing \"y\"")
    }

    @Test func pandasIndexColumnsAreIgnoredAndSaidSo() throws {
        let table = try Self.table(",a,target\n0,1.5,x\n1,2.5,y\n")
        #expect(table.schema.embeddingNames == ["a"])
        #expect(table.schema.ignoredColumns == ["(unnamed)"])
    }

    @Test func missingFileAndDirectoryAreClearErrors() {
        #expect(throws: ModelTopError.cannotRead(file: "/no/such.csv", reason: "No such file or directory")) {
            try DataFiles.loadTable(path: "/no/such.csv")
        }
        #expect(throws: ModelTopError.cannotRead(file: "/tmp", reason: "is a directory")) {
            try DataFiles.loadTable(path: "/tmp")
        }
    }
}

/// Quotes count only at the start of a field, as in Python's csv module and pandas.
@Suite struct CSVQuoteTests {
    @Test func aStrayQuoteInsideAFieldIsAnOrdinaryCharacter() throws {
        let text = "a,target\n1,x\n2,say \"hi\n3,y\n4,z\n"
        let table = try CSVReaderTests.table(text)
        #expect(table.rowCount == 4)
        #expect(table.labels.names == ["x", "say \"hi", "y", "z"])
    }

    @Test func aRejectedRowWithAStrayQuoteLosesNoFollowingRow() throws {
        let text = "a,target\n1,x\n2\"oops,x\n3,y\n4,z\n"
        let table = try CSVReaderTests.table(text)
        #expect(table.rowCount == 3, "\(CSVReaderTests.messages(table))")
        #expect(table.rejections.count == 1)
        #expect(CSVReaderTests.messages(table) == ["t.csv:3:1: a: expected a number, found \"2\"oops\""])
    }

    @Test func blockCutsAgreeWithTheParserWhateverTheQuotes() throws {
        var text = "a,target\n"
        for k in 0..<300 {
            switch k % 5 {
            case 0: text += "\(k),\"multi\nline\"\n"
            case 1: text += "\(k),say \"hi\n"
            case 2: text += "\(k),\"esc \"\"q\"\" ,\"\n"
            case 3: text += "x\"\(k),bad\n"
            default: text += "\(k),plain\n"
            }
        }
        let bytes = Array(text.utf8)
        let headerEnd = bytes.firstIndex(of: UInt8(ascii: "\n"))! + 1
        let schema = try bytes[0..<(headerEnd - 1)].withUnsafeBufferPointer { try TableSchema.parse(header: $0, file: "t.csv") }
        let parser = ChunkParser(schema: schema, file: "t.csv")
        let body = Array(bytes[headerEnd...])
        let whole = body.withUnsafeBufferPointer { parser.parse($0) }
        #expect(whole.rowCount == 240 && whole.rejections.count == 60)
        // Cut the body at every record boundary the cutter finds in a prefix: the pieces together
        // must give exactly the whole's rows and rejections.
        for cut in stride(from: 1, to: body.count, by: 97) {
            let boundary = body.withUnsafeBufferPointer {
                RecordBoundary.endOfLastRecord(in: UnsafeBufferPointer(rebasing: $0[0..<cut]), delimiter: UInt8(ascii: ","))
            } ?? 0
            let first = body[0..<boundary].withUnsafeBufferPointer { parser.parse($0) }
            let second = body[boundary...].withUnsafeBufferPointer { parser.parse($0) }
            #expect(first.rowCount + second.rowCount == whole.rowCount, "cut at \(cut)")
            #expect(first.rejections.count + second.rejections.count == whole.rejections.count, "cut at \(cut)")
            #expect(first.lineCount + second.lineCount == whole.lineCount, "cut at \(cut)")
        }
    }
}
