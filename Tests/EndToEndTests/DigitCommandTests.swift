import Foundation
import Testing

/// `modeltop digit` as a user runs it: each source, each mode, and every error with status 2.
@Suite struct DigitCommandTests {
    static let utf8 = ["LANG": "C.UTF-8"]

    @Test func csvRowDrawsInUnicodeUnderAUTF8Locale() throws {
        let result = try ModelTopBinary.run(["digit", "fixtures/digits/digits.csv", "--index", "0"], environment: Self.utf8)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "fixtures/digits/digits.csv · CSV · row 0, line 2 · 8×8")
        #expect(lines.dropFirst().first == "    ░░▓▓▒▒         label 0 · pixels 0–16")
        #expect(lines.count == 10)
    }

    @Test func asciiByFlagOrByLocale() throws {
        let flagged = try ModelTopBinary.run(["digit", "fixtures/digits/digits.csv", "--ascii"], environment: Self.utf8)
        let plainLocale = try ModelTopBinary.run(["digit", "fixtures/digits/digits.csv"], environment: ["LANG": "C"])
        #expect(flagged.status == 0 && plainLocale.status == 0)
        #expect(flagged.stdout == plainLocale.stdout)
        #expect(flagged.stdout.contains("    ##%%**%%--"))
        #expect(flagged.stdout.unicodeScalars.allSatisfy { $0.isASCII })
    }

    @Test func idxImageWithItsLabelFileFoundByName() throws {
        let result = try ModelTopBinary.run(["digit", "fixtures/images/digits8-idx3-ubyte", "--index", "7", "--width", "32"], environment: Self.utf8)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("IDX · image 7 of 20 · 8×8"))
        #expect(result.stdout.contains("label 7"))
        #expect(result.stdout.split(separator: "\n").count == 1 + 16)
    }

    @Test func gzippedIDXDrawsLikeThePlainFileWithItsGzippedLabels() throws {
        let plain = try ModelTopBinary.run(["digit", "fixtures/images/digits28-idx3-ubyte", "--index", "3"], environment: Self.utf8)
        let gzipped = try ModelTopBinary.run(["digit", "fixtures/images/digits28-idx3-ubyte.gz", "--index", "3"], environment: Self.utf8)
        #expect(gzipped.status == 0, "stderr: \(gzipped.stderr)")
        #expect(gzipped.stdout.contains("label 3"))
        #expect(gzipped.stdout.split(separator: "\n").dropFirst() == plain.stdout.split(separator: "\n").dropFirst())
    }

    @Test func loggedRequestWithProbabilityBars() throws {
        let result = try ModelTopBinary.run(["digit", "fixtures/logs", "--id", "req-001868"], environment: Self.utf8)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("predicted 9 · true 4 · WRONG"))
        #expect(result.stdout.contains("◀ predicted"))
        #expect(result.stdout.contains("◀ true"))
    }

    /// As other loggers write it: nested pixel rows, `probabilities`, an ISO time, a float
    /// prediction, and a feedback line that repeats the request's fields with target "6.0".
    @Test func loggedRequestAsOtherLoggersWriteIt() throws {
        let result = try ModelTopBinary.run(["digit", "fixtures/logs_stack", "--id", "req-0003"], environment: Self.utf8)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("predictions.jsonl:5 · 8×8"), "the request line, not the feedback that repeats it")
        #expect(result.stdout.contains("predicted 8 · true 6 · WRONG · pixels 0–16"))
    }

    /// A 4096×4096 image is 25 MB of text at its natural size: by default it fits the screen
    /// (`COLUMNS`×`LINES` off a terminal, here 100×30), unless a size is asked for (issue 13).
    @Test func aHugeImageFitsTheScreenByDefault() throws {
        let side = 4096
        var bytes: [UInt8] = [0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0x10, 0, 0, 0, 0x10, 0]
        bytes += (0..<(side * side)).map { UInt8(truncatingIfNeeded: $0 / side) }
        let path = NSTemporaryDirectory() + "modeltop-huge-\(UUID().uuidString)-idx3-ubyte"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try ModelTopBinary.run(["digit", path], environment: Self.utf8.merging(["COLUMNS": "100", "LINES": "30"]) { $1 })
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.utf8.count < 20_000 && result.stdout.split(separator: "\n").count <= 30, "\(result.stdout.utf8.count) bytes")
        let asked = try ModelTopBinary.run(["digit", path, "--width", "200", "--height", "60"], environment: Self.utf8)
        #expect(asked.status == 0 && asked.stdout.split(separator: "\n").count > 30)
    }

    @Test func pgmDraws() throws {
        let result = try ModelTopBinary.run(["digit", "fixtures/images/digit28-16bit.pgm", "--ascii", "--height", "10"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("PGM, maxval 65535, 28x28"))
        #expect(result.stdout.split(separator: "\n").count == 11)
    }

    @Test func inputErrorsExitTwoWithAClearMessage() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("modeltop-digit-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let gz = directory.appendingPathComponent("train-images-idx3-ubyte.gz")
        try Data([0x1F, 0x8B, 8, 0, 0, 0]).write(to: gz)
        let truncated = directory.appendingPathComponent("cut-idx3-ubyte")
        let whole = try Data(contentsOf: ModelTopBinary.packageRoot.appendingPathComponent("fixtures/images/digits8-idx3-ubyte"))
        try whole.prefix(1000).write(to: truncated)
        let cases: [([String], String)] = [
            (["digit", gz.path], "\(gz.path): cannot read: the gzip data is truncated"),
            (["digit", truncated.path], "byte 16: truncated image data (20 images of 8×8): needs 1280 bytes, the file has 984 from here"),
            (["digit", "no/such-idx3-ubyte"], "no/such-idx3-ubyte: cannot read: No such file or directory"),
            (["digit", "fixtures/images/digits8-idx3-ubyte", "--index", "20"], "no image 20: the file has 20 (indexes 0…19)"),
            (["digit", "fixtures/images/digits8-idx3-ubyte", "--labels", "fixtures/images/digits28-idx1-ubyte"],
             "the labels file has 10 labels but the images file has 20 images"),
            (["digit", "fixtures/images/digits8-idx1-ubyte"], "magic number 0x00000801, expected 0x00000803"),
            (["digit", "fixtures/logs"], "prediction logs need --id REQUEST-ID"),
            (["digit", "fixtures/logs", "--id", "req-none"], "no request with id \"req-none\""),
            (["digit", "fixtures/digits/digits.csv", "--width", "0"], "--width must be between 1 and 1000"),
        ]
        for (arguments, message) in cases {
            let result = try ModelTopBinary.run(arguments, environment: Self.utf8)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
    }

    @Test func labelsFromTheFileCannotReachTheTerminalAsEscapes() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("modeltop-digit-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let csv = directory.appendingPathComponent("evil.csv")
        try Data("id,label,p0,p1,p2,p3\n1,\u{1B}]0;pwned\u{07},0,16,16,0\n".utf8).write(to: csv)
        let result = try ModelTopBinary.run(["digit", csv.path], environment: Self.utf8)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(!result.stdout.contains("\u{1B}"))
        #expect(result.stdout.contains("label \\e]0;pwned\\x07"))
    }
}
