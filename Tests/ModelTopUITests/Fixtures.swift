import Foundation
import ModelTopBase
import ModelTopTables
import ModelTopStatistics
import ModelTopMonitor
import ModelTopIO
import ModelTopUI

/// Snapshots built from the real digits fixtures, once per test process.
enum Fixtures {
    /// A fixed "now" (2026-11-22 00:00:00Z) so rendered snapshots are deterministic.
    static let generatedAt = 1_795_305_600.0

    static var directory: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("fixtures/digits", isDirectory: true)
    }

    static func monitor(production: String) throws -> Monitor {
        let reference = try DataFiles.loadTable(
            path: directory.appendingPathComponent("ref_data.csv").path, name: "ref_data.csv")
        return try DataFiles.loadMonitor(
            reference: ReferenceProfile(table: reference),
            productionPath: directory.appendingPathComponent(production).path, name: production)
    }

    /// As the live dashboard shows it once the whole-embedding tests have been judged.
    static func snapshot(production: String = "prod_data.csv") throws -> DashboardSnapshot {
        let monitor = try monitor(production: production)
        var snapshot = DashboardSnapshot.build(monitor: monitor, options: DriftOptions(), generatedAt: generatedAt)
        snapshot.report.embedding = monitor.embeddingDrift()
        return snapshot
    }

    /// The drifted fixture, loaded once and shared.
    static let drifted: Result<DashboardSnapshot, Error> = Result { try snapshot() }

    static func dashboard(_ options: DashboardOptions = DashboardOptions()) throws -> Dashboard {
        Dashboard(snapshot: try drifted.get(), options: options)
    }
}

/// Small data sets written inline, parsed in memory (no files) for hostile or edge cases.
enum InlineData {
    static func schema(_ csv: String, file: String) throws -> TableSchema {
        let bytes = Array(csv.utf8.prefix { $0 != UInt8(ascii: "\n") })
        return try bytes.withUnsafeBufferPointer { header throws(ModelTopError) in
            try TableSchema.parse(header: header, file: file)
        }
    }

    static func chunk(_ csv: String, schema: TableSchema, file: String) -> TableChunk {
        let bytes = Array(csv.utf8)
        let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
        let body = Array(bytes[min(bytes.count, newline + 1)...])
        return body.withUnsafeBufferPointer { ChunkParser(schema: schema, file: file).parse($0) }
    }

    static func monitor(reference: String, production: String) throws -> Monitor {
        let referenceSchema = try schema(reference, file: "ref.csv")
        var table = DataTable(schema: referenceSchema, file: "ref.csv")
        table.append(chunk(reference, schema: referenceSchema, file: "ref.csv"))
        let profile = ReferenceProfile(table: table)
        let productionSchema = try schema(production, file: "prod.csv")
            .aligned(to: referenceSchema, file: "prod.csv", referenceFile: "ref.csv")
        var monitor = Monitor(reference: profile, productionSchema: productionSchema, productionFile: "prod.csv")
        monitor.append(chunk(production, schema: productionSchema, file: "prod.csv"))
        return monitor
    }
}
