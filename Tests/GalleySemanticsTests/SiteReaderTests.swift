import Foundation
import GalleyDiagnostics
import GalleyFormulas
import GalleyMarkdown
import GalleySemantics
import Testing

@Suite("Reading a chapter's expression sites from its tree")
struct SiteReaderTests {
    private func sites(_ markdown: String) -> ChapterSemantics {
        let source = SourceFile(path: "a.md", text: markdown)
        return ChapterSemantics.read(MarkdownParser.parse(source).document, path: source.path)
    }

    /// The closed-arithmetic pairs found, as `left = right`.
    private func pairs(_ markdown: String) -> [String] {
        sites(markdown).sites.compactMap { site in
            guard case .arithmetic(let pair) = site else { return nil }
            return "\(pair.pair.leftTeX) = \(pair.pair.rightTeX)"
        }
    }

    @Test("closed arithmetic in inline and display formulas, in tables and quotes, in source order")
    func arithmetic() {
        let markdown = """
            Since $4.5369/2 = 2.26845$, and

            > $$-\\ln 0.879 \\approx 0.129$$

            | a | b |
            |---|---|
            | $e^{0} = 1$ | $a, 1 + 1 = 2$ |

            """
        #expect(pairs(markdown) == ["4.5369/2 = 2.26845", "-\\ln 0.879 = 0.129", "e^{0} = 1", "1 + 1 = 2"])
    }

    @Test("an = inside a group relates nothing; symbols make a side not closed")
    func notArithmetic() {
        #expect(pairs("$\\sum_{i=1}^{3} a_i$ and $x^{(1)}$ and $z_1 = 0.5$ and $f(x=1)$").isEmpty)
        #expect(pairs("$\\sum_{i=1}^{3} i = 6$").isEmpty)
    }

    @Test("the prefilter never hides a pair: every formula of the course and the public-course fixture")
    func prefilterIsConservative() throws {
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        var files: [URL] = []
        for folder in ["Chapters", "Tests/Fixtures/public-course"] {
            let root = package.appendingPathComponent(folder)
            files += try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasSuffix(".md") }
                .map { root.appendingPathComponent($0) }
        }
        #expect(files.count >= 6, "the course's chapters and the fixture")
        var formulas = 0
        var withPairs = 0
        for file in files {
            let name = file.lastPathComponent
            let text = try String(contentsOf: file, encoding: .utf8)
            let document = MarkdownParser.parse(SourceFile(path: name, text: text)).document
            for node in document.expressionNodes {
                let tex: String
                switch node {
                case .displayMath(let math): tex = math.tex
                case .inlineMath(let math): tex = math.tex
                default: continue
                }
                formulas += 1
                // With a closed previous side, as a continuation would have.
                guard !ClosedArithmetic.pairs(in: tex, previousSide: "1 + 1").pairs.isEmpty else { continue }
                withPairs += 1
                #expect(ClosedArithmetic.mayHoldPair(tex), "\(name): \(tex)")
            }
        }
        #expect(formulas > 50)
        #expect(withPairs > 0)
    }

    @Test("a display formula starting with = continues the one before")
    func continuation() {
        #expect(pairs("$$\\ln x = 4.5369/2$$\n\n$$= 2.26845$$\n") == ["4.5369/2 = 2.26845"])
        // An inline formula, checked or not, neither continues anything nor is continued.
        #expect(
            pairs("$$\\ln x = 4.5369/2$$\n\nthen $a = b$<!-- check: a = 1; b = 1 -->\n\n$$= 2.26845$$\n") == [
                "4.5369/2 = 2.26845"
            ])
        #expect(pairs("$$\\ln x = 4.5369/2$$\n\nso $= 2.26845$\n").isEmpty)
    }

    @Test("stated numbers and inline values are sites, in source order with the formulas")
    func bindings() {
        let read = sites("[0.88](=a[0]) then $1 + 1 = 2$ then `{swift} loss`\n")
        let kinds = read.sites.map { site -> String in
            switch site {
            case .statedNumbers(let link): "stated \(link.expression)"
            case .inlineValue(let value): "inline \(value.expression)"
            case .arithmetic: "arithmetic"
            case .formula: "formula"
            }
        }
        #expect(kinds == ["stated a[0]", "arithmetic", "inline loss"])
        #expect(read.diagnostics.isEmpty)
    }

    @Test("a check comment makes a checked formula; a broken one is a diagnostic at the formula")
    func checkComments() {
        let read = sites(
            "$$\n\\sigma(0) = 0.5\n$$\n<!-- check: \\sigma = sigmoid -->\n\n$$x = 1$$\n<!-- check: oops -->\n")
        #expect(read.sites.count == 1)
        #expect(read.sites.first?.isCheckedFormula == true)
        #expect(read.diagnostics.map(\.identifier) == [.formulaCheckComment])
        #expect(read.diagnostics.map(\.location) == [SourceLocation(line: 6, column: 1)])
    }
}
