import ModelTopBase

/// Can a classifier tell production rows from reference rows? A k-nearest-neighbour classifier,
/// scored leave-one-out (each row by its neighbours among the others), judged by ROC AUC against
/// the AUCs of the same neighbours under shuffled labels.
///
/// Why neighbours: a change in how dimensions move together (clusters broken, a correlation
/// that was not there) leaves every column's values, mean and spread as they were, so a linear
/// model on the raw dimensions sees nothing (AUC ≈ 0.5; a test keeps that failure). Neighbours
/// see where rows sit in the whole space. Why a permutation null rather than Evidently's fixed
/// 0.55: leave-one-out neighbours are biased below 0.5 when nothing changed (a row's own side
/// has one member fewer), and the null's spread shrinks with the sample, so a fixed line is
/// too strict for small samples and too lax for large ones. The neighbour lists are fixed under
/// H₀, so each permutation costs only a relabelling: a thousand of them take milliseconds.
///
/// Rows are standardised by the pooled rows' mean and standard deviation so each dimension
/// counts alike. Pooled, not the reference's: a scaler fitted on one side makes that side's
/// spread exactly 1 and the other's not, which the neighbours notice (undrifted 400-row samples
/// then alarmed in 4 runs of 20); scaled by the pool, the neighbour lists do not depend on the
/// labels and the permutation test is exact.
package struct DomainClassifier: Sendable, Equatable {
    package var auc: Double
    /// The 95th percentile of the AUCs under shuffled labels: drift above it.
    package var threshold: Double
    package var pValue: Double
    package var neighbours: Int
    package var referenceRows: Int
    package var productionRows: Int
    package var permutations: Int
    /// The dimensions the classifier leans on most: the AUC lost when each is left out, largest
    /// first (at most `reportedDimensions`, only those whose removal lowers the AUC; measured
    /// on `rankingRows` a side, and only when the classifier found drift).
    package var dimensions: [(index: Int, aucDrop: Double)]
    /// The production rows that look least like the reference: their index in production (0-based,
    /// among the rows judged) and the share of their neighbours that are production rows.
    package var giveaways: [(row: Int, score: Double)]

    package static let neighbourCount = 10
    package static let permutationCount = 1000
    package static let significance = 0.05
    package static let reportedDimensions = 3
    package static let reportedRows = 5

    package var drifted: Bool { pValue < Self.significance }

    package static func == (a: DomainClassifier, b: DomainClassifier) -> Bool {
        a.auc == b.auc && a.threshold == b.threshold && a.pValue == b.pValue && a.neighbours == b.neighbours
            && a.referenceRows == b.referenceRows && a.productionRows == b.productionRows && a.permutations == b.permutations
            && a.dimensions.elementsEqual(b.dimensions) { $0.index == $1.index && $0.aucDrop == $1.aucDrop }
            && a.giveaways.elementsEqual(b.giveaways) { $0.row == $1.row && $0.score == $1.score }
    }

    /// - Parameters:
    ///   - reference, production: rows with finite values (at least `neighbourCount + 1` in all).
    ///   - productionRows: each production row's index among the rows judged (for `giveaways`).
    package static func measure(
        reference: RowMatrix, production: RowMatrix, productionRows: [Int], k: Int = neighbourCount,
        permutations: Int = permutationCount, seed: UInt64, rankDimensions: Bool = true
    ) -> DomainClassifier? {
        let m = reference.rows, n = production.rows
        guard m >= 2, n >= 2, m + n > k + 1 else { return nil }
        let pooled = Self.standardised(reference.stacked(on: production))
        let labels = [UInt8](repeating: 0, count: m) + [UInt8](repeating: 1, count: n)
        let graph = NeighbourGraph.nearest(pooled, k: k)
        let scores = graph.scores(labels: labels)
        let auc = Self.auc(scores: scores, labels: labels, k: k)
        let nulls = ParallelMap.map(count: permutations) { p -> Double in
            var generator = SeededGenerator(seed: seed &+ UInt64(p) &* 0xA24B_AED4_963E_E407)
            var shuffled = labels
            shuffled.shuffle(using: &generator)
            return Self.auc(scores: graph.scores(labels: shuffled), labels: shuffled, k: k)
        }
        let reached = nulls.reduce(0) { $0 + ($1 >= auc ? 1 : 0) }
        var sortedNulls = nulls
        let threshold = Selection.quantile(&sortedNulls, 0.95)
        let pValue = Double(1 + reached) / Double(1 + permutations)
        var dimensions: [(index: Int, aucDrop: Double)] = []
        if rankDimensions, reference.columns > 1, pValue < significance {
            dimensions = rank(reference: reference, production: production, k: k, seed: seed)
        }
        let giveaways = (0..<n).sorted { scores[m + $0] > scores[m + $1] || (scores[m + $0] == scores[m + $1] && $0 < $1) }
            .prefix(reportedRows).map { (row: productionRows[$0], score: Double(scores[m + $0]) / Double(k)) }
        return DomainClassifier(
            auc: auc, threshold: threshold, pValue: pValue, neighbours: k,
            referenceRows: m, productionRows: n, permutations: permutations, dimensions: dimensions, giveaways: giveaways)
    }

    /// Rows a side the dimension ranking uses: it recomputes every neighbour list once per
    /// dimension, so on a seeded subsample (a tenth of the pairs of 1,000 a side).
    package static let rankingRows = 300

    /// The dimensions whose removal lowers the AUC most (drop-column importance), on at most
    /// `rankingRows` rows a side. Only run once drift is found: it explains a verdict.
    static func rank(reference: RowMatrix, production: RowMatrix, k: Int, seed: UInt64) -> [(index: Int, aucDrop: Double)] {
        var generator = SeededGenerator(seed: seed ^ 0x5A5A_5A5A)
        func subset(_ rows: RowMatrix) -> RowMatrix {
            guard rows.rows > rankingRows else { return rows }
            return rows.rows(Array((0..<rows.rows).shuffled(using: &generator).prefix(rankingRows)).sorted())
        }
        let x = subset(reference), y = subset(production)
        let labels = [UInt8](repeating: 0, count: x.rows) + [UInt8](repeating: 1, count: y.rows)
        guard x.rows + y.rows > k + 1 else { return [] }
        let distances = PairDistances(standardised(x.stacked(on: y)))
        let base = auc(scores: distances.neighbours(k: k, leavingOut: nil).scores(labels: labels), labels: labels, k: k)
        let drops = ParallelMap.map(count: reference.columns) { column -> Double in
            let without = distances.neighbours(k: k, leavingOut: column)
            return base - auc(scores: without.scores(labels: labels), labels: labels, k: k)
        }
        return drops.enumerated().filter { $0.element > 0 }.sorted { $0.element > $1.element }
            .prefix(reportedDimensions).map { (index: $0.offset, aucDrop: $0.element) }
    }

    /// Each column centred and divided by its standard deviation (a constant column left at 0).
    static func standardised(_ rows: RowMatrix) -> RowMatrix {
        let n = rows.rows, columns = rows.columns
        var values = rows.values
        for c in 0..<columns {
            var sum = 0.0
            for r in 0..<n { sum += values[r * columns + c] }
            let mean = sum / Double(n)
            var squares = 0.0
            for r in 0..<n { squares += (values[r * columns + c] - mean) * (values[r * columns + c] - mean) }
            let deviation = (squares / Double(n)).squareRoot()
            let scale = deviation > 0 ? 1 / deviation : 0
            for r in 0..<n { values[r * columns + c] = (values[r * columns + c] - mean) * scale }
        }
        return RowMatrix(columns: columns, values: values)
    }

    /// ROC AUC of integer scores 0…k for label 1 (Mann–Whitney, ties counted a half).
    static func auc(scores: [Int32], labels: [UInt8], k: Int) -> Double {
        var positives = [Double](repeating: 0, count: k + 1), negatives = positives
        for (score, label) in zip(scores, labels) {
            if label == 1 { positives[Int(score)] += 1 } else { negatives[Int(score)] += 1 }
        }
        let p = positives.reduce(0, +), q = negatives.reduce(0, +)
        guard p > 0, q > 0 else { return .nan }
        var below = 0.0, wins = 0.0
        for s in 0...k {
            wins += positives[s] * (below + negatives[s] / 2)
            below += negatives[s]
        }
        return wins / (p * q)
    }
}

/// Squared distances between every pair of rows, and each row's nearest others.
private struct PairDistances: Sendable {
    let rows: RowMatrix
    /// Full n×n, so each row's distances are contiguous; single precision halves the memory
    /// and the neighbour scan's traffic (a rank needs no more).
    let squared: [Float]

    init(_ rows: RowMatrix) {
        let n = rows.rows, columns = rows.columns
        var squared = [Float](repeating: 0, count: n * n)
        // Rows dealt round-robin to the cores; each pair computed once and written to both halves
        // of the square (distinct elements, so no two workers write the same one).
        squared.withUnsafeMutableBufferPointer { buffer in
            let target = DistanceTarget(base: buffer.baseAddress)
            let workers = ParallelMap.workerCount
            _ = ParallelMap.map(count: workers) { w -> Int in
                rows.values.withUnsafeBufferPointer { x in
                    for i in stride(from: w, to: n, by: workers) {
                        let a = x.baseAddress! + i * columns
                        for j in (i + 1)..<max(i + 1, n) {
                            let d = Float(MaximumMeanDiscrepancy.squaredDistance(a, x.baseAddress! + j * columns, columns))
                            target.base![i * n + j] = d
                            target.base![j * n + i] = d
                        }
                    }
                }
                return w
            }
        }
        self.rows = rows
        self.squared = squared
    }

    static func blockCount(_ n: Int) -> Int { min(n, 4 * ParallelMap.workerCount) }

    static func block(_ b: Int, of n: Int) -> Range<Int> {
        let count = blockCount(n)
        return (b * n / count)..<((b + 1) * n / count)
    }

    /// Each row's `k` nearest other rows, as if column `leavingOut` were not there. Ties go to
    /// the lower index, so the lists are the same on every run. Serial: the ranking runs one
    /// list per dimension, in parallel.
    func neighbours(k: Int, leavingOut column: Int?) -> NeighbourGraph {
        NeighbourGraph(k: k, lists: nearest(k: k, rows: 0..<rows.rows, leavingOut: column))
    }

    private func nearest(k: Int, rows range: Range<Int>, leavingOut column: Int?) -> [Int32] {
        let n = rows.rows, columns = rows.columns
        var lists = [Int32](repeating: 0, count: range.count * k)
        var best = NearestList<Float>(k: k)
        rows.values.withUnsafeBufferPointer { x in
            squared.withUnsafeBufferPointer { d in
                for i in range {
                    let xi = column.map { x[i * columns + $0] } ?? 0
                    best.scan(row: i, among: n) { j in
                        guard let column else { return d[i * n + j] }
                        let delta = xi - x[j * columns + column]
                        return d[i * n + j] - Float(delta * delta)
                    }
                    best.write(into: &lists, at: (i - range.lowerBound) * k)
                }
            }
        }
        return lists
    }
}

private struct NeighbourGraph: Sendable {
    let k: Int
    let lists: [Int32]

    /// Each row's `k` nearest other rows, distances computed as they are scanned (rows on every
    /// core): no n×n matrix, which for 2,000 rows would be 16 MB on top of the report's peak.
    /// Ties go to the lower index.
    static func nearest(_ rows: RowMatrix, k: Int) -> NeighbourGraph {
        let n = rows.rows, columns = rows.columns
        let parts = ParallelMap.map(count: PairDistances.blockCount(n)) { b -> [Int32] in
            let range = PairDistances.block(b, of: n)
            var lists = [Int32](repeating: 0, count: range.count * k)
            var best = NearestList<Double>(k: k)
            rows.values.withUnsafeBufferPointer { x in
                for i in range {
                    let a = x.baseAddress! + i * columns
                    best.scan(row: i, among: n) { j in MaximumMeanDiscrepancy.squaredDistance(a, x.baseAddress! + j * columns, columns) }
                    best.write(into: &lists, at: (i - range.lowerBound) * k)
                }
            }
            return lists
        }
        return NeighbourGraph(k: k, lists: Array(parts.joined()))
    }

    /// Per row, how many of its neighbours carry label 1.
    func scores(labels: [UInt8]) -> [Int32] {
        let n = labels.count
        var scores = [Int32](repeating: 0, count: n)
        lists.withUnsafeBufferPointer { l in
            labels.withUnsafeBufferPointer { y in
                for i in 0..<n {
                    var count: Int32 = 0
                    for s in 0..<k { count += Int32(y[Int(l[i * k + s])]) }
                    scores[i] = count
                }
            }
        }
        return scores
    }
}

/// Where the distance workers write: distinct elements of a buffer that outlives the map.
private struct DistanceTarget: @unchecked Sendable {
    let base: UnsafeMutablePointer<Float>?
}

/// One row's `k` nearest other rows, kept sorted while every other row is offered: the one
/// selection both neighbour scans use. Ties go to the lower index.
private struct NearestList<Distance: BinaryFloatingPoint> {
    private var best: [(Distance, Int32)]

    init(k: Int) { best = Array(repeating: (.infinity, .max), count: k) }

    /// Offers every row of `0..<n` but `row` itself, at `distance(j)`.
    @inline(__always)
    mutating func scan(row: Int, among n: Int, _ distance: (Int) -> Distance) {
        let k = best.count
        for s in 0..<k { best[s] = (.infinity, .max) }
        for j in 0..<n where j != row {
            let d = distance(j)
            guard d < best[k - 1].0 else { continue }
            var s = k - 1
            while s > 0, best[s - 1].0 > d { best[s] = best[s - 1]; s -= 1 }
            best[s] = (d, Int32(j))
        }
    }

    func write(into lists: inout [Int32], at offset: Int) {
        for s in best.indices { lists[offset + s] = best[s].1 }
    }
}
