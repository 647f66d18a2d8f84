import Glibc

/// An exclusive lock on the artifacts directory, held while a command reads, decides and writes.
///
/// Two retrains at once (a cron job and the dashboard's key) would both pick `v4` and the
/// second registry write would drop the first's history entry. `flock` is released by the
/// kernel when the process dies, so a killed retrain never leaves the directory locked.
extension ArtifactStore {
    @discardableResult
    package func withLock<T>(_ body: () throws -> T) throws -> T {
        try Self.makeDirectoryForLock(directory)
        let path = "\(directory)/.lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ArtifactError.cannotWrite(file: path, reason: AtomicFile.lastError()) }
        defer { close(fd) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            if errno == EWOULDBLOCK { throw ArtifactError.busy(directory: directory) }
            throw ArtifactError.cannotWrite(file: path, reason: AtomicFile.lastError())
        }
        defer { flock(fd, LOCK_UN) }
        // Holding the lock means no writer is running: a temporary file now is a killed run's.
        removeLeftovers(in: directory)
        removeLeftovers(in: modelsDirectory)
        return try body()
    }

    /// Deletes `.<name>.<pid>.tmp` files that `AtomicFile` left behind when its process died.
    private func removeLeftovers(in folder: String) {
        guard let dir = opendir(folder) else { return }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasPrefix("."), name.hasSuffix(".tmp") { names.append(name) }
        }
        closedir(dir)
        for name in names { unlink("\(folder)/\(name)") }
    }

    private static func makeDirectoryForLock(_ path: String) throws(ArtifactError) {
        if mkdir(path, 0o755) == 0 || errno == EEXIST { return }
        throw .cannotWrite(file: path, reason: AtomicFile.lastError())
    }
}
