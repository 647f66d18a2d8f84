import Dispatch
import Foundation
import FoundationEssentials
import Glibc
import ModelTopBase
import ModelTopLogs

/// Reads a directory of prediction logs (`*.jsonl`, rotated `*.jsonl.1`, `*.jsonl.2`, …, and
/// logrotate's compressed `*.jsonl.N.gz`) into a `LogMonitor`, oldest file first. Never writes to
/// the logs.
package enum LogDirectory {
    /// Log files in reading order: for each log name, its rotations from the oldest (highest
    /// number) to `.1`, then the live file. Compressed rotations (`name.jsonl.N.gz`) take their
    /// place in that order with `includeCompressed`; otherwise they are listed in `skipped`
    /// (watch mode: a rotation compressed while watched was already read as `.1`, and its
    /// new inode would make it look unread).
    package static func files(in directory: String, includeCompressed: Bool = false) throws(ModelTopError) -> (files: [String], skipped: [String]) {
        guard let handle = opendir(directory) else {
            throw .cannotRead(file: directory, reason: String(cString: strerror(errno)))
        }
        defer { closedir(handle) }
        var chains: [String: [(Int, String)]] = [:]
        var skipped: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasSuffix(".jsonl") {
                chains[name, default: []].append((0, name))
            } else if let range = name.range(of: ".jsonl.", options: .backwards) {
                let base = String(name[..<range.lowerBound]) + ".jsonl"
                let suffix = name[range.upperBound...]
                if let number = Int(suffix), number > 0 {
                    chains[base, default: []].append((number, name))
                } else if includeCompressed, suffix.hasSuffix(".gz"), let number = Int(suffix.dropLast(3)), number > 0 {
                    chains[base, default: []].append((number, name))
                } else if suffix.hasSuffix(".gz") || suffix == "gz" {
                    skipped.append(name)
                }
            }
        }
        var ordered: [String] = []
        for base in chains.keys.sorted() {
            let chain = chains[base, default: []].sorted { $0.0 > $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
            // The live file is rotation 0, so it comes last.
            ordered += chain.sorted { a, b in (a.0 == 0 ? -1 : a.0) > (b.0 == 0 ? -1 : b.0) }.map(\.1)
        }
        return (ordered, skipped.sorted())
    }

    /// Reads every log file of `directory`.
    package static func load(directory: String) throws(ModelTopError) -> (monitor: LogMonitor, skipped: [String]) {
        let (names, skipped) = try files(in: directory, includeCompressed: true)
        var monitor = LogMonitor()
        let newest = Set(newestFiles(names))
        for name in names {
            monitor.beginFile(name)
            do {
                try readFile(path: directory + "/" + name, name: name, isNewest: newest.contains(name), into: &monitor)
            } catch {
                // A damaged compressed rotation is one bad file, not a failed report: what it
                // gave up to the damage is kept, the rest of the directory is read.
                guard name.hasSuffix(".gz") else { throw error }
                monitor.reject(RowProblem(file: name, line: 1, column: nil, reason: "compressed file not read to its end: \(Self.reason(error))"))
            }
        }
        return (monitor, skipped)
    }

    /// The reason part of a read error, without the file name the rejection already carries.
    private static func reason(_ error: ModelTopError) -> String {
        if case .cannotRead(_, let reason) = error { return reason }
        return Diagnostics.message(for: error)
    }

    /// Inflated bytes a compressed rotation may give: a rotated day of logs, not more.
    static let inflatedLimit = 4 << 30

    /// The live file of each chain: the one whose last line may still be being written.
    static func newestFiles(_ names: [String]) -> [String] { names.filter { $0.hasSuffix(".jsonl") } }

    /// Reads one file in 8 MB rounds, parsing a piece per core in parallel. A round's chunks are
    /// appended (serially, in order) while the next round is read and parsed, so the cores do
    /// not wait on the join.
    static func readFile(path: String, name: String, isNewest: Bool, into monitor: inout LogMonitor) throws(ModelTopError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .cannotRead(file: name, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        // A compressed rotation is inflated as a stream, in the same rounds as a plain file.
        let inflated = name.hasSuffix(".gz") ? try GzipStream(fd: fd, name: name, outputLimit: Self.inflatedLimit) : nil
        let cores = ParallelMap.workerCount
        let parser = LogChunkParser(file: name)
        var status = stat()
        let fileSize = fstat(fd, &status) == 0 ? Int(status.st_size) : 0
        var reserved = false
        var carry: [UInt8] = []
        var nextLine = 1
        var skippingLongLine = false
        var pending: BackgroundResult<[LogChunk]>?
        /// Appends the round being parsed, if any; before anything else touches the monitor.
        func drain() {
            guard let round = pending else { return }
            pending = nil
            for chunk in round.wait() {
                monitor.append(chunk, firstLine: nextLine)
                nextLine += chunk.lineCount
            }
        }
        defer { drain() }
        while true {
            let fresh: [UInt8]
            if let inflated {
                fresh = try inflated.read(upTo: CSVFileStream.defaultRoundBytes)
            } else {
                fresh = try FileBytes.read(fd, upTo: CSVFileStream.defaultRoundBytes, name: name)
            }
            var buffer = carry + fresh
            let atEnd = fresh.isEmpty
            // Cut after the last newline; what follows waits for more bytes.
            var cut = buffer.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
            if skippingLongLine {
                // The rest of a line already rejected for its length: drop it up to its newline.
                guard let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) else {
                    carry = []
                    if atEnd { return }
                    continue
                }
                buffer.removeSubrange(0...newline)
                cut = buffer.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
                skippingLongLine = false
            }
            if atEnd, cut < buffer.count {
                if isNewest {
                    monitor.pendingPartialLines += 1
                } else {
                    cut = buffer.count
                }
            }
            if cut == 0, !atEnd, buffer.count > LogLine.maxLength {
                // A line longer than any log line: reject it without buffering it whole.
                drain()
                monitor.reject(RowProblem(file: name, line: nextLine, column: nil, reason: "line longer than \(LogLine.maxLength) bytes"))
                nextLine += 1
                skippingLongLine = true
                carry = []
                continue
            }
            if cut > 0 {
                let ranges = Self.pieces(buffer, upTo: cut, count: cores)
                let round = BackgroundResult { [buffer] in
                    ParallelMap.map(count: ranges.count) { k in
                        buffer.withUnsafeBufferPointer { bytes in parser.parse(UnsafeBufferPointer(rebasing: bytes[ranges[k]])) }
                    }
                }
                if !reserved, fileSize > 2 * cut {
                    // The first round predicts the rest of a large file.
                    monitor.reserveCapacity(like: round.wait(), scale: 1.02 * Double(fileSize) / Double(cut))
                }
                reserved = true
                drain()
                pending = round
            }
            if atEnd { return }
            carry = Array(buffer[cut...])
        }
    }
}

extension LogDirectory {
    /// `0..<cut` in about `count` ranges, each ending just after a newline (the last at `cut`).
    private static func pieces(_ data: [UInt8], upTo cut: Int, count: Int) -> [Range<Int>] {
        var pieces: [Range<Int>] = []
        var start = 0
        for piece in 1...count {
            let target = piece == count ? cut : max(start, cut * piece / count)
            if target <= start { continue }
            let end = data[start..<target].lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? (piece == count ? cut : start)
            if end > start {
                pieces.append(start..<end)
                start = end
            }
        }
        if start < cut { pieces.append(start..<cut) }
        return pieces
    }
}
