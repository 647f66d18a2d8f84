import Foundation
import Testing
@testable import ModelTopIO
import ModelTopCore

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
}
