import Foundation
import GalleyDiagnostics
import GalleyEvaluation
import GalleyRendering
import GalleySystem

/// The load stage: finds a book's chapters and reads them.
enum BookLoader {
    /// A chapter file read: its text (invalid UTF-8 replaced by U+FFFD) and where its first
    /// invalid byte was; nil when it cannot be read.
    static func readChapter(_ url: URL, displayName: String, remembers: Bool) -> ChapterFileMemory.Read? {
        let identity = remembers ? RenderCacheMemory.Identity(url) : nil
        if let identity,
            let known = ChapterFileMemory.shared.read(at: url, identity: identity, displayName: displayName)
        {
            return known
        }
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        let read: ChapterFileMemory.Read
        if let valid = String(validating: data, as: UTF8.self) {
            read = .init(source: SourceFile(path: displayName, text: valid))
        } else {
            read = .init(
                source: SourceFile(path: displayName, text: String(decoding: data, as: UTF8.self)),
                invalidAt: ChapterFile.firstInvalidByte(in: data) ?? SourceLocation(line: 1, column: 1))
        }
        // Only when the file was as stat saw it before the read (a save in between is read
        // again), and not saved in the last two seconds: a second save of the same size within
        // one tick of the file system's clock would look the same (git's "racy clean").
        let settled = Int64(Date().timeIntervalSince1970 * 1e9) - 2_000_000_000
        if let identity, identity.modified < settled, RenderCacheMemory.Identity(url) == identity {
            ChapterFileMemory.shared.remember(read, at: url, identity: identity)
        }
        return read
    }

    /// Reads the book in `folder`. `displayPath` is how the user named the folder (`Chapters`), the
    /// prefix of every path in diagnostics. `remembers`: take a chapter file this process read
    /// before, unchanged, as it was read (`ChapterFileMemory`).
    static func load(
        folder: URL, displayPath: String, remembers: Bool = false
    ) throws(PipelineError) -> (Book, [Diagnostic]) {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw PipelineError(stage: .load, path: displayPath, message: "no such folder")
        }
        var diagnostics: [Diagnostic] = []
        let (manifest, manifestBytes) = try readManifest(folder: folder, displayPath: displayPath)
        let names: [String]
        if let listed = manifest?.chapters {
            names = listed
        } else {
            let entries: [String]
            do {
                entries = try manager.contentsOfDirectory(atPath: folder.path)
            } catch {
                throw PipelineError(
                    stage: .load, path: displayPath, message: "cannot list the folder: \(error.localizedDescription)")
            }
            names = entries.filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }.sorted()
        }
        var chapters: [Chapter] = []
        var seen = Set<String>()
        let realFolder = RealPath.of(folder.path) ?? folder.path
        for name in names {
            let displayName = join(displayPath, name)
            guard name.hasSuffix(".md"), !name.contains("/"), !name.contains("\\") else {
                diagnostics.append(.badChapterName(name, path: join(displayPath, BookManifest.fileName)))
                continue
            }
            guard seen.insert(name).inserted else { continue }
            let url = folder.appendingPathComponent(name)
            // A chapter that links to a file elsewhere would publish that file.
            if let real = RealPath.of(url.path), !RealPath.isInside(real, root: realFolder) {
                diagnostics.append(.chapterOutsideBook(path: displayName))
                continue
            }
            guard let read = readChapter(url, displayName: displayName, remembers: remembers) else {
                diagnostics.append(.missingChapter(name, path: join(displayPath, BookManifest.fileName)))
                continue
            }
            // Invalid UTF-8 becomes U+FFFD here, never a crash further on; the author hears of it.
            if let invalidAt = read.invalidAt { diagnostics.append(.invalidUTF8(path: displayName, at: invalidAt)) }
            chapters.append(Chapter(source: read.source, url: url, slug: String(name.dropLast(3))))
        }
        var book = Book(
            title: manifest?.title ?? folder.lastPathComponent,
            language: manifest?.language ?? "en",
            author: manifest?.author,
            chapters: chapters,
            folder: folder)
        book.macros = manifest?.macros ?? [:]
        book.repository = manifest?.repository
        // Problems of `book.json`'s keys are reported at the key.
        let file = join(displayPath, BookManifest.fileName)
        if let language = manifest?.language, !SiteStrings.strings(for: language).known {
            diagnostics.append(
                .unknownLanguage(
                    language, path: file, at: Self.location(ofKey: "language", in: manifestBytes, path: file)))
        }
        if let repository = book.repository, !Self.isWebURL(repository) {
            // Every page would link to it: `javascript:` would run in the reader's browser.
            diagnostics.append(
                .unsafeBookURL(
                    key: "repository", value: repository, path: file,
                    at: Self.location(ofKey: "repository", in: manifestBytes, path: file)))
            book.repository = nil
        }
        if let path = manifest?.package {
            let location = Self.location(ofKey: "package", in: manifestBytes, path: file)
            let folder = URL(fileURLWithPath: path, relativeTo: folder).standardizedFileURL
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
                book.package = BookPackage(
                    folder: folder, displayPath: normalized(join(displayPath, path)), manifestPath: file,
                    manifestLocation: location, digest: BookPackage.digest(of: folder))
            } else {
                diagnostics.append(.packageNotFound(path, manifestPath: file, at: location))
            }
        }
        func unusable(_ key: String, _ value: String) {
            diagnostics.append(
                .unusablePrintSetting(
                    key: key, value: value, path: file, at: Self.location(ofKey: key, in: manifestBytes, path: file)))
        }
        if let name = manifest?.pdf {
            let usable = name.hasSuffix(".pdf") && name.count > 4 && !name.contains("/") && !name.hasPrefix(".")
            if usable { book.pdfName = name } else { unusable("pdf", name) }
        }
        if let paper = manifest?.paper {
            let known = PrintPage.Paper.allCases.first { $0.rawValue.lowercased() == paper.lowercased() }
            if let known { book.paper = known } else { unusable("paper", paper) }
        }
        book.branch = manifest?.branch ?? "main"
        book.pathInRepository = pathInRepository(folder)
        var settings = ContentHash()
        settings.add(manifestBytes)
        book.settingsDigest = settings.hex
        return (book, diagnostics)
    }

    /// Whether a URL from `book.json` is a web address: `https:` or `http:` with a host.
    static func isWebURL(_ text: String) -> Bool {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "https" || scheme == "http", let host = components.host, !host.isEmpty
        else { return false }
        return true
    }

    /// Where `"key"` first stands in `book.json`, or its start.
    private static func location(ofKey key: String, in bytes: Data, path: String) -> SourceLocation {
        let file = SourceFile(path: path, text: String(decoding: bytes, as: UTF8.self))
        guard let range = file.text.range(of: "\"\(key)\"") else { return SourceLocation(line: 1, column: 1) }
        return file.location(ofByteOffset: file.text.utf8.distance(from: file.text.startIndex, to: range.lowerBound))
    }

    /// The book folder's path from the root of the git checkout it is in ("" when it is the root,
    /// or in none).
    private static func pathInRepository(_ folder: URL) -> String {
        let book = folder.standardizedFileURL.resolvingSymlinksInPath()
        var candidate = book
        while candidate.path != "/" {
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent(".git").path) {
                return String(book.path.dropFirst(candidate.path.count)).trimmingCharacters(in: ["/"])
            }
            candidate.deleteLastPathComponent()
        }
        return ""
    }

    /// `book.json`, read, and its bytes (none when there is no such file).
    private static func readManifest(folder: URL, displayPath: String) throws(PipelineError) -> (
        BookManifest?, Data
    ) {
        let url = folder.appendingPathComponent(BookManifest.fileName)
        guard let data = FileManager.default.contents(atPath: url.path) else { return (nil, Data()) }
        do {
            return (try JSONDecoder().decode(BookManifest.self, from: data), data)
        } catch {
            throw PipelineError(
                stage: .load, path: join(displayPath, BookManifest.fileName),
                message: "not a valid book file: \(error)")
        }
    }

    /// A relative path with `name/..` pairs taken out: `Book/../Finance` → `Finance`.
    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: false) {
            if part == "." && !parts.isEmpty { continue }
            if part == "..", let last = parts.last, last != "..", last != ".", !last.isEmpty {
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        let result = parts.joined(separator: "/")
        return result.isEmpty ? "." : result
    }

    static func join(_ folder: String, _ name: String) -> String {
        folder.isEmpty || folder == "." ? name : (folder.hasSuffix("/") ? folder + name : folder + "/" + name)
    }
}
