import Glibc

/// How PSI bins a dimension.
package enum PSIBinning: String, Sendable, CaseIterable {
    /// Ten bins at the reference's deciles, open at both ends; an empty bin's share becomes 1e-4.
    /// Edges are fixed by the reference alone, so production can stream into them.
    case quantile
    /// Evidently's binning (stattests/utils.py `get_binned_data`), reproduced exactly.
    case evidently
}

/// The Population Stability Index, Σ (pᵢ − qᵢ) · ln(pᵢ / qᵢ) over bins.
package enum PopulationStabilityIndex {
    /// PSI from counts in the reference's quantile bins.
    package static func quantile(referenceCounts: [Int], productionCounts: [Int]) -> Double {
        let referenceTotal = referenceCounts.reduce(0, +), productionTotal = productionCounts.reduce(0, +)
        guard referenceTotal > 0, productionTotal > 0 else { return .nan }
        let reference = referenceCounts.map { $0 == 0 ? 1e-4 : Double($0) / Double(referenceTotal) }
        let production = productionCounts.map { $0 == 0 ? 1e-4 : Double($0) / Double(productionTotal) }
        return index(reference: reference, production: production)
    }

    /// PSI exactly as Evidently computes it, from both sorted finite samples.
    ///
    /// More than 20 distinct reference values: equal-width bins over reference and production
    /// combined, as many as numpy's Sturges rule gives. Otherwise one bin per distinct value of
    /// either sample. Empty shares become 1e-4, or the smallest non-empty share / 10⁶ when that
    /// is at most 1e-4.
    package static func evidently(reference: [Double], production: [Double], referenceUnique: Int) -> Double {
        guard !reference.isEmpty, !production.isEmpty else { return .nan }
        var referenceCounts: [Int]
        var productionCounts: [Int]
        if referenceUnique > 20 {
            let edges = sturgesEdges(
                first: min(reference[0], production[0]), last: max(reference[reference.count - 1], production[production.count - 1]),
                size: reference.count + production.count)
            referenceCounts = histogram(sorted: reference, edges: edges)
            productionCounts = histogram(sorted: production, edges: edges)
        } else {
            (referenceCounts, productionCounts) = distinctValueCounts(reference, production)
        }
        return evidently(
            referenceCounts: referenceCounts, referenceTotal: reference.count,
            productionCounts: productionCounts, productionTotal: production.count)
    }

    /// Evidently's PSI from counts in its bins (the shares' fill rule needs the totals).
    package static func evidently(referenceCounts: [Int], referenceTotal: Int, productionCounts: [Int], productionTotal: Int) -> Double {
        guard referenceTotal > 0, productionTotal > 0 else { return .nan }
        let reference = filledShares(referenceCounts, total: referenceTotal)
        let production = filledShares(productionCounts, total: productionTotal)
        return index(reference: reference, production: production)
    }

    static func index(reference: [Double], production: [Double]) -> Double {
        let terms = zip(reference, production).map { q, p in (q - p) * log(q / p) }
        return NumpyArithmetic.sum(terms)
    }

    /// `np.histogram_bin_edges(concat(ref, prod), bins='sturges')`, with numpy's arithmetic, from
    /// the smallest and largest finite value of both samples and their total count.
    package static func sturgesEdges(first smallest: Double, last largest: Double, size count: Int) -> [Double] {
        var first = smallest, last = largest
        let size = Double(count)
        let peakToPeak = last - first
        if first == last {
            first -= 0.5
            last += 0.5
        }
        let width = peakToPeak / (log2(size) + 1.0)
        let bins = width != 0 ? Int((( last - first) / width).rounded(.up)) : 1
        let step = (last - first) / Double(bins)
        var edges = (0...bins).map { Double($0) * step + first }
        if step == 0 { edges = (0...bins).map { Double($0) / Double(bins) * (last - first) + first } }
        edges[bins] = last
        return edges
    }

    /// The bin of one value under `np.histogram(x, edges)`: bins closed on the left, the last one
    /// closed on both sides; nil outside the edges.
    @inline(__always)
    package static func histogramBin(of value: Double, edges: [Double]) -> Int? {
        let bins = edges.count - 1
        guard bins > 0, value >= edges[0], value <= edges[bins] else { return nil }
        // How many inner edges are ≤ value: the same comparisons `histogram` makes on a sorted sample.
        var low = 1, high = bins
        while low < high {
            let middle = (low + high) / 2
            if edges[middle] <= value { low = middle + 1 } else { high = middle }
        }
        return low - 1
    }

    /// `np.histogram(sorted, edges)[0]`: bins closed on the left, the last one closed on both sides.
    static func histogram(sorted: [Double], edges: [Double]) -> [Int] {
        var cumulative = edges.dropLast().map { NumpyArithmetic.countLess(sorted, than: $0) }
        cumulative.append(NumpyArithmetic.countNotGreater(sorted, than: edges[edges.count - 1]))
        return (1..<cumulative.count).map { cumulative[$0] - cumulative[$0 - 1] }
    }

    /// Counts per distinct value of the union of two sorted samples.
    static func distinctValueCounts(_ a: [Double], _ b: [Double]) -> ([Int], [Int]) {
        var countsA: [Int] = [], countsB: [Int] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            let value = j >= b.count || (i < a.count && a[i] <= b[j]) ? a[i] : b[j]
            var ca = 0, cb = 0
            while i < a.count, a[i] == value { i += 1; ca += 1 }
            while j < b.count, b[j] == value { j += 1; cb += 1 }
            countsA.append(ca)
            countsB.append(cb)
        }
        return (countsA, countsB)
    }

    static func filledShares(_ counts: [Int], total: Int) -> [Double] {
        let shares = counts.map { Double($0) / Double(total) }
        guard let smallest = shares.filter({ $0 != 0 }).min() else { return shares }
        let fill = smallest <= 0.0001 ? smallest / 1e6 : 0.0001
        return shares.map { $0 == 0 ? fill : $0 }
    }
}
