import GalleyDiagnostics
import GalleyMarkdown
import GalleySemantics

/// What `swiftc` said about a chapter's program, as diagnostics at the places in the Markdown
/// file the author wrote.
///
/// `#sourceLocation` gives a block's code its Markdown lines already; the rest is Galley's to
/// undo: the indent cmark-gfm took from code in a list item, binding expressions and checked
/// formulas (whose errors belong at the prose's expressions, not in a block), and the scaffolding
/// no author wrote, whose warnings are dropped.
struct CompilerMessageMapper {
    /// The chapter's path as diagnostics show it.
    let path: String
    let blocks: [CodeBlock]
    /// The expressions the prose binds to, by binding id.
    let sites: [ExpressionSite]

    /// The compiler's diagnostics as Galley diagnostics, grouped by block.
    func diagnostics(from compilation: ProgramRunner.Compilation, program: ChapterProgram) -> [Int: [Diagnostic]] {
        var grouped: [Int: [Diagnostic]] = [:]
        // Notes belong to the diagnostic before them; they go where it goes.
        var keepNotes = false
        for record in compilation.diagnostics {
            let severity = record.severity
            if severity == .note {
                // Notes that point elsewhere (into NeuralMath's or the runtime's sources) say
                // nothing a reader of the chapter can act on.
                guard keepNotes, record.path == path else { continue }
            } else {
                // Warnings about Galley's own scaffolding (code after a block that never returns)
                // are not the author's business; errors anywhere are.
                keepNotes = record.path == path || severity == .error
                guard keepNotes else { continue }
            }
            let block: ChapterProgram.Block?
            let location: SourceLocation
            // Diagnostics in binding expressions are reported at the expressions, elsewhere.
            if program.formulaBinding(inFile: record.path) != nil {
                keepNotes = false
                continue
            }
            if record.path == path, program.block(containingLine: record.line) == nil,
                program.binding(atLine: record.line, column: record.column) != nil
            {
                continue
            }
            if record.path == path, let found = program.block(containingLine: record.line) {
                block = found
                // Code inside a list item is indented in the Markdown; cmark-gfm removed that.
                let indent = blocks[original(found.index, in: program)].range.lowerBound.column - 1
                location = SourceLocation(line: record.line, column: record.column + indent)
            } else {
                // Past the last block (an unclosed brace) or in no block at all: the last block.
                block = program.blocks.last
                location = SourceLocation(
                    line: (block?.firstLine ?? 1) + max((block?.lineCount ?? 1) - 1, 0), column: 1)
            }
            guard let block else { continue }
            grouped[original(block.index, in: program), default: []].append(
                .compilerMessage(record.message, severity: severity, path: path, at: location))
        }
        return grouped
    }

    /// Compiler errors that point into binding expressions, by binding id, as diagnostics at the
    /// expressions in the Markdown file.
    func bindingErrors(_ compilation: ProgramRunner.Compilation, program: ChapterProgram) -> [Int: [Diagnostic]] {
        guard !compilation.succeeded else { return [:] }
        var found: [Int: [Diagnostic]] = [:]
        for record in compilation.diagnostics where record.severity == .error {
            if let binding = program.formulaBinding(inFile: record.path), case .formula(let formula) = sites[binding.id]
            {
                let offset = record.column - binding.declaration.expressionColumn
                // The Swift is Galley's; the author wrote the formula and its comment.
                let summary = FormulaCompileMessage.summary(record.message, in: binding.expression, at: offset)
                if found[binding.id]?.contains(where: { $0.summary == summary }) != true {
                    found[binding.id, default: []].append(
                        .uncompilableFormula(path: path, at: formula.location, summary: summary))
                }
                continue
            }
            guard record.path == path, let binding = program.binding(atLine: record.line, column: record.column) else {
                continue
            }
            let offset = record.column - binding.declaration.expressionColumn
            found[binding.id, default: []].append(
                .uncompilableBinding(
                    path: path, at: SourceLocation(line: binding.line, column: binding.column + offset),
                    message: record.message))
        }
        return found
    }

    /// The offered values a failed compilation points into: only errors in the offers' own file.
    func offerErrors(_ compilation: ProgramRunner.Compilation, program: ChapterProgram) -> Set<Int> {
        guard !compilation.succeeded else { return [] }
        return Set(
            compilation.diagnostics.filter { $0.severity == .error }.compactMap {
                program.offerIndex(inFile: $0.path, line: $0.line)
            })
    }

    // MARK: - Private

    /// The chapter's block index of a program's block.
    private func original(_ position: Int, in program: ChapterProgram) -> Int {
        let line = program.blocks[position].firstLine
        return blocks.firstIndex { $0.firstCodeLine == line } ?? position
    }
}
