import Foundation
import GalleyDiagnostics
import GalleyEvaluation
import GalleyRendering
import GalleyResults
import GalleySemantics
import GalleySystem

#if canImport(Glibc)
    import Glibc
#endif

/// Chapters rendered by earlier runs, kept on disk, so that a chapter nothing changed for is not
/// parsed, typeset, evaluated, checked or rendered again: its page, Markdown, charts, the page the
/// search indexes, diagnostics and coverage are taken as they were.
///
/// A chapter's entry is used only when everything its rendering depends on is as it was:
/// - its own bytes, path and place in the book (`sourceKey`);
/// - what the book decides for every chapter (`fingerprint`): Galley's executable, KaTeX's script
///   and the book's macros, `book.json`, the options, the compiler;
/// - what the other chapters decide for it: where each equation label leads, and where a label it
///   repeats was first used (`EquationIndex.Resolution.digests`);
/// - what the file system says of its images: they are resolved again and compared.
///
/// The page around a chapter's body has a key of its own (`RenderStage.pageKey`): a neighbour's
/// title may change while the chapter does not, and then the page is assembled again from the
/// body, read back from the kept page.
///
/// Pages, Markdown files and charts are hard links shared with the output folder, so reusing one
/// copies nothing; each is checked by size and modification time before it is reused, so a file
/// edited in the output folder is never taken back. Entries live under `render/<book>/<chapter>/`
/// in the cache folder, one version per chapter, each written whole before it replaces the last.
struct RenderCache: Sendable {
    /// This book's entries.
    let folder: URL
    /// False to ignore what earlier runs kept (`--no-cache`, `--fix`, `--bind`).
    let reads: Bool
    let fingerprint: String
    /// Where a damaged entry is recorded; the chapter is then rendered again.
    let damage: CacheDamage?
    /// The book's folder, named in the entries' folder for the cache's pruning.
    let bookFolder: URL
    /// True in a long-running process (the preview): entries and digests checked by an earlier
    /// render of the process are taken again while their files are unchanged (`RenderCacheMemory`).
    var remembers = false

    init(cacheFolder: URL, book: Book, reads: Bool, fingerprint: String, damage: CacheDamage? = nil) {
        self.damage = damage
        self.bookFolder = book.folder
        var bookHash = ContentHash()
        bookHash.add(book.folder.standardizedFileURL.path)
        folder = cacheFolder.appendingPathComponent("render").appendingPathComponent(bookHash.hex)
        self.reads = reads
        self.fingerprint = fingerprint
    }

    /// Everything every chapter's rendering depends on besides the chapters themselves.
    static func fingerprint(book: Book, options: Pipeline.Options, typesetter: String) -> String {
        var hash = ContentHash()
        hash.add(Entry.format)
        hash.add(FileIdentity.executable)
        hash.add(typesetter)
        hash.add(book.settingsDigest)
        hash.add("strict \(options.strict) runs-code \(options.runsCode)")
        if options.runsCode {
            let evaluation = options.evaluation
            hash.add("\(evaluation.timeout) \(evaluation.outputCap) \(evaluation.slowTypeCheck)")
            hash.add(SwiftCompiler.find().flatMap(FileIdentity.of) ?? "no compiler")
            // Every chapter program links the book's package: an edit to it runs them again.
            hash.add(book.package?.digest ?? "no package")
        }
        return hash.hex
    }

    /// A chapter's own part of its key: its path, its place in the book and its bytes.
    static func sourceKey(_ chapter: Chapter, index: Int) -> String {
        var hash = ContentHash()
        hash.add(chapter.source.path)
        hash.add(chapter.slug)
        hash.add(String(index))
        // Its bytes by their wide digest: eight bytes a step (the preview keys every chapter on
        // every save).
        var bytes = WideDigest.Stream()
        bytes.add(chapter.source.bytes)
        hash.add(bytes.hex())
        return hash.hex
    }

    /// The key of a chapter's rendering: the page key starts from it.
    func chapterKey(sourceKey: String, equations: String, images: String) -> String {
        var hash = ContentHash()
        for part in [fingerprint, sourceKey, equations, images] { hash.add(part) }
        return hash.hex
    }

    /// What the file system decided for a chapter's images, to compare with a later run's.
    static func digest(_ images: ImageResolver.Resolution) -> String {
        var hash = ContentHash()
        for copy in images.copies {
            hash.add(copy.from.path)
            hash.add(copy.to)
        }
        for (written, path) in images.paths.sorted(by: { $0.key < $1.key }) {
            hash.add(written)
            hash.add(path)
        }
        for edit in images.markdownEdits {
            hash.add("\(edit.byteRange.lowerBound)-\(edit.byteRange.upperBound)")
            hash.add(edit.text)
        }
        for diagnostic in images.diagnostics { hash.add(diagnostic.description) }
        return hash.hex
    }

    private func slot(_ chapter: Chapter) -> URL {
        var hash = ContentHash()
        hash.add(chapter.source.path)
        return folder.appendingPathComponent(hash.hex)
    }

    // MARK: - Reading

    /// The entry an earlier run kept for a chapter with these bytes, settings and place, with all
    /// its files as they were written; nil when there is none.
    func entry(for chapter: Chapter, sourceKey: String) -> Entry? {
        guard reads else { return nil }
        let slot = slot(chapter)
        let file = slot.appendingPathComponent(Entry.fileName)
        guard let entry = decodedEntry(file) else { return nil }
        guard entry.fingerprint == fingerprint, entry.source == sourceKey else { return nil }
        for stored in [entry.page, entry.markdown, entry.searchPage] + Array(entry.extraFiles.values) {
            let url = slot.appendingPathComponent(stored.name)
            // Edited in the output folder (it is the same file): not the cache's fault, only stale.
            guard StoredFile.stamp(url)?.sameStamp(as: stored) == true else { return nil }
            guard digest(of: url) == stored.digest else {
                damage?.record("render", at: url)
                return nil
            }
        }
        return entry
    }

    /// The entry in `file`, read, checked and decoded — or as an earlier render of this process
    /// decoded it, when it `remembers` and the file is unchanged.
    private func decodedEntry(_ file: URL) -> Entry? {
        let identity = remembers ? RenderCacheMemory.Identity(file) : nil
        if let identity, let known = RenderCacheMemory.shared.entry(at: file, identity: identity) { return known }
        guard let data = SealedFile.read(file, damage: damage, kind: "render") else { return nil }
        // Whole, but written by another version of Galley: stale, not damaged.
        guard data.starts(with: Array((Entry.format + "\n").utf8)) else { return nil }
        guard let entry = Entry.decode(data) else {
            damage?.record("render", at: file)
            return nil
        }
        if let identity { RenderCacheMemory.shared.remember(entry, at: file, identity: identity) }
        return entry
    }

    /// A kept file's digest — or the one an earlier render of this process checked, when it
    /// `remembers` and the file is unchanged.
    private func digest(of url: URL) -> String? {
        let identity = remembers ? RenderCacheMemory.Identity(url) : nil
        if let identity, let known = RenderCacheMemory.shared.digest(at: url, identity: identity) { return known }
        guard let digest = SealedFile.digest(of: url) else { return nil }
        if let identity { RenderCacheMemory.shared.remember(digest: digest, at: url, identity: identity) }
        return digest
    }

    /// A chapter as an earlier run rendered it, with `images` resolved in this run.
    func rendered(_ chapter: Chapter, from entry: Entry, images: ImageResolver.Resolution) -> RenderedChapter {
        let slot = slot(chapter)
        var rendered = RenderedChapter()
        rendered.title = entry.title
        rendered.headings = entry.headings
        rendered.summary = entry.summary
        rendered.images = images
        rendered.imageReferences = entry.imageReferences
        rendered.diagnostics = entry.pageDiagnostics
        rendered.verification = entry.verification
        rendered.key = entry.key
        rendered.reused = RenderedChapter.Reused(
            pageKey: entry.pageKey, page: slot.appendingPathComponent(entry.page.name), bodyRanges: entry.bodyRanges,
            markdown: slot.appendingPathComponent(entry.markdown.name),
            extraFiles: entry.extraFiles.mapValues { slot.appendingPathComponent($0.name) },
            searchPage: slot.appendingPathComponent(entry.searchPage.name), searchPageDigest: entry.searchPage.digest)
        return rendered
    }

    // MARK: - Writing

    /// Keeps what this run rendered of a chapter, once the output folder holds its files:
    /// `entry` says everything but where the files are. `rendered` is false for a reused chapter
    /// whose page was only assembled again: its other files are kept already. A cache that cannot
    /// be written costs the next run time, nothing else.
    func store(
        _ chapter: Chapter, entry: Entry, rendered: Bool, extraPaths: [String], searchPage: SearchBundle.Source,
        output: URL
    ) {
        let slot = slot(chapter)
        let manager = FileManager.default
        try? manager.createDirectory(at: slot, withIntermediateDirectories: true)
        var entry = entry
        guard let page = place(output.appendingPathComponent(chapter.htmlName), as: "\(entry.pageKey).html", in: slot)
        else { return }
        entry.page = page
        if rendered {
            guard
                let markdown = place(
                    output.appendingPathComponent(chapter.markdownName), as: "\(entry.key).md", in: slot)
            else { return }
            entry.markdown = markdown
            let searchName = "\(entry.key).search"
            switch searchPage {
            case .file(let url, _):
                guard let stored = place(url, as: searchName, in: slot) else { return }
                entry.searchPage = stored
            case .text(let text):
                let target = slot.appendingPathComponent(searchName)
                guard (try? AtomicFile.write(Data(text.utf8), to: target)) != nil, var stored = StoredFile.stamp(target)
                else { return }
                stored.digest = SealedFile.digest(of: target) ?? ""
                entry.searchPage = stored
            }
            entry.extraFiles = [:]
            for (number, path) in extraPaths.sorted().enumerated() {
                guard let file = place(output.appendingPathComponent(path), as: "\(entry.key)-\(number)", in: slot)
                else { return }
                entry.extraFiles[path] = file
            }
        }
        let file = slot.appendingPathComponent(Entry.fileName)
        guard (try? SealedFile.write(entry.encoded(), to: file)) != nil else { return }
        // The next render of this process reads it as written, without decoding it again.
        if remembers, let identity = RenderCacheMemory.Identity(file) {
            RenderCacheMemory.shared.remember(entry, at: file, identity: identity)
        }
        // Older versions' files; another process's files in the making start with a dot.
        let kept = Set([Entry.fileName, entry.page.name, entry.markdown.name, entry.searchPage.name])
            .union(entry.extraFiles.values.map(\.name))
        for name in (try? manager.contentsOfDirectory(atPath: slot.path)) ?? []
        where !kept.contains(name) && !name.hasPrefix(".") {
            try? manager.removeItem(at: slot.appendingPathComponent(name))
        }
    }

    /// Removes the entries of chapters no longer in the book.
    func prune(keeping chapters: [Chapter]) {
        // Which book this is, and that it was used now (`CachePruner`).
        CachePruner.record(bookFolder, in: folder)
        // The search indexes (`SearchBundle`) and the PDFs (`PrintBook`) live beside the chapters' slots.
        let kept = Set(chapters.map { slot($0).lastPathComponent }).union([BookPackage.ownerFile, "search", "pdf"])
        let manager = FileManager.default
        for name in (try? manager.contentsOfDirectory(atPath: folder.path)) ?? [] where !kept.contains(name) {
            try? manager.removeItem(at: folder.appendingPathComponent(name))
        }
    }

    /// Puts a file of the output folder into the slot under `name`: a hard link, or a copy where
    /// the two are on different file systems.
    private func place(_ file: URL, as name: String, in slot: URL) -> StoredFile? {
        let target = slot.appendingPathComponent(name)
        let temporary = AtomicFile.temporaryURL(beside: target)
        if link(file.path, temporary.path) != 0 {
            guard let data = try? Data(contentsOf: file), (try? data.write(to: temporary)) != nil else { return nil }
        }
        guard (try? AtomicFile.move(temporary, into: target)) != nil, var stored = StoredFile.stamp(target) else {
            return nil
        }
        stored.digest = SealedFile.digest(of: target) ?? ""
        if remembers, let identity = RenderCacheMemory.Identity(target) {
            RenderCacheMemory.shared.remember(digest: stored.digest, at: target, identity: identity)
        }
        return stored
    }
}

extension RenderCache {
    /// A file of an entry, by name in its slot, with what it was when written.
    struct StoredFile: Codable, Sendable, Equatable {
        var name: String
        var size: Int64
        /// Nanoseconds since 1970.
        var modified: Int64
        /// The content's digest (`SealedFile.digest`), checked before the file is reused.
        var digest = ""

        static let none = StoredFile(name: "", size: -1, modified: 0)

        /// Whether the file is as the entry recorded it by name, size and time.
        func sameStamp(as stored: StoredFile) -> Bool {
            name == stored.name && size == stored.size && modified == stored.modified
        }

        /// The file as it is now; nil when it is not there.
        static func stamp(_ url: URL) -> StoredFile? {
            var status = stat()
            guard stat(url.path, &status) == 0 else { return nil }
            return StoredFile(
                name: url.lastPathComponent, size: Int64(status.st_size),
                modified: Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec))
        }
    }

    /// What the cache keeps of a chapter: the file `entry` in its slot, the magic line, then the
    /// JSON of the entry with its length before it (32-bit little-endian). The files it names lie
    /// beside it.
    struct Entry: Codable, Sendable {
        static let format = "galley-render 15"
        /// Sealed (`SealedFile`); the name changed with the seal, so older entries are not read.
        static let fileName = "entry.sealed"

        var fingerprint: String
        /// `RenderCache.sourceKey`.
        var source: String
        /// The equation digest and the images' digest the chapter was rendered with.
        var equations: String
        var images: String
        /// `RenderCache.chapterKey`.
        var key: String
        /// What the rest of the book needs before it knows whether the entry is good: the
        /// chapter's images as written, its equation labels and its references.
        var imageReferences: [ImageReference]
        var labels: [EquationLabel]
        var references: [EquationReference]
        var title: String?
        var headings: [HTMLFormatter.HeadingAnchor]
        /// The first paragraph, for the front page.
        var summary: String?
        /// The diagnostics its page shows, and those the run reports for it where they are not
        /// the same (they nearly always are: a chapter of many problems kept them twice).
        var pageDiagnostics: [Diagnostic]
        var ownRunDiagnostics: [Diagnostic]?
        var runDiagnostics: [Diagnostic] { ownRunDiagnostics ?? pageDiagnostics }
        var verification: VerificationPage.Entry
        /// The chapter's coverage where it is not the verification entry's (it nearly always is:
        /// kept once, it was half of an entry).
        var ownCoverage: Coverage?
        var coverage: Coverage { ownCoverage ?? verification.coverage }
        /// KaTeX's strict-mode remarks on its formulas.
        var remarks: [Diagnostic]
        var pageKey: String
        var page = StoredFile.none
        /// The UTF-8 ranges of the page that, joined, are the chapter's body.
        var bodyRanges: [Range<Int>]
        var markdown = StoredFile.none
        /// Charts and other files its Markdown refers to, by output path.
        var extraFiles: [String: StoredFile] = [:]
        /// The page the site's search indexes (`SearchIndex.page`).
        var searchPage = StoredFile.none
        /// The programs the chapter's code ran as (`ChapterEvaluation.programKeys`).
        var programKeys: [String] = []

        private enum CodingKeys: String, CodingKey {
            case fingerprint, source, equations, images, key, imageReferences, labels, references, title, headings,
                summary
            case pageDiagnostics, ownRunDiagnostics, verification, ownCoverage, remarks, pageKey, page, bodyRanges,
                markdown
            case extraFiles, searchPage, programKeys
        }

        func encoded() -> Data {
            var bytes = Array((Self.format + "\n").utf8)
            let json = (try? JSONEncoder().encode(self)) ?? Data()
            withUnsafeBytes(of: UInt32(json.count).littleEndian) { bytes += $0 }
            bytes += json
            return Data(bytes)
        }

        static func decode(_ data: Data) -> Entry? {
            let magic = Array((format + "\n").utf8)
            guard data.count >= magic.count, data.prefix(magic.count).elementsEqual(magic) else { return nil }
            var position = data.startIndex + magic.count
            // The next length-prefixed part.
            func part() -> Data? {
                guard data.endIndex - position >= 4 else { return nil }
                var length = 0
                for (shift, byte) in data[position..<(position + 4)].enumerated() { length |= Int(byte) << (8 * shift) }
                position += 4
                guard data.endIndex - position >= length else { return nil }
                defer { position += length }
                return data[position..<(position + length)]
            }
            guard let json = part(), position == data.endIndex else { return nil }
            return try? JSONDecoder().decode(Entry.self, from: json)
        }
    }
}
