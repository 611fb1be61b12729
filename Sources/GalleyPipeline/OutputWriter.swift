import Foundation
import GalleySystem
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The write stage: puts a whole rendered site into the output folder at once.
///
/// Everything is written first into a staging folder beside the output folder (so on the same file
/// system), and the staging folder then takes the output folder's place in one step: Linux's
/// `renameat2(RENAME_EXCHANGE)` swaps the two atomically. A run that fails or is killed before the
/// swap leaves the previous output as it was; its staging folder is removed by the next run.
///
/// Files in the output folder that Galley did not write (a `CNAME`, notes) are carried into the new
/// output: the manifest `.galley-manifest` lists what Galley wrote, and everything else is kept.
struct OutputWriter {
    /// A file of the new output.
    enum Content: Sendable {
        case text(String)
        case copy(URL)
        /// A file the render cache keeps: hard-linked, so an unchanged page costs no copy (copied
        /// where the cache is on another file system).
        case link(URL)
    }

    let destination: URL

    static let manifestName = ".galley-manifest"

    /// Held while the output folder is swapped, and by whoever writes into it in place
    /// (`BackgroundBookPages`), so that such a write never lands in the folder being replaced.
    static let inPlace = Mutex(())

    /// Replaces the output folder with exactly `files` (plus the files Galley did not write).
    /// `finishing` makes more files from those written, in the folder that will take the old
    /// output's place, and says which (the print page and the PDF); when it fails, the old
    /// output stays.
    func write(
        _ files: [String: Content], finishing: ((URL) throws(PipelineError) -> [String])? = nil
    ) throws(PipelineError) {
        let manager = FileManager.default
        let parent = destination.deletingLastPathComponent()
        let name = destination.lastPathComponent
        do {
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw failure("cannot create \(parent.path): \(error.localizedDescription)")
        }
        removeAbandonedStaging(in: parent, name: name)
        let staging = AtomicFile.temporaryURL(beside: destination, purpose: Self.stagingPurpose)
        do {
            try manager.createDirectory(at: staging, withIntermediateDirectories: false)
            let paths = files.keys.sorted()
            for folder in Set(paths.map { staging.appendingPathComponent($0).deletingLastPathComponent() }) {
                try manager.createDirectory(at: folder, withIntermediateDirectories: true)
            }
            // Files are written two at a time: most of the cost is copying into the page cache.
            let failures = Parallel.map(paths) { path -> String? in
                let target = staging.appendingPathComponent(path)
                do {
                    switch files[path]! {
                    case .text(let text):
                        try Self.write(text, to: target)
                    case .copy(let source):
                        // Reading follows symbolic links (Debian's katex.min.js is one): the
                        // output holds the files themselves.
                        try Data(contentsOf: source).write(to: target)
                    case .link(let source):
                        if link(source.path, target.path) != 0 {
                            try Data(contentsOf: source).write(to: target)
                        }
                    }
                    return nil
                } catch {
                    return "cannot write \(target.path): \(error.localizedDescription)"
                }
            }
            if let failure = failures.compactMap({ $0 }).first { throw self.failure(failure) }
            let made = try finishing?(staging) ?? []
            let manifest = (Array(files.keys) + made).sorted().joined(separator: "\n") + "\n"
            try Data(manifest.utf8).write(to: staging.appendingPathComponent(Self.manifestName))
            try carryForeignFiles(into: staging, excluding: Set(files.keys).union(made))
            try Self.inPlace.withLock { _ throws(PipelineError) in try swap(staging, into: destination) }
        } catch let error as PipelineError {
            try? manager.removeItem(at: staging)
            throw error
        } catch {
            try? manager.removeItem(at: staging)
            throw failure(error.localizedDescription)
        }
    }

    // MARK: - Steps

    /// Writes text straight from its UTF-8 storage, without a copy into `Data` first.
    static func write(_ text: String, to target: URL) throws {
        var text = text
        let descriptor = open(target.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        try text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                }
                offset += written
            }
        }
    }

    /// Copies into the staging folder every file of the current output that Galley did not write.
    private func carryForeignFiles(into staging: URL, excluding written: Set<String>) throws {
        let manager = FileManager.default
        guard manager.fileExists(atPath: destination.path) else { return }
        let manifestURL = destination.appendingPathComponent(Self.manifestName)
        let ours: Set<String> =
            (try? String(contentsOf: manifestURL, encoding: .utf8))
            .map { Set($0.split(separator: "\n").map(String.init)) } ?? []
        for relative in DirectoryWalk.files(under: destination) {
            if relative == Self.manifestName || ours.contains(relative) || written.contains(relative) { continue }
            let target = staging.appendingPathComponent(relative)
            try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try manager.copyItem(at: destination.appendingPathComponent(relative), to: target)
        }
    }

    private func swap(_ staging: URL, into destination: URL) throws(PipelineError) {
        let manager = FileManager.default
        if rename(staging.path, destination.path) == 0 { return }  // there was no output yet
        if let exchange = Self.renameExchange,
            exchange(AT_FDCWD, staging.path, AT_FDCWD, destination.path, Self.renameExchangeFlag) == 0
        {
            // `staging` now holds the previous output.
            try? manager.removeItem(at: staging)
            return
        }
        // No atomic exchange on this file system: move the old output aside, then the new one in.
        let aside = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).galley-previous-\(getpid())")
        guard rename(destination.path, aside.path) == 0 else {
            throw failure("cannot replace \(destination.path): \(String(cString: strerror(errno)))")
        }
        guard rename(staging.path, destination.path) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = rename(aside.path, destination.path)
            throw failure("cannot replace \(destination.path): \(reason)")
        }
        try? manager.removeItem(at: aside)
    }

    /// Removes staging folders left by runs that were killed (their process no longer exists).
    private func removeAbandonedStaging(in parent: URL, name: String) {
        let manager = FileManager.default
        guard let entries = try? manager.contentsOfDirectory(atPath: parent.path) else { return }
        let prefix = ".\(name).\(Self.stagingPurpose)-"
        for entry in entries where entry.hasPrefix(prefix) {
            let pidText = entry.dropFirst(prefix.count).split(separator: "-").first ?? ""
            guard let pid = Int32(pidText), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                try? manager.removeItem(at: parent.appendingPathComponent(entry))
            }
        }
    }

    /// What the staging folder's name says it is for, so that a later run can find one left by a
    /// killed run.
    static let stagingPurpose = "galley-staging"

    private func failure(_ message: String) -> PipelineError {
        PipelineError(stage: .write, path: destination.path, message: message)
    }

    // MARK: - renameat2

    private typealias RenameAt2 =
        @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// glibc's `renameat2`, looked up at run time: Swift's Glibc module does not import GNU
    /// extensions.
    private static let renameExchange: RenameAt2? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
    }()

    /// `RENAME_EXCHANGE` from `<linux/fs.h>`.
    private static let renameExchangeFlag: UInt32 = 1 << 1
}
