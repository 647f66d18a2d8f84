/// Which digits are the reference and which are left to serve, recovered from the embeddings.
///
/// `ref_data.csv` holds no ids, only embeddings and targets, in ascending digits id
/// (scripts/README.md). Projecting every digit with the same PCA and walking both lists in order
/// finds each reference row's image; the images left over are the production pool, never seen
/// in training, as a real API's traffic would be.
package struct ReferenceSplit: Sendable {
    /// The digits id of each reference row, in reference order.
    package let referenceIDs: [Int]
    /// The largest difference between a reference embedding and its image's projection.
    package let largestDifference: Double
    /// The images not in the reference.
    package let pool: [DemoImage]

    /// Matches `reference[i]` (an embedding and its target) to the first later image whose
    /// projection is within `tolerance` in every dimension and whose label is the same.
    package init(
        images: [DemoImage], reference: [(embedding: [Double], target: String)], pca: DigitPCA, tolerance: Double = 1e-6
    ) throws(DemoError) {
        var ids: [Int] = []
        var inReference = [Bool](repeating: false, count: images.count)
        var largest = 0.0
        var next = 0
        for (row, wanted) in reference.enumerated() {
            var found = false
            while next < images.count {
                let image = images[next]
                next += 1
                guard image.label == wanted.target else { continue }
                let projected = pca.project(image.pixels)
                let difference = zip(projected, wanted.embedding).map { abs($0 - $1) }.max() ?? .infinity
                if projected.count == wanted.embedding.count, difference <= tolerance {
                    ids.append(image.id)
                    inReference[next - 1] = true
                    largest = max(largest, difference)
                    found = true
                    break
                }
            }
            if !found { throw .referenceMismatch(row: row + 1) }
        }
        let pool = images.indices.filter { !inReference[$0] }.map { images[$0] }
        guard !pool.isEmpty else { throw .emptyPool }
        referenceIDs = ids
        largestDifference = largest
        self.pool = pool
    }
}
