import Foundation
import ModelTopBase

/// The registry to and from JSON text (see `ModelArtifact+JSON` for why a decoder reads it).
extension ModelRegistry {
    package func json() -> String {
        var w = JSONWriter()
        w.object { w in
            if let current { w.field("current", current) } else { w.null("current") }
            w.array("history") { w in
                for entry in history {
                    w.object { w in
                        w.field("version", entry.version)
                        w.field("created", Int(entry.created))
                        w.field("trigger", entry.trigger)
                        w.field("promoted", entry.promoted)
                        w.field("reason", entry.reason)
                        if let parent = entry.parent { w.field("parent", parent) } else { w.null("parent") }
                        Self.write(&w, "champion", entry.champion)
                        Self.write(&w, "challenger", entry.challenger)
                    }
                }
            }
        }
        return w.text + "\n"
    }

    private static func write(_ w: inout JSONWriter, _ key: String, _ score: Score?) {
        Score.write(score, key, into: &w)
    }

    /// Reads and checks a registry: versions are `vN` or a hook's recordable name
    /// (`ModelVersion.isRecordable`), and `current` is a version the history promoted.
    package static func parse(_ bytes: [UInt8]) throws(TrainingError) -> ModelRegistry {
        let file: File
        switch DecodingProblem.decode(File.self, from: bytes) {
        case .success(let decoded): file = decoded
        case .failure(let problem): throw .invalidRegistry(problem.description)
        }
        let history = file.history.map {
            Entry(
                version: $0.version, created: $0.created, trigger: $0.trigger, promoted: $0.promoted, reason: $0.reason,
                parent: $0.parent, champion: $0.champion, challenger: $0.challenger)
        }
        for (index, entry) in history.enumerated() {
            for version in [entry.version, entry.parent].compactMap({ $0 }) where !ModelVersion.isRecordable(version) {
                throw .invalidRegistry("history[\(index)] names \"\(SafeText.inline(version))\", which is not a version name (v1, v2, … or letters, digits, . _ -)")
            }
        }
        if let current = file.current {
            guard ModelVersion.isRecordable(current) else {
                throw .invalidRegistry("current is \"\(SafeText.inline(current))\", which is not a version name (v1, v2, … or letters, digits, . _ -)")
            }
            guard history.contains(where: { $0.version == current && $0.promoted }) else {
                throw .invalidRegistry("current is \(current), but no history entry promoted it")
            }
        }
        return ModelRegistry(current: file.current, history: history)
    }

    private struct File: Decodable {
        struct Record: Decodable {
            var version: String
            var created: Int64
            var trigger: String
            var promoted: Bool
            var reason: String
            var parent: String?
            var champion: Score?
            var challenger: Score?
        }

        var current: String?
        var history: [Record]
    }
}
