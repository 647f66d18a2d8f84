import Foundation
import Testing
import ModelTopTables
import ModelTopDigits
import ModelTopIO

/// The exported PCA reproduces the fixtures' embeddings, so the demo's new images are
/// comparable with `ref_data.csv`.
@Suite struct DemoPCATests {
    static func load() throws -> (pca: DigitPCA, images: [DemoImage], reference: [(embedding: [Double], target: String)]) {
        let pca = try DigitPCA(json: [UInt8](try Data(contentsOf: URL(fileURLWithPath: Goldens.fixture("digits/pca.json")))))
        let images = try DemoImage.parse(csv: try String(contentsOfFile: Goldens.fixture("digits/digits.csv"), encoding: .utf8))
        let table = try DataFiles.loadTable(path: Goldens.fixture("digits/ref_data.csv"))
        let reference = (0..<table.rowCount).map { row in
            (embedding: table.embeddings.map { $0[row] }, target: table.labels.names[Int(table.target[row])])
        }
        return (pca, images, reference)
    }

    @Test func projectingTheReferenceImagesReproducesRefData() throws {
        let (pca, images, reference) = try Self.load()
        #expect(pca.pixelCount == 64 && pca.dimensions == 16)
        #expect(images.count == 1797)
        let split = try ReferenceSplit(images: images, reference: reference, pca: pca)
        #expect(split.referenceIDs.count == 898)
        #expect(split.referenceIDs == split.referenceIDs.sorted())
        #expect(split.pool.count == 1797 - 898)
        // Independently of the matching: every matched image's projection within 1e-9 of its row.
        let byID = Dictionary(uniqueKeysWithValues: images.map { ($0.id, $0) })
        var largest = 0.0
        for (row, id) in split.referenceIDs.enumerated() {
            let image = try #require(byID[id])
            #expect(image.label == reference[row].target)
            for (a, b) in zip(pca.project(image.pixels), reference[row].embedding) { largest = max(largest, abs(a - b)) }
        }
        #expect(largest <= 1e-9, "largest difference \(largest)")
        let explained = pca.explainedVarianceRatio.reduce(0, +)
        #expect(abs(explained - 0.853) < 0.001)
    }

    @Test func aTruncatedFileIsRefusedWithAReason() {
        #expect(throws: DemoError.invalidPCA("every component must have 2 values, as the mean")) {
            try DigitPCA(json: Array(#"{"mean": [0, 1], "components": [[1]], "explained_variance_ratio": [1]}"#.utf8))
        }
        #expect(throws: DemoError.self) { try DigitPCA(json: Array("{".utf8)) }
    }

    @Test func aReferenceRowWithNoImageIsNamed() throws {
        let pca = try DigitPCA(mean: [0, 0, 0, 0], components: [[1, 0, 0, 0]], explainedVarianceRatio: [1])
        let images = [DemoImage(id: 0, label: "1", pixels: [1, 0, 0, 0]), DemoImage(id: 1, label: "2", pixels: [2, 0, 0, 0])]
        #expect(throws: DemoError.referenceMismatch(row: 1)) {
            try ReferenceSplit(images: images, reference: [([5], "1")], pca: pca)
        }
        let split = try ReferenceSplit(images: images, reference: [([1], "1")], pca: pca)
        #expect(split.pool.map(\.id) == [1])
    }
}
