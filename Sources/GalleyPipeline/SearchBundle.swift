import Foundation
import GalleyRendering
import GalleySystem

#if canImport(Glibc)
    import Glibc
#endif

/// The site's search: Pagefind's index (`pagefind/` in the output) over the pages `SearchIndex`
/// writes for the chapters, kept in the cache by the digest of those pages. A book whose text did
/// not change is not indexed again; an index is built whole (Pagefind has no incremental mode)
/// into a folder of its own and moved into place when complete.
///
/// Every file of a kept index is listed with its digest in a sealed manifest, checked when it is
/// read: a damaged index is discarded, noted and built again, never published.
struct SearchBundle: Sendable {
    /// A chapter's page for the indexer: in memory, or in a file (spilled, or kept by the render
    /// cache) whose digest is known already (computed when spilled, checked when the entry was read).
    enum Source: Sendable {
        case text(String)
        case file(URL, digest: String)
    }

    let pagefind: Pagefind
    /// This book's indexes (`render/<book>/search`).
    let folder: URL
    /// False to index again whatever is kept (`--no-cache`).
    let reads: Bool
    /// True to index in the background (the preview): a render then publishes the last index
    /// built, and the next render the new one (`BackgroundIndexing`).
    var defers = false
    /// The most text (bytes of the pages Pagefind reads) one Pagefind run indexes. Pagefind
    /// holds an index in memory while it builds it — 55 MB and 31 MB more for each MB of text,
    /// measured on the public course's chapters (BENCHMARKS.md) — so a longer book's index is
    /// built in parts of this size, one after the other, and the search page merges them
    /// (`pagefind/parts.json`): what the run holds stays the same however long the book grows,
    /// and a search fetches some 20 KB more for each part beyond the first.
    var partBytes = Self.defaultPartBytes
    let damage: CacheDamage?

    static let defaultPartBytes = 6_000_000
    static let format = "galley-search 3"
    /// The index's parts after the first, as the search page merges them: `["part-2/", …]`.
    static let partsName = "parts.json"
    static let manifestName = "files.sealed"
    /// Pagefind's own interfaces, which the site does not use (it has its own search page), and
    /// its worker (the search runs in the page: `SiteAssets.searchScript`).
    static let unusedFiles = [
        "pagefind-ui", "pagefind-component-ui", "pagefind-modular-ui", "pagefind-highlight", "pagefind-worker",
    ]
    /// Whether the search page never asks for the file at `path` (relative to `pagefind/`): a
    /// part after the first needs neither script nor WebAssembly (the first part's search
    /// every part).
    static func isUnused(_ path: String) -> Bool {
        let components = path.split(separator: "/")
        let name = String(components.last ?? "")
        if components.count == 2 && components[0].hasPrefix("part-") {
            if name == "pagefind.js" || name.hasPrefix("wasm.") { return true }
        }
        return unusedFiles.contains { name.hasPrefix($0 + ".") }
    }

    /// The index's files by output path (`pagefind/…`), built when the cache has none for these
    /// pages. `pages` are the chapters' page names and sources, in the book's order; `work` is a
    /// folder of this run's own for the pages Pagefind reads.
    func files(
        for pages: [(name: String, source: Source)], language: String, work: URL
    ) throws(PipelineError) -> [String: OutputWriter.Content] {
        let key = key(for: pages, language: language)
        let bundle = folder.appendingPathComponent(key)
        if reads, let files = kept(bundle) {
            AtomicFile.touch(bundle)
            return files
        }
        if !reads { try? FileManager.default.removeItem(at: bundle) }
        if defers {
            // Taken before the background may start: a finished build removes older indexes.
            let published = newestKept() ?? [:]
            let staged = AtomicFile.temporaryURL(beside: bundle, purpose: "pending")
            try stage(pages, into: staged)
            BackgroundIndexing.shared.schedule(self, staged: staged, into: bundle)
            return published
        }
        let staged = work.appendingPathComponent("search-staging")
        defer { try? FileManager.default.removeItem(at: staged) }
        try stage(pages, into: staged)
        try index(staged, into: bundle)
        guard let files = kept(bundle) else {
            throw PipelineError(stage: .write, path: bundle.path, message: "the search index just built cannot be read")
        }
        return files
    }

    /// What the index depends on: Pagefind, the language, each page's name and content.
    private func key(for pages: [(name: String, source: Source)], language: String) -> String {
        var hash = ContentHash()
        hash.add(Self.format)
        hash.add(pagefind.identity)
        hash.add(language)
        hash.add(String(partBytes))
        for page in pages {
            hash.add(page.name)
            switch page.source {
            case .text(let text): hash.add(WideDigest.hex(of: Data(text.utf8)))
            case .file(_, let digest): hash.add(digest)
            }
        }
        return hash.hex
    }

    /// A complete index in `bundle`, every file as its manifest says; nil when there is none, or
    /// it is damaged (then noted).
    private func kept(_ bundle: URL) -> [String: OutputWriter.Content]? {
        let manifest = bundle.appendingPathComponent(Self.manifestName)
        guard FileManager.default.fileExists(atPath: manifest.path) else { return nil }
        guard let data = SealedFile.read(manifest, damage: damage, kind: "search") else { return nil }
        var files: [String: OutputWriter.Content] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2 else { return discard(bundle, at: manifest) }
            let (digest, path) = (String(parts[0]), String(parts[1]))
            let url = bundle.appendingPathComponent("pagefind").appendingPathComponent(path)
            guard SealedFile.digest(of: url) == digest else { return discard(bundle, at: url) }
            files["pagefind/" + path] = .link(url)
        }
        return files.isEmpty ? discard(bundle, at: manifest) : files
    }

    private func discard(_ bundle: URL, at url: URL) -> [String: OutputWriter.Content]? {
        damage?.record("search", at: url)
        try? FileManager.default.removeItem(at: bundle)
        return nil
    }

    /// The pages as they are, in `staged/pages/`: linked where they are files, so that a render
    /// that does not wait for the index (`defers`) spends next to nothing on it.
    private func stage(_ pages: [(name: String, source: Source)], into staged: URL) throws(PipelineError) {
        let manager = FileManager.default
        let folder = staged.appendingPathComponent("pages")
        do {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
            for page in pages {
                let target = folder.appendingPathComponent(page.name)
                switch page.source {
                case .text(let text): try OutputWriter.write(text, to: target)
                case .file(let url, _):
                    if link(url.path, target.path) != 0 { try manager.copyItem(at: url, to: target) }
                }
            }
        } catch {
            throw PipelineError(stage: .write, path: folder.path, message: error.localizedDescription)
        }
    }

    /// The staged pages cut in two: `site/`, what Pagefind reads, and `math/`, each page's
    /// formulas' MathML (`SearchIndex.mathSeparator`), gzipped (`<page>.pf_math`: a name no host
    /// serves with a `Content-Encoding`, so the search page unzips it itself).
    private func split(_ staged: URL) throws(PipelineError) {
        let manager = FileManager.default
        let pages = staged.appendingPathComponent("pages")
        let site = staged.appendingPathComponent("site")
        let math = staged.appendingPathComponent("math")
        var unzipped: [String] = []
        do {
            try manager.createDirectory(at: site, withIntermediateDirectories: true)
            try manager.createDirectory(at: math, withIntermediateDirectories: true)
            for name in try manager.contentsOfDirectory(atPath: pages.path).sorted() {
                let text = String(decoding: try Data(contentsOf: pages.appendingPathComponent(name)), as: UTF8.self)
                let parts = text.components(separatedBy: SearchIndex.mathSeparator)
                try OutputWriter.write(parts[0], to: site.appendingPathComponent(name))
                guard parts.count == 2 else { continue }
                let target = math.appendingPathComponent((name as NSString).deletingPathExtension)
                try OutputWriter.write(parts[1], to: target)
                unzipped.append(target.path)
            }
        } catch {
            throw PipelineError(stage: .write, path: site.path, message: error.localizedDescription)
        }
        guard !unzipped.isEmpty else { return }
        let gzip = ChildProcess(
            executable: "/bin/gzip", arguments: ["-n", "-9", "-S", ".pf_math"] + unzipped, timeout: .seconds(600))
        // In the preview's background, at a lower priority, as Pagefind.
        guard let (termination, _, _) = try? (defers ? gzip.atLowPriority() : gzip).collect(), termination.succeeded
        else {
            throw PipelineError(stage: .write, path: math.path, message: "gzip failed on the formulas of the search")
        }
    }

    /// The newest complete index kept, for a render that does not wait for its own.
    private func newestKept() -> [String: OutputWriter.Content]? {
        for bundle in CacheEntries.newestFirst(in: folder) {
            if let files = kept(bundle) {
                AtomicFile.touch(bundle)
                return files
            }
        }
        return nil
    }

    /// Runs Pagefind over the pages `stage` put in `staged`, part by part (`partBytes`), into a
    /// folder beside `bundle` that then takes its place with the formulas' MathML; then removes
    /// the older indexes.
    func index(_ staged: URL, into bundle: URL) throws(PipelineError) {
        let manager = FileManager.default
        let building = AtomicFile.temporaryURL(beside: bundle)
        defer { try? manager.removeItem(at: building) }
        do {
            try manager.createDirectory(at: building, withIntermediateDirectories: true)
        } catch {
            throw PipelineError(stage: .write, path: building.path, message: error.localizedDescription)
        }
        try split(staged)
        let output = building.appendingPathComponent("pagefind")
        let parts = try Self.divide(staged.appendingPathComponent("site"), into: partBytes)
        var later: [String] = []
        for (number, part) in parts.enumerated() {
            let into = number == 0 ? output : building.appendingPathComponent("part-\(number + 1)")
            if let failure = pagefind.index(site: part, into: into, gently: defers) {
                throw PipelineError(stage: .write, path: pagefind.executable.path, message: failure)
            }
            if number > 0 { later.append("part-\(number + 1)/") }
        }
        var moves = [(staged.appendingPathComponent("math"), output.appendingPathComponent("math"))]
        for name in later {
            moves.append((building.appendingPathComponent(name), output.appendingPathComponent(name)))
        }
        for (from, to) in moves where rename(from.path, to.path) != 0 {
            throw PipelineError(
                stage: .write, path: output.path, message: "cannot move \(from.lastPathComponent) into the index")
        }
        do {
            let list = try JSONSerialization.data(withJSONObject: later, options: [.withoutEscapingSlashes])
            try list.write(to: output.appendingPathComponent(Self.partsName))
        } catch {
            throw PipelineError(stage: .write, path: output.path, message: error.localizedDescription)
        }
        var manifest = ""
        for path in Self.listFiles(in: output) {
            let url = output.appendingPathComponent(path)
            if Self.isUnused(path) {
                try? manager.removeItem(at: url)
                continue
            }
            guard let digest = SealedFile.digest(of: url) else {
                throw PipelineError(stage: .write, path: url.path, message: "cannot read what Pagefind wrote")
            }
            manifest += "\(digest) \(path)\n"
        }
        do {
            try SealedFile.write(Data(manifest.utf8), to: building.appendingPathComponent(Self.manifestName))
            // Another render of the same book may have made the same index meanwhile: either is good.
            try AtomicFile.move(building, into: bundle, keepingExisting: true)
        } catch {
            throw PipelineError(stage: .write, path: bundle.path, message: error.description)
        }
        CacheEntries.keep(bundle, in: folder)
    }

    /// The pages in `site` moved into folders beside it (`site-1`, `site-2`, …) of at most
    /// `bytes` each (a page larger than that alone), in the order of their names; the folders,
    /// one at least.
    static func divide(_ site: URL, into bytes: Int) throws(PipelineError) -> [URL] {
        let manager = FileManager.default
        var parts: [URL] = []
        var filled = 0
        do {
            for name in try manager.contentsOfDirectory(atPath: site.path).sorted() {
                let page = site.appendingPathComponent(name)
                let size = (try manager.attributesOfItem(atPath: page.path)[.size] as? Int) ?? 0
                if parts.isEmpty || filled + size > bytes {
                    let folder = site.deletingLastPathComponent().appendingPathComponent("site-\(parts.count + 1)")
                    try manager.createDirectory(at: folder, withIntermediateDirectories: true)
                    parts.append(folder)
                    filled = 0
                }
                filled += size
                try manager.moveItem(at: page, to: parts[parts.count - 1].appendingPathComponent(name))
            }
            if parts.isEmpty {
                parts.append(site.deletingLastPathComponent().appendingPathComponent("site-1"))
                try manager.createDirectory(at: parts[0], withIntermediateDirectories: true)
            }
        } catch {
            throw PipelineError(stage: .write, path: site.path, message: error.localizedDescription)
        }
        return parts
    }

    /// Every regular file under `folder`, by relative path, sorted.
    static func listFiles(in folder: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var paths: [String] = []
        while let path = enumerator.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isFolder),
                !isFolder.boolValue
            {
                paths.append(path)
            }
        }
        return paths.sorted()
    }

}
