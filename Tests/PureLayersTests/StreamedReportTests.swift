import Foundation
import Testing
@testable import ModelTopBase
@testable import ModelTopStatistics
import ModelTopTables
@testable import ModelTopMonitor
import ModelTopIO

/// The streamed one-shot report (issue 15): production counted as it is read, nothing kept per
/// row, a second read for what the counts cannot give. It must give the figures the in-memory
/// monitor gives, on every binning and window, however the file is cut into chunks.
@Suite struct StreamedReportTests {
    static let reference = Result {
        ReferenceProfile(table: try DataFiles.loadTable(path: Goldens.fixture("digits/ref_data.csv")))
    }

    /// The in-memory report: every row kept, then restricted and reported.
    static func inMemory(_ production: String, window: ProductionWindow, options: DriftOptions) throws -> Report {
        let monitor = try DataFiles.loadMonitor(reference: reference.get(), productionPath: Goldens.fixture(production))
        return try monitor.restricted(to: window).report(options: options)
    }

    static func streamed(
        _ production: String, window: ProductionWindow, options: DriftOptions, roundBytes: Int = StreamedProduction.roundBytes
    ) throws -> (report: Report, read: StreamedProduction) {
        let read = try StreamedProduction.read(
            reference: reference.get(), path: Goldens.fixture(production), window: window, binning: options.psiBinning,
            roundBytes: roundBytes)
        return (read.monitor.report(options: options, details: read.details), read)
    }

    /// Equal but for the last bits of sums taken in another order (the Wasserstein gap sums).
    static func expectSame(_ a: Report, _ b: Report, _ context: String) {
        #expect(a.productionRows == b.productionRows, "\(context)")
        #expect(a.productionUnlabelled == b.productionUnlabelled, "\(context)")
        #expect(a.quality == b.quality, "\(context)")
        #expect(a.notes == b.notes, "\(context)")
        #expect(a.productionRejections == b.productionRejections, "\(context)")
        #expect(a.drift.drifted == b.drift.drifted, "\(context)")
        for (x, y) in zip(a.drift.dimensions, b.drift.dimensions) {
            #expect(x.productionCount == y.productionCount && x.nonFiniteProduction == y.nonFiniteProduction, "\(context) \(x.name)")
            #expect(x.ksStatistic == y.ksStatistic && x.ksPValue == y.ksPValue, "\(context) \(x.name)")
            #expect(x.psi.isNaN && y.psi.isNaN || abs(x.psi - y.psi) <= 1e-12 * max(1, abs(y.psi)), "\(context) \(x.name) psi")
            #expect(abs(x.wassersteinNorm - y.wassersteinNorm) <= 1e-12 * max(1, y.wassersteinNorm), "\(context) \(x.name)")
            #expect(x.wassersteinNormBound == 0, "\(context) \(x.name): the second read makes it exact")
        }
    }

    @Test(arguments: [PSIBinning.quantile, .evidently])
    func aStreamedReportEqualsTheInMemoryOne(binning: PSIBinning) throws {
        let options = DriftOptions(psiBinning: binning)
        for production in ["digits/prod_data.csv", "digits/prod_clean.csv"] {
            for window in [ProductionWindow.all, .rows(300), .rows(5000), .seconds(3600), .seconds(1)] {
                let expected = try Self.inMemory(production, window: window, options: options)
                // 64-byte rounds: hundreds of chunks, windows starting inside one.
                for roundBytes in [64, StreamedProduction.roundBytes] {
                    let (report, _) = try Self.streamed(production, window: window, options: options, roundBytes: roundBytes)
                    Self.expectSame(report, expected, "\(production) \(window) \(binning) \(roundBytes)")
                }
            }
        }
    }

    @Test func theWindowCountsOnlyItsRowsButTheFileFactsCoverTheFile() throws {
        let (report, read) = try Self.streamed("digits/prod_data.csv", window: .rows(300), options: DriftOptions())
        #expect(report.productionRows == 300)
        #expect(read.fileRows == 899)
        #expect(read.monitor.lineCount == 900)
        #expect(!read.monitor.keepsRows && read.monitor.target.isEmpty && read.monitor.timestamp.isEmpty)
    }

    @Test func crossingGapsAreReadAgainAndNothingElse() throws {
        let (_, read) = try Self.streamed("digits/prod_clean.csv", window: .all, options: DriftOptions())
        let details = try #require(read.details)
        // A clean production set crosses the reference's ECDF somewhere in most dimensions...
        #expect(details.contains { !$0.request.gaps.isEmpty })
        // ...and the second read keeps only the values in those gaps.
        let kept = details.reduce(0) { $0 + $1.gapValues.reduce(0) { $0 + $1.count } }
        #expect(kept > 0 && kept < 899 * details.count / 2)
    }

    @Test func aTimeWindowWithoutTimestampsIsAUsageError() throws {
        let text = "PCA_1,PCA_2,target,prediction\n0.5,1,1,1\n0.25,2,2,2\n"
        let reference = ReferenceProfile(table: try CSVReaderTests.table(text))
        #expect(throws: ModelTopError.self) {
            try CSVReaderTests.withTemporaryFile(text) {
                try StreamedProduction.read(reference: reference, path: $0, window: .seconds(60), binning: .quantile)
            }
        }
    }

    /// A later pass reads what the first one read and no more, though the file grew meanwhile.
    @Test func aByteLimitStopsAReadWhereTheFirstPassEnded() throws {
        let head = "PCA_1,PCA_2\n1,2\n3,4\n"
        let rows = try CSVReaderTests.withTemporaryFile(head + "5,6\n7,8\n") { path -> Int in
            let stream = try CSVFileStream(path: path, roundBytes: 64, byteLimit: head.utf8.count)
            var rows = 0
            try stream.forEachChunk(parser: ChunkParser(schema: stream.schema, file: path)) { chunk, _ in rows += chunk.rowCount }
            #expect(stream.bytesRead == head.utf8.count)
            return rows
        }
        #expect(rows == 2)
    }

    /// Where `WindowStart` begins equals where `restricted(to:)` begins, on timestamps that go
    /// back, repeat and hold NaN.
    @Test func theWindowStartFoundWhileStreamingEqualsTheInMemoryOne() {
        var generator = SeededGenerator(seed: 7)
        for trial in 0..<300 {
            let count = Int.random(in: 0...60, using: &generator)
            let stamps = (0..<count).map { _ -> Double in
                switch Int.random(in: 0..<20, using: &generator) {
                case 0: return .nan
                case 1: return 5
                default: return Double(Int.random(in: 0...100, using: &generator))
                }
            } .enumerated().map { k, t in trial.isMultiple(of: 2) && !t.isNaN ? t + Double(k) * 3 : t }
            let span = Double(Int.random(in: 1...80, using: &generator))
            var finder = WindowStart(window: .seconds(span))
            var k = 0
            while k < stamps.count {
                let step = Int.random(in: 1...7, using: &generator)
                let part = Array(stamps[k..<min(stamps.count, k + step)])
                finder.add(rowCount: part.count, timestamps: part)
                k += step
            }
            // The in-memory rule (`restricted(to:)`), written out.
            var expected = 0
            if let newest = stamps.max() {
                var first = stamps.count
                while first > 0, stamps[first - 1] >= newest - span { first -= 1 }
                expected = first
            }
            #expect(finder.firstRow == expected, "trial \(trial): \(stamps) span \(span)")
        }
    }

    /// A streaming accumulator fed in random chunks with small batches counts what a profile of
    /// the whole sorted sample counts.
    @Test func streamingInBatchesEqualsOneProfileOfEverything() {
        var generator = SeededGenerator(seed: 11)
        for trial in 0..<40 {
            let reference = (0..<Int.random(in: 1...300, using: &generator)).map { _ in
                Double(Int.random(in: -50...50, using: &generator)) / 4
            }
            let dimension = ReferenceDimension(name: "x", values: reference)
            let production = (0..<Int.random(in: 0...2000, using: &generator)).map { k -> Double in
                k % 97 == 0 ? .nan : Double(Int.random(in: -70...70, using: &generator)) / 4 + Double.random(in: 0..<0.25, using: &generator)
            }
            var streaming = DimensionAccumulator(streamingOn: dimension.grid, batchSize: Int.random(in: 1...300, using: &generator))
            var k = 0
            while k < production.count {
                let step = Int.random(in: 1...120, using: &generator)
                streaming.append(contentsOf: Array(production[k..<min(production.count, k + step)]))
                if streaming.hasFullBatch { streaming.catchUp(grid: dimension.grid) }
                k += step
            }
            streaming.catchUp(grid: dimension.grid)
            let (sorted, nonFinite) = RadixSort.sortedFinite(segments: [production])
            let whole = sorted.withUnsafeBufferPointer { ProductionProfile(grid: dimension.grid, sorted: $0, nonFinite: nonFinite) }
            let profile = streaming.profile!
            #expect(profile.counts == whole.counts && profile.finite == whole.finite && profile.nonFinite == whole.nonFinite, "trial \(trial)")
            #expect(profile.range == whole.range, "trial \(trial)")
            for (a, b) in zip(profile.gapDistance, whole.gapDistance) {
                #expect(abs(a - b) <= 1e-12 * max(1, abs(b)), "trial \(trial)")
            }
        }
    }

    /// A sample cut in random parts, each profiled, the profiles added up, then written and read
    /// back as a checkpoint does: the same statistics as one profile of everything.
    @Test func profilesOfPartsAddUpAndSurviveACheckpoint() throws {
        var generator = SeededGenerator(seed: 23)
        for trial in 0..<40 {
            let reference = (0..<Int.random(in: 1...200, using: &generator)).map { _ in Double.random(in: -2...2, using: &generator).rounded(toPlaces: 2) }
            let dimension = ReferenceDimension(name: "x", values: reference)
            let production = (0..<Int.random(in: 0...1500, using: &generator)).map { k -> Double in
                k % 53 == 0 ? .infinity : Double.random(in: -3...3, using: &generator).rounded(toPlaces: Int.random(in: 1...4, using: &generator))
            }
            var parts: [ProductionProfile] = [], start = 0
            while start < production.count {
                let end = min(production.count, start + Int.random(in: 1...400, using: &generator))
                var part = ProductionProfile(grid: dimension.grid)
                part.add(production[start..<end], grid: dimension.grid)
                parts.append(part)
                start = end
            }
            let summed = parts.reduce(ProductionProfile(grid: dimension.grid), +)
            var writer = BinaryWriter()
            summed.write(to: &writer)
            var reader = BinaryReader(writer.bytes)
            let restored = try ProductionProfile(reading: &reader, grid: dimension.grid)
            let (sorted, nonFinite) = RadixSort.sortedFinite(segments: [production])
            let whole = sorted.withUnsafeBufferPointer { ProductionProfile(grid: dimension.grid, sorted: $0, nonFinite: nonFinite) }
            #expect(restored.counts == whole.counts && restored.finite == whole.finite && restored.nonFinite == whole.nonFinite, "trial \(trial)")
            #expect(restored.range == whole.range, "trial \(trial)")
            let exact: ([Int]) -> [[Double]]? = { gaps in
                var found = [[Double]](repeating: [], count: gaps.count)
                DimensionAccumulator.collect(gaps, from: sorted, grid: dimension.grid, into: &found)
                return found
            }
            let a = GridComparison.compare(grid: dimension.grid, profile: restored, resolve: exact)
            let b = GridComparison.compare(grid: dimension.grid, profile: whole, resolve: exact)
            #expect(a.ksStatistic == b.ksStatistic && a.binCounts == b.binCounts, "trial \(trial)")
            #expect(abs(a.wasserstein - b.wasserstein) <= 1e-12 * max(1, b.wasserstein), "trial \(trial)")
        }
    }

    /// Without the crossing gaps' values the Wasserstein distance is estimated, and the exact one
    /// lies within the stated bound.
    @Test func theEstimateWithoutTheCrossingValuesHoldsItsBound() {
        var generator = SeededGenerator(seed: 3)
        var estimated = 0
        for trial in 0..<200 {
            let reference = (0..<Int.random(in: 2...200, using: &generator)).map { _ in Double.random(in: -3...3, using: &generator) }
            let shift = Double.random(in: -0.3...0.3, using: &generator)
            let production = (0..<Int.random(in: 1...800, using: &generator)).map { _ in Double.random(in: -3...3, using: &generator) + shift }
            let dimension = ReferenceDimension(name: "x", values: reference)
            let (sorted, _) = RadixSort.sortedFinite(segments: [production])
            let profile = sorted.withUnsafeBufferPointer { ProductionProfile(grid: dimension.grid, sorted: $0, nonFinite: 0) }
            let exact = GridComparison.compare(grid: dimension.grid, profile: profile) { gaps in
                var found = [[Double]](repeating: [], count: gaps.count)
                DimensionAccumulator.collect(gaps, from: sorted, grid: dimension.grid, into: &found)
                return found
            }
            let estimate = GridComparison.compare(grid: dimension.grid, profile: profile) { _ in nil }
            #expect(exact.wassersteinBound == 0)
            #expect(abs(estimate.wasserstein - exact.wasserstein) <= estimate.wassersteinBound * (1 + 1e-9) + 1e-12, "trial \(trial)")
            #expect(estimate.ksStatistic == exact.ksStatistic && estimate.binCounts == exact.binCounts)
            if estimate.wassersteinBound > 0 { estimated += 1 }
        }
        #expect(estimated > 50, "most random pairs cross somewhere")
    }
}

extension Double {
    fileprivate func rounded(toPlaces places: Int) -> Double {
        let scale = pow(10, Double(places))
        return (self * scale).rounded() / scale
    }
}
