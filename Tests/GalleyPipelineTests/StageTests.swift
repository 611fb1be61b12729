import Foundation
import GalleyDiagnostics
import GalleyEvaluation
import GalleyRecords
import GalleyResults
import GalleySemantics
import Testing

@testable import GalleyPipeline

/// The pipeline's stages one at a time, in process: what each gives the next.
@Suite("The pipeline's stages")
struct StageTests {
    static let markdown = """
        # 软件

        ```swift run
        let a = [0.8789, 0.1189]
        ```

        概率是 [0.89，0.12](=a)，最大的是 `{swift} a[0]`。

        $$4.5369/2 = 2.26845$$

        $$x = 1$$
        <!-- check: x = 2 -->

        $$\\frac{a}{b$$
        <!-- check: not a binding -->

        """

    static func chapter(_ text: String = markdown, folder: URL = URL(fileURLWithPath: "/nonexistent")) -> Chapter {
        Chapter(
            source: SourceFile(path: "Chapters/01.md", text: text), url: folder.appendingPathComponent("01.md"),
            slug: "01")
    }

    @Test("parse: the tree, the sites in source order, and the problems found reading them")
    func parse() {
        let parsed = ParseStage.parse(Self.chapter(), freesTree: true)
        let kinds = parsed.sites.map { site -> String in
            switch site {
            case .statedNumbers: "stated"
            case .inlineValue: "inline"
            case .arithmetic: "arithmetic"
            case .formula: "formula"
            }
        }
        #expect(kinds == ["stated", "inline", "arithmetic", "formula"])
        #expect(EvaluateStage.needsEvaluation(parsed))
        #expect(parsed.diagnostics.map(\.identifier) == [.formulaCheckComment])
        #expect(parsed.diagnostics.first?.location == SourceLocation(line: 14, column: 1))
    }

    @Test("evaluate: the block runs, and every site the program must compute gets its value from it")
    func evaluate() throws {
        let parsed = ParseStage.parse(Self.chapter(), freesTree: true)
        var timings = StageTimings()
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("galley-test-cache")
        let evaluations = try EvaluateStage.evaluate(
            [parsed], configuration: Evaluator.Configuration(cacheFolder: cache), timings: &timings)
        let evaluation = try #require(evaluations.first ?? nil)
        #expect(evaluation.blocks.map(\.status) == [.succeeded])
        #expect(evaluation.values[0]?.numbers == [0.8789, 0.1189])
        #expect(evaluation.values[1]?.text == "0.8789")
        // Closed arithmetic was computed in-process when the formula was read: no binding for it.
        #expect(evaluation.values[2] == nil)
        guard case .arithmetic(let pair) = parsed.sites[2] else {
            Issue.record("site 2 is the closed arithmetic")
            return
        }
        #expect(pair.pair.values?.count == 2)
        #expect(!parsed.sites[2].needsProgram)
        let formula = try #require(evaluation.values[3]?.formula)
        #expect(formula.rows.map(\.left) == [2])
        #expect(formula.rows.map(\.right) == [1])
        #expect(evaluation.diagnostics.isEmpty, "\(evaluation.diagnostics)")
        #expect(evaluation.literalConstants == ["a"], "`let a = [0.8789, 0.1189]` is written as a literal")
    }

    /// What the chapter's program reports (the evaluate test above checks that it does): `a`, `a[0]`, the arithmetic pair and the
    /// checked formula (whose sides differ).
    static let evaluation = ChapterEvaluation(
        blocks: [BlockResult(firstLine: 4, status: .succeeded)],
        values: [
            0: BoundValue(id: 0, numbers: [0.8789, 0.1189], text: "(0.8789, 0.1189)", type: "Array<Double>"),
            1: BoundValue(id: 1, numbers: [0.8789], text: "0.8789", type: "Double"),
            2: BoundValue(id: 2, numbers: [2.26845, 2.26845], text: "", type: "Array<Double>"),
            3: BoundValue(
                id: 3, numbers: nil, text: "", type: "FormulaValues",
                formula: FormulaValues(rows: [.init(pair: 0, indices: [], left: 2, right: 1)], inputs: ["x = 2"])),
        ], literalConstants: ["a"])

    @Test("check: verdicts for the renderers, a stale number's fix on its diagnostic, the counts")
    func check() throws {
        let parsed = ParseStage.parse(Self.chapter(), freesTree: true)
        let checks = CheckStage.check(parsed, evaluation: Self.evaluation)
        #expect(checks.results.blocks == Self.evaluation.blocks)
        #expect(checks.results.statedNumbers.values.map(\.state) == [.wrong])
        #expect(checks.results.inlineValues.values.sorted() == ["0.8789"])
        #expect(checks.results.formulas.values.sorted { "\($0)" < "\($1)" } == [.agrees, .differs])
        // The link's two numbers, the arithmetic's written 2.26845, the checked formula's written 1.
        #expect(checks.results.coverage.statedChecked == 4)
        #expect(checks.results.coverage.statedWrong == 2)
        #expect(checks.diagnostics.map(\.identifier.rawValue) == ["number.wrong", "formula.check"])
        let fix = try #require(checks.diagnostics.first?.solutions.first)
        #expect(fix.summary == "write 0.88")
        let replacement = try #require(fix.replacements.first)
        let source = Self.chapter().source
        #expect(String(decoding: source.bytes[replacement.byteRange], as: UTF8.self) == "0.89")
        #expect(replacement.text == "0.88")
    }

    @Test("check: coverage counts what was checked and lists the claims nothing checks; --strict makes them errors")
    func coverage() {
        let text = Self.markdown + "交叉熵约为 0.13，准确率 95%。\n"
        let parsed = ParseStage.parse(Self.chapter(text), freesTree: true)
        let checks = CheckStage.check(parsed, evaluation: Self.evaluation)
        let coverage = checks.results.coverage
        #expect(coverage.statedChecked == 4)
        #expect(coverage.statedWrong == 2)
        #expect(coverage.inputsRestated == 2, "the link restates the literal `a`")
        #expect(coverage.computedChecked == 2)
        #expect(coverage.formulasChecked == 2)
        #expect(coverage.formulasWrong == 1)
        #expect(coverage.formulaPoints == 2)
        #expect(coverage.unchecked.map(\.text) == ["0.13", "95%"])
        #expect(coverage.uncheckedNumbers == 2)
        #expect(coverage.statedNumbers == 6)
        #expect(!checks.diagnostics.contains { $0.identifier.rawValue == "claim.unchecked" })
        let strict = CheckStage.check(parsed, evaluation: Self.evaluation, strict: true)
        let claims = strict.diagnostics.filter { $0.identifier.rawValue == "claim.unchecked" }
        #expect(claims.map(\.location.line) == [16, 16])
    }

    @Test("render: the page body draws the results; the Markdown gets the inline value and plain stated numbers")
    func render() {
        let parsed = ParseStage.parse(Self.chapter(), freesTree: true)
        let checks = CheckStage.check(parsed, evaluation: Self.evaluation)
        let rendered = RenderStage.render(
            Self.chapter(), document: parsed.document, results: checks.results, diagnostics: parsed.diagnostics,
            resolver: ImageResolver(bookFolder: URL(fileURLWithPath: "/nonexistent")))
        #expect(rendered.title == "软件")
        #expect(rendered.html.contains("<span class=\"stated wrong\""))
        #expect(rendered.html.contains("<span class=\"computed-value\" title=\"a[0]\">0.8789</span>"))
        #expect(rendered.html.contains("math display formula-checked"))
        #expect(rendered.html.contains("math display formula-wrong"))
        #expect(rendered.markdown.contains("概率是 0.89，0.12，最大的是 0.8789。"))
        #expect(rendered.diagnostics.map(\.identifier) == [.formulaCheckComment])
    }

    @Test("write (--fix): the solutions are applied to the chapter file, every other byte kept")
    func fix() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("galley-fix-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let chapter = Self.chapter(folder: folder)
        try Data(Self.markdown.utf8).write(to: chapter.url)
        let book = Book(title: "T", language: "zh-CN", author: nil, chapters: [chapter], folder: folder)
        let parsed = ParseStage.parse(chapter, freesTree: true)
        let checks = CheckStage.check(parsed, evaluation: Self.evaluation)
        let fixed = try FixWriter.apply(book, diagnostics: checks.diagnostics)
        #expect(fixed == ["Chapters/01.md": 1])
        let text = try String(contentsOf: chapter.url, encoding: .utf8)
        #expect(text == Self.markdown.replacingOccurrences(of: "[0.89，0.12]", with: "[0.88，0.12]"))
    }
}
