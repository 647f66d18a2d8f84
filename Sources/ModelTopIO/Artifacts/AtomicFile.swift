import Glibc
import ModelTopSystem

/// Whole-file replacement that a crash or `kill -9` cannot leave half-written.
///
/// The bytes go to a temporary file in the same directory (so `rename` stays on one file
/// system and is atomic), which is flushed to disk before it is renamed over the target; the
/// directory is flushed afterwards so the rename itself survives a power cut. A reader sees
/// the old file or the new one, never a mixture.
package enum AtomicFile {
    package static func write(_ text: String, to path: String) throws(ArtifactError) {
        try write(bytes: Array(text.utf8), to: path)
    }

    static func write(bytes: [UInt8], to path: String) throws(ArtifactError) {
        let directory = Self.directory(of: path)
        let temporary = "\(directory)/.\(Self.name(of: path)).\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .cannotWrite(file: path, reason: Self.lastError()) }
        var closed = false
        defer {
            if !closed { close(fd) }
        }
        do throws(ArtifactError) {
            try Self.writeAll(fd, bytes, path: path)
            guard fsync(fd) == 0 else { throw .cannotWrite(file: path, reason: Self.lastError()) }
            closed = true
            guard close(fd) == 0 else { throw .cannotWrite(file: path, reason: Self.lastError()) }
            guard rename(temporary, path) == 0 else { throw .cannotWrite(file: path, reason: Self.lastError()) }
        } catch {
            unlink(temporary)
            throw error
        }
        try syncDirectory(directory)
    }

    /// `mkdir -p` of an absolute path; what it creates is private to this user (0700).
    static func makePrivateDirectories(_ path: String) throws(ArtifactError) {
        var built = ""
        for component in path.split(separator: "/") {
            built += "/" + component
            if mkdir(built, 0o700) != 0, errno != EEXIST { throw .cannotWrite(file: built, reason: lastError()) }
        }
    }

    /// Flushes a directory's entries (new names, renames) to disk.
    static func syncDirectory(_ directory: String) throws(ArtifactError) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw .cannotWrite(file: directory, reason: lastError()) }
        defer { close(fd) }
        // Some file systems refuse fsync on a directory (EINVAL); the rename is still atomic there.
        if fsync(fd) != 0, errno != EINVAL { throw .cannotWrite(file: directory, reason: lastError()) }
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(ArtifactError) {
        guard bytes.withUnsafeBytes({ Interrupted.writeAll(fd, $0) }) else {
            throw .cannotWrite(file: path, reason: lastError())
        }
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func name(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    static func lastError() -> String { String(cString: strerror(errno)) }
}
