import Foundation

/// The demo's directory: the one `--out` names, or a fresh temporary one that is removed at the end.
package enum DemoDirectory {
    /// Creates `out` (and its parents) or a new `modeltop-demo-XXXXXX` under the temporary directory.
    package static func make(_ out: String?) throws -> String {
        if let out {
            do {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            } catch {
                throw DemoCommandError.cannotWrite(path: out, reason: "cannot create the directory")
            }
            return out
        }
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("modeltop-demo-XXXXXX").path
        var template = Array(base.utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let pointer = buffer.baseAddress else { return false }
            return mkdtemp(pointer) != nil
        }
        guard made else { throw DemoCommandError.cannotWrite(path: base, reason: "cannot create a temporary directory") }
        return template.withUnsafeBufferPointer { buffer in
            String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }

    /// Removes a temporary demo directory; failing to is not worth an error at exit.
    package static func remove(_ directory: String) {
        try? FileManager.default.removeItem(atPath: directory)
    }
}
