import Foundation
import Testing
import ModelTopBase
import ModelTopTables
import ModelTopStatistics
import ModelTopMonitor
import ModelTopMetrics
import ModelTopIO

/// The agent's exposition adds up across replicas: two halves of a data set, exposed by two
/// monitors and summed as Prometheus's `sum by (le)` does, give the report's figures on the
/// whole (the real Prometheus run is scripts/fleet-prometheus.py).
@Suite struct FleetMetricsTests {
    static func reference() throws -> ReferenceProfile {
        ReferenceProfile(table: try DataFiles.loadTable(path: Goldens.fixture("digits/ref_data.csv")))
    }

    /// Series of an exposition text: name, labels, value (enough of the format for our own output).
    static func samples(_ exposition: String) -> [(name: String, labels: [String: String], value: Double)] {
        exposition.split(separator: "\n").compactMap { line -> (String, [String: String], Double)? in
            guard !line.hasPrefix("#"), let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { return nil }
            let series = line[..<space]
            guard let brace = series.firstIndex(of: "{") else { return (String(series), [:], value) }
            var labels: [String: String] = [:]
            for pair in series[series.index(after: brace)..<series.index(before: series.endIndex)].split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                labels[String(parts[0])] = String(parts[1].dropFirst().dropLast())
            }
            return (String(series[..<brace]), labels, value)
        }
    }

    /// `sum by (keys)` over several expositions of one metric name, as Prometheus answers it.
    static func sum(_ expositions: [String], _ name: String, by keys: [String], where filter: [String: String] = [:]) -> [PrometheusAnswer.Sample] {
        var sums: [[String: String]: Double] = [:]
        for exposition in expositions {
            for sample in samples(exposition) where sample.name == name && filter.allSatisfy({ sample.labels[$0.key] == $0.value }) {
                let key = Dictionary(uniqueKeysWithValues: keys.compactMap { k in sample.labels[k].map { (k, $0) } })
                sums[key, default: 0] += sample.value
            }
        }
        return sums.map { PrometheusAnswer.Sample(labels: $0.key, value: $0.value) }
    }

    @Test func theRankGridHoldsTheReportsDecileEdgesBitForBit() throws {
        for dimension in try Self.reference().dimensions {
            let edges = QuantileRank.edges(sorted: dimension.sorted)
            #expect(edges.count == 19)
            #expect(stride(from: 1, to: 19, by: 2).map { edges[$0] } == dimension.quantileEdges)
            // A value on an edge belongs to the bin above it, as in the report's deciles.
            #expect(QuantileRank.recorded(edges[1], edges: edges) == 0.15)
            #expect(QuantileRank.recorded(.nan, edges: edges) == nil)
        }
    }

    @Test func twoReplicasSummedGiveTheReportOnTheWhole() throws {
        let reference = try Self.reference()
        let whole = try DataFiles.loadMonitor(reference: reference, productionPath: Goldens.fixture("digits/prod_data.csv"))
        let lines = try String(contentsOfFile: Goldens.fixture("digits/prod_data.csv"), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let header = lines[0], rows = lines[1...].filter { !$0.isEmpty }
        let half = rows.count / 2
        var expositions: [String] = []
        for part in [rows[..<(rows.startIndex + half)], rows[(rows.startIndex + half)...]] {
            let path = try TemporaryFiles.directory() + "/prod_data.csv"
            try (([header] + part).joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            let monitor = try DataFiles.loadMonitor(reference: reference, productionPath: path)
            let metrics = ReplicaMetrics()
            metrics.observe(monitor)
            metrics.observe(monitor)  // nothing new: nothing counted twice
            metrics.publish(monitor.report(options: DriftOptions(embeddingTest: .off)), lastData: nil, modelVersion: nil)
            expositions.append(metrics.exposition())
        }
        let report = whole.report(options: DriftOptions(embeddingTest: .off))
        let dimensions = FleetSnapshot.dimensions(
            production: Self.sum(expositions, "modeltop_embedding_rank_bucket", by: ["dimension", "le"], where: ["sample": "production"]),
            reference: Self.sum([expositions[0]], "modeltop_embedding_rank_bucket", by: ["dimension", "le"], where: ["sample": "reference"]))
        #expect(dimensions.map(\.name) == report.drift.dimensions.map(\.name))
        for (fleet, single) in zip(dimensions, report.drift.dimensions) {
            #expect(abs(fleet.psi - single.psi) <= 1e-12, "\(fleet.name): \(fleet.psi) vs \(single.psi)")
            #expect(fleet.ksGrid <= single.ksStatistic + 1e-12)
            #expect(fleet.rows == report.productionRows)
        }
        let quality = try #require(FleetSnapshot.quality(Self.sum(expositions, "modeltop_feedback_total", by: ["target", "prediction"])))
        let expected = try #require(report.quality)
        #expect(quality.accuracy == expected.accuracy)
        #expect(abs(quality.macro.f1 - expected.macro.f1) <= 1e-15)
        let golden = try Goldens.json("goldens/fleet_quality.json")
        #expect(abs(quality.accuracy - (golden["accuracy"] as? Double ?? .nan)) <= 1e-15)
        #expect(Self.sum(expositions, "modeltop_production_rows_total", by: []).first?.value == Double(whole.rows))
    }

    @Test func aReplacedFileStartsItsCountersAnew() throws {
        let reference = try Self.reference()
        let first = try DataFiles.loadMonitor(reference: reference, productionPath: Goldens.fixture("digits/prod_data.csv"))
        let metrics = ReplicaMetrics()
        metrics.observe(first)
        let again = try DataFiles.loadMonitor(reference: reference, productionPath: Goldens.fixture("digits/prod_clean.csv"))
        metrics.observe(again)
        let rows = Self.samples(metrics.exposition()).first { $0.name == "modeltop_production_rows_total" }?.value
        #expect(rows == Double(again.rows))
    }

    @Test func labelsFromTheFilesAreMadeSafeAndBounded() throws {
        let columns = "\"e\u{1b}[2J\"\"x\",target,prediction"
        let reference = ReferenceProfile(table: try CSVReaderTests.table(columns + "\n1,a,a\n2,b,b\n3,c,c\n", name: "ref.csv"))
        var rows = columns + "\n"
        for k in 0..<150 { rows += "\(k),free text \(k),\(k % 3 == 0 ? "a" : "b")\n" }
        let monitor = try CSVReaderTests.withTemporaryFile(rows) { path in
            try DataFiles.loadMonitor(reference: reference, productionPath: path, name: "prod.csv")
        }
        let metrics = ReplicaMetrics()
        metrics.observe(monitor)
        metrics.publish(monitor.report(options: DriftOptions(embeddingTest: .off)), lastData: 1, modelVersion: "v\u{7}3")
        let text = metrics.exposition()
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(text.contains(#"dimension="e\u{1b}[2J\"x""#) || text.contains("dimension=\"e"))
        #expect(text.contains(#"modeltop_model_info{version="v"#))
        // 150 free-text targets: 100 classes of their own at most, the rest under _other.
        let targets = Set(Self.samples(text).filter { $0.name == "modeltop_feedback_total" }.compactMap { $0.labels["target"] })
        #expect(targets.count <= MetricName.classesExposed + 1 && targets.contains(MetricName.otherClass))
        let feedback = Self.samples(text).filter { $0.name == "modeltop_feedback_total" }.reduce(0) { $0 + $1.value }
        #expect(feedback == 150)
    }

    @Test func prometheusAnswersAreRead() throws {
        let vector = #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{"dimension":"emb_1","le":"+Inf"},"value":[1795000000.1,"12"]},{"metric":{},"value":[1,"NaN"]}]}}"#
        let samples = try PrometheusAnswer.vector(Array(vector.utf8)).get()
        #expect(samples.count == 2 && samples[0].labels["le"] == "+Inf" && samples[0].value == 12 && samples[1].value.isNaN)
        let error = #"{"status":"error","errorType":"bad_data","error":"parse error at char 4"}"#
        #expect(PrometheusAnswer.vector(Array(error.utf8)) == .failure(.init("parse error at char 4")))
        #expect(PrometheusAnswer.vector(Array("<html>".utf8)) == .failure(.init("the answer is not JSON (is this Prometheus?)")))
        let targets = #"{"status":"success","data":{"activeTargets":[{"labels":{"instance":"a:9108","job":"modeltop"},"health":"down","lastScrape":"2026-12-03T07:20:01.5Z","lastError":"connection refused","scrapeInterval":"2s"}]}}"#
        let target = try #require(try PrometheusAnswer.targets(Array(targets.utf8)).get().first)
        #expect(target.instance == "a:9108" && target.health == "down" && target.lastScrape == 1_796_282_401.5)
        #expect(RFC3339.seconds("2026-12-03T09:20:01+02:00") == 1_796_282_401)
        let alerts = #"{"status":"success","data":{"alerts":[{"labels":{"alertname":"ModelTopReplicaDown","instance":"b:9108","severity":"critical"},"state":"pending","activeAt":"2026-12-03T07:20:01.5Z","value":"0e+00"}]}}"#
        #expect(try PrometheusAnswer.alerts(Array(alerts.utf8)).get() == [.init(name: "ModelTopReplicaDown", state: "pending", instance: "b:9108", activeAt: 1_796_282_401.5)])
        #expect(RFC3339.seconds("yesterday") == nil)
    }

    @Test func aReplicaIsStaleWhenItsScrapeFailedOrIsOld() {
        var answers = FleetAnswers()
        answers.targets = [
            .init(instance: "a", job: "modeltop", health: "up", lastScrape: 100, lastError: "", scrapeInterval: "2s"),
            .init(instance: "b", job: "modeltop", health: "down", lastScrape: 104, lastError: "refused", scrapeInterval: "2s"),
            .init(instance: "c", job: "modeltop", health: "up", lastScrape: 104, lastError: "", scrapeInterval: "2s"),
        ]
        answers.vectors[.accuracy] = [.init(labels: ["instance": "c"], value: 0.9)]
        let replicas = FleetSnapshot.make(answers, now: 105, previous: nil).replicas
        #expect(replicas.map(\.health) == ["stale", "stale", "up"])
        #expect(replicas[2].accuracy == 0.9)
        // A failed round keeps the figures and says why.
        var failed = FleetAnswers()
        failed.problem = "Prometheus at http://x: connection refused"
        var before = FleetSnapshot.make(answers, now: 105, previous: nil)
        before.dimensions = [.init(name: "emb_1", psi: 0.3, ksGrid: 0.2, rows: 10, drifted: true)]
        let after = FleetSnapshot.make(failed, now: 110, previous: before)
        #expect(after.problem == failed.problem && after.dimensions == before.dimensions && after.answeredAt == 105)
    }

    @Test func latencyQuantilesInterpolateAsPromQLDoes() throws {
        let buckets: [(String, Double)] = [("0.01", 50), ("0.05", 90), ("0.1", 100), ("+Inf", 100)]
        let latency = try #require(FleetSnapshot.latency(buckets.map { .init(labels: ["le": $0.0], value: $0.1) }))
        #expect(abs(latency.p50 - 0.01) < 1e-12)
        #expect(abs(latency.p95 - 0.075) < 1e-12)
    }
}
