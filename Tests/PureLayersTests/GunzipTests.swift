import Foundation
import Testing
import ModelTopBase
import ModelTopLogs
@testable import ModelTopIO

/// gzip decompression for MNIST's `.gz` IDX files: whole, bounded, and clear about bad input.
@Suite struct GunzipTests {
    static func fixture(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: Goldens.packageRoot.appendingPathComponent("fixtures/images/" + name)))
    }

    @Test func decompressesTheFixtureToThePlainFile() throws {
        let plain = try Self.fixture("digits28-idx3-ubyte")
        let gzipped = try Self.fixture("digits28-idx3-ubyte.gz")
        #expect(Gunzip.isGzip(gzipped) && !Gunzip.isGzip(plain))
        #expect(try Gunzip.decompress(gzipped, limit: 1 << 20, name: "x.gz") == plain)
        // Two members one after the other read as their concatenation, as `gzip -d` does.
        let labels = try Self.fixture("digits28-idx1-ubyte.gz")
        #expect(try Gunzip.decompress(gzipped + labels, limit: 1 << 20, name: "x.gz") == plain + Self.fixture("digits28-idx1-ubyte"))
    }

    @Test func truncatedGarbageAndOversizedInputAreErrors() throws {
        let gzipped = try Self.fixture("digits28-idx3-ubyte.gz")
        let cases: [([UInt8], Int, String)] = [
            (Array(gzipped.prefix(gzipped.count / 2)), 1 << 20, "the gzip data is truncated"),
            (Array(gzipped.prefix(10)) + [UInt8](repeating: 0xFF, count: 40), 1 << 20, "not valid gzip data"),
            (gzipped + [1, 2, 3], 1 << 20, "unexpected bytes after the end of the gzip data"),
            (gzipped, 1000, "decompresses to more than 1000 bytes"),
        ]
        for (bytes, limit, message) in cases {
            #expect {
                _ = try Gunzip.decompress(bytes, limit: limit, name: "x.gz")
            } throws: { error in
                (error as? ModelTopError).map { Diagnostics.message(for: $0) }?.contains(message) == true
            }
        }
    }

    /// `gzip -1` of `count` zero bytes, made by the system's gzip.
    static func zeros(_ count: Int) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "head -c \(count) /dev/zero | gzip -1"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return [UInt8](data)
    }

    /// A gzip bomb (issue 13): 200 MB of zeros in about 200 KB. Its IDX header is checked from the
    /// first bytes inflated, so it fails after a round of inflation, not after 200 MB of it.
    @Test func aGzipBombIsJudgedFromItsFirstBytes() throws {
        let bomb = try Self.zeros(200 << 20)
        #expect(bomb.count < 1 << 20)
        let path = NSTemporaryDirectory() + "modeltop-bomb-\(UUID().uuidString)-idx3-ubyte.gz"
        try Data(bomb).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try ImageFileAccess(path: path, name: "bomb.gz")
        #expect(file.size == 200 << 20, "the size its trailer states")
        #expect(throws: ModelTopError.self) { try IDXFileReader.image(file, index: 0, labels: nil, maxValue: nil) }
        #expect(file.inflatedSoFar <= 1 << 20, "inflated \(file.inflatedSoFar) bytes")
        // Reading far into it keeps only a window, and reading back starts over.
        let late = try file.read((150 << 20)..<((150 << 20) + 784))
        #expect(late == [UInt8](repeating: 0, count: 784))
        #expect(try file.read(0..<4) == [0, 0, 0, 0])
    }

    /// A damaged compressed rotation is one rejected file; the rest of the directory is read.
    @Test func aDamagedRotationIsRejectedAndTheRestRead() throws {
        let directory = NSTemporaryDirectory() + "modeltop-rotations-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let lines = (0..<2000).map { #"{"ts": \#($0), "prediction": 1, "id": "r\#($0)"}"# }.joined(separator: "\n") + "\n"
        try Data(lines.utf8).write(to: URL(fileURLWithPath: directory + "/predictions.jsonl.2"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-9", directory + "/predictions.jsonl.2"]
        try process.run()
        process.waitUntilExit()
        let gz = try Data(contentsOf: URL(fileURLWithPath: directory + "/predictions.jsonl.2.gz"))
        try gz.prefix(gz.count / 2).write(to: URL(fileURLWithPath: directory + "/predictions.jsonl.2.gz"))
        try Data(#"{"ts": 5000, "prediction": 2, "id": "new"}"#.utf8 + [0x0A]).write(to: URL(fileURLWithPath: directory + "/predictions.jsonl"))
        let (monitor, _) = try LogDirectory.load(directory: directory)
        #expect(monitor.rejections.first.map(Diagnostics.message(for:)) == ["predictions.jsonl.2.gz:1: compressed file not read to its end: the gzip data is truncated"])
        #expect(monitor.table.ids[monitor.table.count - 1] == "new", "the live file is read after the damaged one")
    }
}
