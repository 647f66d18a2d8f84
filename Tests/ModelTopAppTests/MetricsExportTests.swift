import Foundation
import Testing
import ModelTopBase
import ModelTopTraining
import ModelTopMonitor
import ModelTopApp

/// `--metrics-file` and the model version: written atomically, and what cannot be done is said,
/// once, with the rest still written.
@Suite struct MetricsExportTests {
    @Test func anUnreadableRegistryIsSaidAndTheVersionLeftOut() throws {
        let directory = try AppFixtures.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory + "/artifacts", withIntermediateDirectories: true)
        try "{not json".write(toFile: directory + "/artifacts/registry.json", atomically: true, encoding: .utf8)
        var said: [String] = []
        let export = try MetricsExport(listen: nil, file: directory + "/modeltop.prom", artifacts: directory + "/artifacts", warn: { said.append($0) })
        let report = try AppFixtures.snapshot().report
        export.publish(report)
        export.publish(report)
        let text = try String(contentsOfFile: directory + "/modeltop.prom", encoding: .utf8)
        #expect(text.contains("modeltop_accuracy "))
        #expect(!text.contains("modeltop_model_info"))
        #expect(said.count == 1 && said[0].hasPrefix("metrics: modeltop_model_info left out:"))

        var registry = ModelRegistry()
        registry.record(.init(version: "v7", created: 0, trigger: "manual", promoted: true, reason: "first", parent: nil, champion: nil, challenger: nil))
        try registry.json().write(toFile: directory + "/artifacts/registry.json", atomically: true, encoding: .utf8)
        export.publish(report)
        #expect(try String(contentsOfFile: directory + "/modeltop.prom", encoding: .utf8).contains(#"modeltop_model_info{version="v7"} 1"#))
    }

    @Test func aMetricsFileThatCannotBeWrittenIsSaidOnce() throws {
        var said: [String] = []
        let export = try MetricsExport(listen: nil, file: "/nonexistent-dir/modeltop.prom", artifacts: nil, warn: { said.append($0) })
        let report = try AppFixtures.snapshot().report
        export.publish(report)
        export.publish(report)
        #expect(said.count == 1 && said[0].hasPrefix("--metrics-file: "))
    }
}
