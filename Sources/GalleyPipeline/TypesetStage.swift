import GalleyDiagnostics
import GalleyMarkdown
import GalleyRecords
import GalleyResults
import GalleySystem
import GalleyTypesetting

/// A chapter's formulas as KaTeX typeset them, and the problems: a formula KaTeX cannot typeset
/// is an error at the formula (at the very character, where KaTeX says which); its strict-mode
/// remarks are notes for the report, not for the terminal.
struct ChapterMath: Sendable {
    var typeset: [TypesetMath.Key: TypesetMath] = [:]
    var diagnostics: [Diagnostic] = []
    var remarks: [Diagnostic] = []
}

/// Typeset: every formula of a chapter through KaTeX, when the book is built, so that pages carry
/// HTML and MathML and a formula that does not typeset fails the build.
enum TypesetStage {
    /// - Parameter equations: the chapter's equation numbers; a labelled formula is typeset with
    ///   its `\tag`.
    static func typeset(_ parsed: ParsedChapter, equations: EquationNumbers, with typesetter: MathTypesetter)
        throws(PipelineError) -> ChapterMath
    {
        let formulas = parsed.document.expressionNodes.compactMap { node -> Formula? in
            switch node {
            case .displayMath(let math):
                Formula(
                    key: TypesetMath.Key(
                        tex: equations.typesetTeX(math.tex, at: math.range.lowerBound), display: true),
                    location: math.range.lowerBound, delimiter: 2)
            case .inlineMath(let math):
                Formula(
                    key: TypesetMath.Key(tex: math.tex, display: math.isDisplay), location: math.location,
                    delimiter: math.isDisplay ? 2 : 1)
            case .statedNumbers, .inlineValue:
                nil
            }
        }
        var chapter = ChapterMath()
        guard !formulas.isEmpty else { return chapter }
        do {
            chapter.typeset = try typesetter.typeset(formulas.map(\.key))
        } catch {
            throw PipelineError(stage: .environment, path: typesetter.script.path, message: error.message)
        }
        let path = parsed.chapter.source.path
        var reported: Set<SourceLocation> = []
        for formula in formulas {
            guard let math = chapter.typeset[formula.key], reported.insert(formula.location).inserted else { continue }
            if let error = math.error {
                chapter.diagnostics.append(
                    .texError(error, path: path, at: formula.location(ofOffset: math.errorOffset)))
            }
            for remark in math.remarks {
                chapter.remarks.append(.texRemark(remark, path: path, at: formula.location))
            }
        }
        return chapter
    }

    /// The formulas the chapters' blocks showed — `.math` items, and the inline math of tables'
    /// captions and headers — typeset, each chapter on a core of its own. A TeX error in one is
    /// an error at its block's first line.
    static func typesetOutputs(of chapters: [[BlockResult]], paths: [String], with typesetter: MathTypesetter)
        throws(PipelineError) -> [ChapterMath]
    {
        let outcomes = Parallel.map(Array(chapters.indices)) { (index: Int) -> Result<ChapterMath, PipelineError> in
            var chapter = ChapterMath()
            var formulas: [(key: TypesetMath.Key, line: Int)] = []
            for block in chapters[index] {
                for output in block.output.items {
                    guard case .display(let item) = output else { continue }
                    switch item {
                    case .math(let tex):
                        formulas.append((TypesetMath.Key(tex: tex, display: true), block.firstLine))
                    case .table(let table):
                        let texts = [table.caption].compactMap { $0 } + table.columnHeaders + (table.rowHeaders ?? [])
                        for text in texts where text.contains("$") {
                            for key in inlineMath(in: text) { formulas.append((key, block.firstLine)) }
                        }
                    case .value, .chart:
                        continue
                    }
                }
            }
            guard !formulas.isEmpty else { return .success(chapter) }
            do throws(TypesettingError) {
                chapter.typeset = try typesetter.typeset(formulas.map(\.key))
            } catch {
                return .failure(
                    PipelineError(stage: .environment, path: typesetter.script.path, message: error.message))
            }
            var reported: Set<TypesetMath.Key> = []
            for formula in formulas {
                guard let error = chapter.typeset[formula.key]?.error, reported.insert(formula.key).inserted else {
                    continue
                }
                chapter.diagnostics.append(
                    .texErrorInOutput(
                        error, tex: formula.key.tex, path: paths[index],
                        at: SourceLocation(line: formula.line, column: 1)))
            }
            return .success(chapter)
        }
        var results: [ChapterMath] = []
        for outcome in outcomes {
            switch outcome {
            case .success(let math): results.append(math)
            case .failure(let error): throw error
            }
        }
        return results
    }

    /// The inline math of a short text, read as the renderers read it (`InlineMarkdown`).
    private static func inlineMath(in text: String) -> [TypesetMath.Key] {
        MarkdownParser.parse(SourceFile(path: "", text: text)).document.expressionNodes.compactMap { node in
            guard case .inlineMath(let math) = node else { return nil }
            return TypesetMath.Key(tex: math.tex, display: math.isDisplay)
        }
    }

    /// A formula and where its TeX starts.
    private struct Formula {
        var key: TypesetMath.Key
        /// Where its opening delimiter stands.
        var location: SourceLocation
        /// The delimiter's length: `$` or `$$`.
        var delimiter: Int

        /// The chapter's line and column of a position in the TeX, given in UTF-16 code units as
        /// KaTeX counts; the formula's start when there is none. A display formula's later lines
        /// are taken to start at column 1 (inside a block quote or list they are indented more).
        func location(ofOffset offset: Int?) -> SourceLocation {
            guard let offset, offset >= 0 else { return location }
            let before = String(decoding: key.tex.utf16.prefix(offset), as: UTF16.self)
            var line = location.line
            var column = location.column + delimiter
            for scalar in before.unicodeScalars {
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            }
            return SourceLocation(line: line, column: column)
        }
    }
}
