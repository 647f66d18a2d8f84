import Glibc
import ModelTopSystem
import ModelTopTraining

/// The artifacts directory: `models/<version>.json` and `registry.json`.
///
/// Write order is what makes a `kill -9` harmless: a model file is complete on disk before
/// the registry that names it is renamed into place, so the registry only ever names models
/// that load. A model file that no registry names (the process died in between) is skipped
/// by version numbering and otherwise ignored.
package struct ArtifactStore: Sendable {
    package let directory: String

    package init(directory: String) {
        self.directory = directory.count > 1 && directory.hasSuffix("/") ? String(directory.dropLast()) : directory
    }

    package var registryPath: String { "\(directory)/registry.json" }
    package var modelsDirectory: String { "\(directory)/models" }
    package func modelPath(_ version: String) -> String { "\(modelsDirectory)/\(version).json" }

    /// The registry, or nil when there is none yet.
    package func loadRegistry() throws(ArtifactError) -> ModelRegistry? {
        guard let bytes = try Self.readIfPresent(registryPath) else { return nil }
        do {
            return try ModelRegistry.parse(bytes)
        } catch {
            throw .corrupt(file: registryPath, problem: error)
        }
    }

    /// The model saved as `version`; its file must exist and describe that version.
    package func loadModel(_ version: String) throws(ArtifactError) -> ModelArtifact {
        let path = modelPath(version)
        guard let bytes = try Self.readIfPresent(path) else { throw .missingModel(version: version, file: path) }
        let artifact: ModelArtifact
        do {
            artifact = try ModelArtifact.parse(bytes)
        } catch {
            throw .corrupt(file: path, problem: error)
        }
        guard artifact.version == version else {
            throw .corrupt(file: path, problem: .invalidModel("the file says version \(artifact.version)"))
        }
        return artifact
    }

    /// The registry's current model, or nil when no model is current.
    package func loadCurrent() throws(ArtifactError) -> (registry: ModelRegistry?, model: ModelArtifact?) {
        guard let registry = try loadRegistry() else { return (nil, nil) }
        guard let current = registry.current else { return (registry, nil) }
        return (registry, try loadModel(current))
    }

    /// The version a new model gets: after every version the registry or the models folder knows.
    package func nextVersion(registry: ModelRegistry?) -> String {
        ModelVersion.next(after: (registry?.versions ?? []) + savedVersions())
    }

    /// Versions with a file under `models/`.
    package func savedVersions() -> [String] {
        guard let dir = opendir(modelsDirectory) else { return [] }
        defer { closedir(dir) }
        var versions: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasSuffix(".json"), ModelVersion.number(String(name.dropLast(5))) != nil {
                versions.append(String(name.dropLast(5)))
            }
        }
        return versions
    }

    /// Writes a model file (atomically), creating the folders on first use.
    package func save(_ artifact: ModelArtifact) throws(ArtifactError) {
        try Self.makeDirectory(directory)
        try Self.makeDirectory(modelsDirectory)
        try AtomicFile.write(artifact.json(), to: modelPath(artifact.version))
    }

    /// Replaces the registry (atomically). Save the models it names first.
    package func save(_ registry: ModelRegistry) throws(ArtifactError) {
        try Self.makeDirectory(directory)
        try AtomicFile.write(registry.json(), to: registryPath)
    }

    /// Replaces the registry that records the just-saved model `version`; when the registry
    /// cannot be written (a full disk), the model file goes too, so no model is left that the
    /// registry does not name.
    package func save(_ registry: ModelRegistry, committing version: String) throws(ArtifactError) {
        do {
            try save(registry)
        } catch {
            _ = unlink(modelPath(version))
            try? AtomicFile.syncDirectory(modelsDirectory)
            throw error
        }
    }

    /// Model files a run saved but never recorded (it was killed between the two writes): newer
    /// than every version the registry names. Removed under the lock, before a new version is
    /// chosen; with no registry at all nothing is removed (the models are all there is).
    @discardableResult
    package func removeOrphans(registry: ModelRegistry?) -> [String] {
        guard let registry else { return [] }
        let newest = registry.versions.compactMap(ModelVersion.number).max() ?? 0
        let orphans = savedVersions().filter { (ModelVersion.number($0) ?? 0) > newest }
        for version in orphans { _ = unlink(modelPath(version)) }
        if !orphans.isEmpty { try? AtomicFile.syncDirectory(modelsDirectory) }
        return orphans
    }

    static func readIfPresent(_ path: String) throws(ArtifactError) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw .cannotRead(file: path, reason: AtomicFile.lastError())
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = Interrupted.retry { chunk.withUnsafeMutableBytes { raw in read(fd, raw.baseAddress, raw.count) } }
            if got < 0 { throw .cannotRead(file: path, reason: AtomicFile.lastError()) }
            if got == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<got])
        }
    }

    private static func makeDirectory(_ path: String) throws(ArtifactError) {
        if mkdir(path, 0o755) == 0 {
            try AtomicFile.syncDirectory(AtomicFile.directory(of: path))
            return
        }
        if errno == EEXIST { return }
        throw .cannotWrite(file: path, reason: AtomicFile.lastError())
    }
}
