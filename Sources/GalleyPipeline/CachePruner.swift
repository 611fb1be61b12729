import Foundation
import GalleyEvaluation
import GalleySystem

/// Keeps the cache folder the size of the books that use it: what belongs to a book or a package
/// that no longer exists, and compiled programs no run has used for a while, are removed.
///
/// A book's rendered chapters live in `render/<hash of its folder>/`, a package's build in
/// `package-<hash>/`; each names the folder it is kept for in a file `owner`
/// (`BookPackage.ownerFile`). Every run that uses an entry touches it, so its time says when it
/// was last used.
struct CachePruner {
    let cacheFolder: URL
    /// How long an entry of a book or package that is gone, or a program no run used, is kept.
    let age: Duration
    /// How long an unused program entry is kept (an edit leaves the old program behind).
    let programAge: Duration

    /// Every run: a month for both.
    static func routine(_ cacheFolder: URL) -> CachePruner {
        CachePruner(cacheFolder: cacheFolder, age: .seconds(30 * 86_400), programAge: .seconds(30 * 86_400))
    }

    /// `render --prune-cache`: what belongs to books and packages that are gone, at once, and
    /// programs unused for a week.
    static func now(_ cacheFolder: URL) -> CachePruner {
        CachePruner(cacheFolder: cacheFolder, age: .zero, programAge: .seconds(7 * 86_400))
    }

    /// Removes what is due; returns the folders removed.
    @discardableResult
    func prune() -> [URL] {
        var removed: [URL] = []
        let render = cacheFolder.appendingPathComponent("render")
        for book in children(of: render) where isGone(book) && isOlder(book, than: age) {
            removed.append(book)
        }
        for package in children(of: cacheFolder)
        where package.lastPathComponent.hasPrefix("package-") && isGone(package)
            && isOlder(package, than: age)
        {
            removed.append(package)
        }
        for program in children(of: cacheFolder.appendingPathComponent("programs"))
        where isOlder(program, than: programAge) {
            removed.append(program)
        }
        for folder in removed { try? FileManager.default.removeItem(at: folder) }
        return removed
    }

    /// Writes the file that names the folder an entry is kept for, and marks the entry used.
    static func record(_ owner: URL, in folder: URL) {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try? AtomicFile.writeIfChanged(
            Data(owner.standardizedFileURL.path.utf8), to: folder.appendingPathComponent(BookPackage.ownerFile))
        AtomicFile.touch(folder)
    }

    private func children(of folder: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.map { folder.appendingPathComponent($0) }
    }

    /// Whether the folder the entry names (in its owner file) is gone; an entry that names none
    /// is an old one and counts as gone.
    private func isGone(_ entry: URL) -> Bool {
        guard let data = FileManager.default.contents(atPath: entry.appendingPathComponent(BookPackage.ownerFile).path)
        else {
            return true
        }
        return !FileManager.default.fileExists(atPath: String(decoding: data, as: UTF8.self))
    }

    private func isOlder(_ folder: URL, than age: Duration) -> Bool {
        guard age > .zero else { return true }
        guard
            let modified = (try? FileManager.default.attributesOfItem(atPath: folder.path))?[.modificationDate] as? Date
        else { return false }
        return Date().timeIntervalSince(modified) > Double(age.components.seconds)
    }
}
