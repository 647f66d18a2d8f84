/// What one dimension's statistics need from production beyond its profile, found by reading
/// the production values once more: the streamed report's second pass.
///
/// A profile counts production on the reference's grid, which fixes KS, the quantile PSI and
/// the Wasserstein distance everywhere but in the gaps where the two ECDFs cross (their
/// values' order matters there), and Evidently's PSI, whose bins span production's own range.
/// Both are known once the first pass is over, so a second pass collects exactly those values
/// and counts: memory O(values in crossing gaps + bins), not O(production).
package struct DetailRequest: Sendable, Equatable {
    /// Crossing gap indices of the grid, ascending.
    package var gaps: [Int]
    /// Evidently's bins for this dimension, when the report uses them.
    package var evidently: EvidentlyBins?

    package init(gaps: [Int], evidently: EvidentlyBins? = nil) {
        self.gaps = gaps
        self.evidently = evidently
    }

    package var isEmpty: Bool { gaps.isEmpty && evidently == nil }

    package enum EvidentlyBins: Sendable, Equatable {
        /// Equal-width Sturges edges over reference and production (> 20 distinct reference values).
        case edges([Double])
        /// One bin per distinct value of either sample.
        case distinctValues
    }

    /// The request for one dimension: `GridComparison`'s crossing gaps, and Evidently's bins
    /// from both samples' ranges and sizes.
    package static func needed(
        reference: ReferenceDimension, profile: ProductionProfile, range: ClosedRange<Double>?, binning: PSIBinning
    ) -> DetailRequest {
        guard !reference.sorted.isEmpty, profile.finite > 0 else { return DetailRequest(gaps: []) }
        let gaps = GridComparison.crossingGaps(grid: reference.grid, profile: profile)
        guard binning == .evidently, let range else { return DetailRequest(gaps: gaps) }
        guard reference.uniqueCount > 20 else { return DetailRequest(gaps: gaps, evidently: .distinctValues) }
        let edges = PopulationStabilityIndex.sturgesEdges(
            first: min(reference.sorted[0], range.lowerBound), last: max(reference.sorted[reference.sorted.count - 1], range.upperBound),
            size: reference.sorted.count + profile.finite)
        return DetailRequest(gaps: gaps, evidently: .edges(edges))
    }
}

/// The values and counts a `DetailRequest` asked for, collected chunk by chunk.
package struct ProductionDetail: Sendable, Equatable {
    package let request: DetailRequest
    /// Production values inside each requested gap, in arrival order.
    package private(set) var gapValues: [[Double]]
    /// Production count per Evidently edge bin.
    package private(set) var binCounts: [Int]
    /// Production count per distinct finite value (Evidently with ≤ 20 distinct reference values).
    package private(set) var distinctCounts: [Double: Int] = [:]
    /// A bitmap of the grid cells the requested gaps touch: rejects almost every value with a
    /// multiply and one load, before the grid lookup, whose tables miss the cache.
    private let markedCells: [UInt64]
    /// A bitmap of the requested gaps.
    private let marked: [UInt64]

    package init(request: DetailRequest, grid: ReferenceGrid) {
        self.request = request
        gapValues = Array(repeating: [], count: request.gaps.count)
        if case .edges(let edges) = request.evidently {
            binCounts = [Int](repeating: 0, count: max(0, edges.count - 1))
        } else {
            binCounts = []
        }
        var marked = [UInt64](repeating: 0, count: (grid.splits.count + 1) / 64 + 1)
        for gap in request.gaps { marked[gap >> 6] |= 1 << UInt64(gap & 63) }
        self.marked = marked
        var cells = [UInt64](repeating: 0, count: grid.cellCount / 64 + 1)
        for gap in request.gaps {
            for cell in grid.cells(ofGap: gap) { cells[cell >> 6] |= 1 << UInt64(cell & 63) }
        }
        markedCells = cells
    }

    /// Takes production values (any order; non-finite ones are skipped).
    package mutating func add(_ values: [Double], grid: ReferenceGrid) {
        let gaps = request.gaps
        for value in values where value.isFinite {
            let cell = grid.cell(of: value)
            if !gaps.isEmpty, markedCells[cell >> 6] & (1 << UInt64(cell & 63)) != 0 {
                let code = grid.locate(value)
                let gap = code >> 1
                if code & 1 == 0, marked[gap >> 6] & (1 << UInt64(gap & 63)) != 0 {
                    gapValues[Self.position(of: gap, in: gaps)].append(value)
                }
            }
            switch request.evidently {
            case .edges(let edges):
                if let bin = PopulationStabilityIndex.histogramBin(of: value, edges: edges) { binCounts[bin] += 1 }
            case .distinctValues:
                distinctCounts[value, default: 0] += 1
            case nil:
                break
            }
        }
    }

    @inline(__always)
    private static func position(of gap: Int, in gaps: [Int]) -> Int {
        var low = 0, high = gaps.count
        while low < high {
            let middle = (low + high) / 2
            if gaps[middle] < gap { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The values in `gaps` (ascending): `GridComparison`'s resolver. Nil when one of them was
    /// not collected, so the distance is estimated within its bound rather than taken as empty.
    package func values(inGaps asked: [Int]) -> [[Double]]? {
        var found: [[Double]] = []
        for gap in asked {
            let k = Self.position(of: gap, in: request.gaps)
            guard k < request.gaps.count, request.gaps[k] == gap else { return nil }
            found.append(gapValues[k])
        }
        return found
    }

    /// Evidently's PSI from the collected counts against `reference` (nil when not requested).
    package func evidentlyPSI(reference: ReferenceDimension, productionTotal: Int) -> Double? {
        switch request.evidently {
        case nil:
            return nil
        case .edges(let edges):
            return PopulationStabilityIndex.evidently(
                referenceCounts: PopulationStabilityIndex.histogram(sorted: reference.sorted, edges: edges),
                referenceTotal: reference.sorted.count, productionCounts: binCounts, productionTotal: productionTotal)
        case .distinctValues:
            // The union of distinct values in ascending order, as `distinctValueCounts` walks it.
            var referenceByValue: [Double: Int] = [:]
            for value in reference.sorted { referenceByValue[value, default: 0] += 1 }
            let union = Set(referenceByValue.keys).union(distinctCounts.keys).sorted()
            return PopulationStabilityIndex.evidently(
                referenceCounts: union.map { referenceByValue[$0] ?? 0 }, referenceTotal: reference.sorted.count,
                productionCounts: union.map { distinctCounts[$0] ?? 0 }, productionTotal: productionTotal)
        }
    }
}
