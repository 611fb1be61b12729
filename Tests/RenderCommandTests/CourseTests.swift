import Foundation
import GalleyFormulas
import GalleyMarkdown
import GalleyRecords
import GalleySemantics
import GalleyTestSupport
import Testing

/// The course in `Chapters/` is Galley's first user: it must render cleanly, and the committed
/// `Output/` must be exactly what rendering it gives.
@Suite("The course")
struct CourseTests {
    @Test("Chapters/ renders with no diagnostics, and Output/ is up to date")
    func courseRendersAndOutputIsCurrent() throws {
        let root = RenderBinary.packageRoot
        let fresh = FileManager.default.temporaryDirectory.appendingPathComponent("galley-course-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: fresh) }
        let run = try RenderBinary.run(["Chapters", "--output", fresh.path], in: root)
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        let rendered = try files(in: fresh)
        // `make pdf` adds the print page and the PDF, which are not committed (.gitignore).
        let committed = try files(in: root.appendingPathComponent("Output")).filter {
            $0.key != "print.html" && !$0.key.hasSuffix(".pdf")
        }
        // Eight chapters' pages and Markdown, the index, search and checks pages, charts, KaTeX.
        #expect(rendered.count >= 8 * 2 + 3, "\(rendered.keys.sorted())")
        #expect(rendered.keys.sorted() == committed.keys.sorted(), "run `make render` and commit Output/")
        for (path, data) in rendered where committed[path] != data {
            Issue.record("Output/\(path) differs from a fresh render: run `make render` and commit Output/")
        }
    }

    @Test("render --check --strict passes on the course: every stated number is checked, and matches")
    func courseChecks() throws {
        let run = try RenderBinary.run(["Chapters", "--check", "--strict"], in: RenderBinary.packageRoot)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty, "no warning either: \(run.stderr)")
        let summary = try #require(run.stdout.split(separator: "\n").last.map(String.init))
        // The stated numbers (results apart from restated inputs), the formulas and the points
        // they were checked at, the expect calls run; a change to the course changes these counts,
        // and the test with them.
        #expect(
            summary
                == "128 stated numbers checked in 8 chapters (121 computed, 7 restated inputs), 0 wrong; 57 formulas checked at 249 points, 0 wrong; 2786 expectations run, 0 failed; 0 of 128 stated numbers unchecked"
        )
    }

    @Test("every displayed formula that relates quantities is closed arithmetic or carries a check comment")
    func everyRelationIsChecked() throws {
        let folder = RenderBinary.packageRoot.appendingPathComponent("Chapters")
        let chapters = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }
            .sorted()
        #expect(chapters.count == 8)
        var relations = 0
        for chapter in chapters {
            let text = try String(contentsOf: folder.appendingPathComponent(chapter), encoding: .utf8)
            let document = parse(text, path: chapter).document
            let semantics = ChapterSemantics.read(document, path: chapter)
            for case .displayMath(let math) in document.blocks {
                let count = ClosedArithmetic.relationCount(in: math.tex)
                guard count > 0 else { continue }  // an update rule (←) or an expression relates nothing
                relations += 1
                let sites = semantics.sites.filter { $0.expressionLocation == math.range.lowerBound }
                let checked = sites.contains(where: \.isCheckedFormula)
                let closed =
                    sites.count == count && sites.allSatisfy { if case .arithmetic = $0 { true } else { false } }
                #expect(checked || closed, "\(chapter):\(math.range.lowerBound.line): \(math.tex) has no check comment")
            }
        }
        #expect(relations >= 31, "the course's derivations: \(relations)")
    }

    @Test("every chapter binds at least eight stated numbers and draws at least one chart")
    func chaptersStateNumbersAndDrawCharts() throws {
        let folder = RenderBinary.packageRoot.appendingPathComponent("Chapters")
        let chapters = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }
        #expect(chapters.count == 8)
        for name in chapters {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let sites = ChapterSemantics.read(parse(text, path: name).document, path: name).sites
            let numbers = sites.reduce(0) { count, site in
                if case .statedNumbers(let link) = site { return count + StatedNumber.split(link.text).count }
                return count
            }
            #expect(numbers >= 8, "\(name) states \(numbers) checked numbers")
            #expect(text.contains("Chart(title:"), "\(name) draws no chart")
        }
    }

    @Test("every chapter labels a formula and checks a derivation; chapters refer to each other's formulas")
    func chaptersLabelAndReferToEachOther() throws {
        let folder = RenderBinary.packageRoot.appendingPathComponent("Chapters")
        let chapters = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }
            .sorted()
        #expect(chapters.count == 8)
        var home: [String: String] = [:]
        var references: [(chapter: String, label: String)] = []
        for name in chapters {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let labels = text.matches(of: #/\{#(eq-[A-Za-z0-9_-]+)\}/#).map { String($0.output.1) }
            #expect(!labels.isEmpty, "\(name) labels no formula")
            for label in labels { home[label] = name }
            references += text.matches(of: #/@(eq-[A-Za-z0-9_-]*[A-Za-z0-9])/#).map { (name, String($0.output.1)) }
            #expect(text.contains("<!-- check:"), "\(name) has no check comment")
        }
        let across = references.filter { home[$0.label] != nil && home[$0.label] != $0.chapter }
        #expect(references.allSatisfy { home[$0.label] != nil }, "a reference to a label no chapter has")
        #expect(Set(across.map(\.chapter)).count >= 3, "\(across)")
    }

    private func files(in folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let base = folder.standardizedFileURL.path + "/"
        guard
            let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        else {
            return result
        }
        for case let url as URL in enumerator
        where try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true {
            result[String(url.standardizedFileURL.path.dropFirst(base.count))] = try Data(contentsOf: url)
        }
        return result
    }
}
