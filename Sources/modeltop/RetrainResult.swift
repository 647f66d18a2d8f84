import Foundation
import ModelTopTraining
import ModelTopMonitor

/// Reads what `modeltop retrain --format json` and `rollback --format json` print on stdout.
///
/// The output is this binary's own stable JSON, parsed only when the child has ended; anything
/// unreadable yields nil and the screen falls back to the exit status and the log.
enum RetrainResult {
    static func outcome(_ bytes: [UInt8]) -> RetrainSnapshot.Outcome? {
        guard let object = self.object(bytes),
              let challenger = score(object["challenger"]),
              let promoted = object["promoted"] as? Bool,
              let reason = object["reason"] as? String
        else { return nil }
        return RetrainSnapshot.Outcome(champion: score(object["champion"]), challenger: challenger, promoted: promoted, reason: reason)
    }

    /// A hook's reported decision (`HookRun`): its last output line that is such an object,
    /// else the first one on stdout.
    static func reported(standardOutput: [UInt8], lines: [String]) -> HookRun.Reported? {
        for line in lines.reversed() where line.hasPrefix("{") {
            if let found = outcome(Array(line.utf8)) { return found }
        }
        return outcome(standardOutput)
    }

    /// The version current after the run, when the output names one.
    static func current(_ bytes: [UInt8]) -> String? {
        object(bytes)?["current"] as? String
    }

    private static func score(_ value: Any?) -> ModelRegistry.Score? {
        guard let value = value as? [String: Any], let version = value["version"] as? String,
              let accuracy = (value["accuracy"] as? NSNumber)?.doubleValue, let f1 = (value["f1_macro"] as? NSNumber)?.doubleValue
        else { return nil }
        return ModelRegistry.Score(version: version, accuracy: accuracy, f1Macro: f1)
    }

    /// The JSON object on stdout: from the first line that opens one to the end.
    private static func object(_ bytes: [UInt8]) -> [String: Any]? {
        var start = 0
        while start < bytes.count {
            if bytes[start] == UInt8(ascii: "{"),
               let object = try? JSONSerialization.jsonObject(with: Data(bytes[start...])) as? [String: Any] {
                return object
            }
            guard let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            start = newline + 1
        }
        return nil
    }
}

