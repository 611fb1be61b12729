import Foundation
import GalleyDiagnostics
import GalleyMarkdown
import GalleyRecords
import GalleyResults
import GalleySemantics

/// Evaluates one chapter: the notebook run of its ordinary blocks, then each `fails` block on its
/// own, after the blocks before it.
struct ChapterSession {
    let path: String
    let blocks: [CodeBlock]
    /// The expressions the prose binds to, evaluated after the blocks.
    let sites: [ExpressionSite]
    /// Where compiler diagnostics belong in the chapter's Markdown.
    private let compilerMessages: CompilerMessageMapper
    private let runnerOrNil: ProgramRunner?
    private var runner: ProgramRunner { runnerOrNil! }

    private var results: [Int: BlockResult] = [:]
    private var diagnostics: [Diagnostic] = []
    private var compiledAnything = false
    /// The cache keys of the programs this chapter compiled or took from the cache.
    private var programKeys: [String] = []
    private var options: [RunOptions] = []
    private var values: [Int: BoundValue] = [:]
    private var bindingProblems: [Int: String] = [:]
    private var computed: [ComputedValue] = []
    private var computedValuesRead = false
    private var expectations = 0
    private var expectationsFailed = 0

    init(path: String, blocks: [CodeBlock], sites: [ExpressionSite] = [], runner: ProgramRunner?) {
        self.path = path
        self.blocks = blocks
        self.sites = sites
        self.compilerMessages = CompilerMessageMapper(path: path, blocks: blocks, sites: sites)
        self.runnerOrNil = runner
    }

    /// Compiles a program through the runner, remembering its key.
    private mutating func compile(
        _ program: ChapterProgram
    ) throws(EvaluationError) -> (ProgramRunner.Compilation, compiledNow: Bool) {
        let key = runner.key(for: program)
        if !programKeys.contains(key) { programKeys.append(key) }
        return try runner.compile(program)
    }

    mutating func evaluate() throws(EvaluationError) -> ChapterEvaluation {
        for block in blocks {
            let parsed = RunOptions.parse(info: block.info) ?? (RunOptions(), [])
            options.append(parsed.options)
            for word in parsed.unknown {
                diagnostics.append(.unknownRunOption(word, path: path, at: block.range.lowerBound))
            }
        }
        for (id, site) in sites.enumerated() where site.needsProgram && site.expression.allSatisfy({ $0 == " " }) {
            bindingProblems[id] = "no expression"
            diagnostics.append(.emptyBinding(path: path, at: site.expressionLocation))
        }
        let ordinary = blocks.indices.filter { !options[$0].fails }
        try runNotebook(ordinary)
        for index in blocks.indices where options[index].fails {
            try runExpectedFailure(index, after: ordinary.filter { $0 < index })
        }
        let ordered = blocks.indices.map { index in
            results[index] ?? BlockResult(firstLine: blocks[index].firstCodeLine, status: .notRun(reason: "not run"))
        }
        for id in sites.indices where sites[id].needsProgram && values[id] == nil && bindingProblems[id] == nil {
            bindingProblems[id] = "not evaluated: the chapter's code failed"
        }
        let all = (diagnostics + ordered.flatMap(\.diagnostics)).sorted {
            ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column)
        }
        var evaluation = ChapterEvaluation(
            blocks: ordered, diagnostics: all, compiled: compiledAnything, values: values,
            bindingProblems: bindingProblems, expectations: expectations, expectationsFailed: expectationsFailed,
            literalConstants: LiteralConstants.names(in: blocks.map(\.code)), computed: computed,
            computedValuesRead: computedValuesRead)
        evaluation.programKeys = programKeys
        return evaluation
    }

    // MARK: - The notebook run

    private mutating func runNotebook(_ indices: [Int]) throws(EvaluationError) {
        guard !indices.isEmpty || sites.contains(where: \.needsProgram) else { return }
        var program = self.program(indices, withBindings: true)
        var (compilation, compiledNow) = try compile(program)
        compiledAnything = compiledAnything || compiledNow
        // Bindings that do not compile are reported at their expressions and left out, and so are
        // offered values that do not (silently: a name the top-level scan got wrong); the blocks
        // are then compiled again without them.
        let broken = compilerMessages.bindingErrors(compilation, program: program)
        let brokenOffers = compilerMessages.offerErrors(compilation, program: program)
        if !broken.isEmpty || !brokenOffers.isEmpty {
            for (id, found) in broken {
                diagnostics += found
                bindingProblems[id] = "does not compile"
            }
            program = program.removingBindings(Set(broken.keys)).removingOffers(brokenOffers)
            (compilation, compiledNow) = try compile(program)
            compiledAnything = compiledAnything || compiledNow
        }
        let compileDiagnostics = compilerMessages.diagnostics(from: compilation, program: program)
        for (index, found) in compileDiagnostics { record(index, diagnostics: found) }
        guard !indices.isEmpty else {
            if compilation.succeeded { try execute(program, indices: indices) }
            return
        }

        guard compilation.succeeded else {
            // Run what compiles — the blocks before the first broken one — so their output shows.
            let broken =
                indices.first { index in
                    compileDiagnostics[index]?.contains { $0.severity == .error } == true
                } ?? indices.last!
            let line = blocks[broken].firstCodeLine
            if !compileDiagnostics.values.joined().contains(where: { $0.severity == .error }) {
                // An error in no file of the chapter (a module a library needs is missing): still
                // the chapter's failure to compile, never a silent one.
                diagnostics.append(
                    .uncompilableProgram(
                        path: path, at: blocks[broken].range.lowerBound, compilerText: compilation.text))
            }
            setStatus(broken, .failed(reason: "does not compile"))
            for index in indices where index > broken {
                setStatus(index, .notRun(reason: "not run: the block at line \(line) does not compile"))
            }
            let before = indices.filter { $0 < broken }
            if !before.isEmpty {
                let prefix = self.program(before)
                let (prefixCompilation, prefixCompiledNow) = try compile(prefix)
                compiledAnything = compiledAnything || prefixCompiledNow
                if prefixCompilation.succeeded {
                    try execute(prefix, indices: before)
                } else {
                    for index in before { setStatus(index, .notRun(reason: "not run: the chapter does not compile")) }
                }
            }
            return
        }
        try execute(program, indices: indices)
    }

    /// Runs a compiled program and records each block's output and fate, the expectations the
    /// blocks checked, and the bindings' values.
    private mutating func execute(_ program: ChapterProgram, indices: [Int]) throws(EvaluationError) {
        let run = try runner.run(program)
        reportUnreadableRecords(run)
        for (position, index) in indices.enumerated() {
            if let output = run.outputs[position] { setOutput(index, output) }
        }
        recordExpectations(run, indices: indices)
        values = run.values
        if run.reachedBindings {
            computedValuesRead = true
            computed = run.offered.compactMap { offered in
                guard offered.index < program.offers.count else { return nil }
                let offer = program.offers[offered.index]
                return ComputedValue(name: offer.name, line: offer.line, value: offered)
            }
        }
        if run.reachedBindings && !run.finished {
            // A binding trapped (or ran out of time): the first one without a value.
            if let trapped = program.bindings.first(where: { run.values[$0.id] == nil }) {
                let message =
                    run.timedOut
                    ? "ran out of time"
                    : trapMessage(run.bindingsError, exitStatus: run.exitStatus, signal: run.signal).text
                bindingProblems[trapped.id] = message
                let location = sites[trapped.id].expressionLocation
                if sites[trapped.id].isCheckedFormula {
                    diagnostics.append(.checkedFormulaTrapped(path: path, at: location, message: message))
                } else {
                    diagnostics.append(.bindingTrapped(trapped.expression, path: path, at: location, message: message))
                }
            }
        }
        guard !indices.isEmpty else { return }
        let stoppedAt = run.lastBlock.map { indices[min($0, indices.count - 1)] }
        let cleanExit = run.exitStatus == 0 && !run.timedOut
        if (cleanExit && run.finished) || run.reachedBindings {
            // Every block ran to its end (a binding that failed afterwards is reported on its own).
            for index in indices { setStatus(index, .succeeded) }
            return
        }
        let failing = stoppedAt ?? indices[0]
        let line = blocks[failing].firstCodeLine
        let reason: String
        let diagnostic: Diagnostic
        let blockStart = blocks[failing].range.lowerBound
        if run.timedOut {
            let seconds = runner.timeout.components.seconds
            reason = "stopped after \(seconds) s"
            diagnostic = .chapterTimedOut(path: path, at: blockStart, seconds: seconds)
        } else if cleanExit {
            reason = "the program exited here, before the chapter's end"
            diagnostic = .chapterExitedEarly(path: path, at: blockStart)
        } else {
            let message = trapMessage(
                run.outputs[run.lastBlock ?? 0]?.standardError ?? "", exitStatus: run.exitStatus, signal: run.signal)
            reason = message.text
            let location = message.line.map { SourceLocation(line: $0, column: 1) } ?? blockStart
            diagnostic = .blockTrapped(path: path, at: location, message: message.text)
        }
        if var output = results[failing]?.output {
            output.standardError = TrapMessage.withoutStackTrace(output.standardError)
            setOutput(failing, output)
        }
        for index in indices {
            if index < failing {
                setStatus(index, .succeeded)
            } else if index == failing {
                setStatus(index, .failed(reason: reason))
                record(index, diagnostics: [diagnostic])
            } else {
                setStatus(index, .notRun(reason: "not run: the block at line \(line) failed"))
            }
        }
    }

    // MARK: - Blocks expected to fail

    private mutating func runExpectedFailure(_ index: Int, after earlier: [Int]) throws(EvaluationError) {
        // The blocks before must work for this one to mean anything.
        if earlier.contains(where: { if case .succeeded = results[$0]?.status { false } else { true } }) {
            setStatus(index, .notRun(reason: "not run: an earlier block failed"))
            return
        }
        let indices = earlier + [index]
        let program = self.program(indices)
        let (compilation, compiledNow) = try compile(program)
        compiledAnything = compiledAnything || compiledNow
        if !compilation.succeeded {
            let messages =
                compilerMessages.diagnostics(from: compilation, program: program)[index]?
                .filter { $0.severity == .error }.map { "\($0.location.line):\($0.location.column): \($0.summary)" }
                ?? []
            setStatus(index, .failedAsExpected(reason: "does not compile"))
            setOutput(
                index,
                BlockOutput(items: [], standardError: messages.joined(separator: "\n") + (messages.isEmpty ? "" : "\n"))
            )
            return
        }
        let run = try runner.run(program)
        reportUnreadableRecords(run)
        let position = indices.count - 1
        setOutput(index, run.outputs[position] ?? BlockOutput())
        if run.lastBlock == position, !(run.exitStatus == 0 && run.finished) {
            let message = trapMessage(
                run.outputs[position]?.standardError ?? "", exitStatus: run.exitStatus, signal: run.signal)
            setStatus(index, .failedAsExpected(reason: run.timedOut ? "ran out of time" : message.text))
        } else {
            setStatus(index, .failed(reason: "it did not fail"))
            record(index, diagnostics: [.blockDidNotFail(path: path, at: blocks[index].range.lowerBound)])
        }
    }

    // MARK: - Records, expectations and bindings

    /// A record the program sent that Galley cannot read — a runtime from another version of
    /// Galley, or chapter code that wrote Galley's marker itself — is an error on the chapter: what
    /// it carried is missing from the page.
    private mutating func reportUnreadableRecords(_ run: ProgramRunner.Run) {
        guard let first = run.unreadableRecords.first else { return }
        let others = run.unreadableRecords.count - 1
        diagnostics.append(.unreadableRecords(first: first, others: others, path: path))
    }

    private mutating func recordExpectations(_ run: ProgramRunner.Run, indices: [Int]) {
        for item in run.expectations where item.block < indices.count {
            let index = indices[item.block]
            let expectation = item.expectation
            expectations += 1
            guard let failure = expectation.failure else { continue }
            expectationsFailed += 1
            let indent = blocks[index].range.lowerBound.column - 1
            let location = SourceLocation(line: expectation.line, column: expectation.column + indent)
            record(index, diagnostics: [.failedExpectation(path: path, at: location, failure: failure)])
        }
    }

    // MARK: - Traps

    /// The message and line of a trap in this chapter (``TrapMessage``).
    func trapMessage(_ standardError: String, exitStatus: Int32?, signal: Int32?) -> (text: String, line: Int?) {
        TrapMessage.read(standardError, exitStatus: exitStatus, signal: signal, chapterPath: path)
    }

    // MARK: - Helpers

    private func program(_ indices: [Int], withBindings: Bool = false) -> ChapterProgram {
        var program = ChapterProgram(
            path: path,
            blocks: indices.enumerated().map { position, index in
                let block = blocks[index]
                return ChapterProgram.Block(
                    index: position, code: block.code, firstLine: block.firstCodeLine,
                    lineCount: block.code.split(separator: "\n", omittingEmptySubsequences: false).count)
            },
            bindings: withBindings
                ? sites.enumerated().filter {
                    $0.element.needsProgram && !$0.element.expression.allSatisfy { $0 == " " }
                }
                .map { id, site in
                    ChapterProgram.Binding(
                        id: id, expression: site.expression, line: site.expressionLocation.line,
                        column: site.expressionLocation.column, isFormula: site.isCheckedFormula)
                } : [])
        if withBindings { program.offers = ChapterProgram.offers(in: program.blocks) }
        return program
    }

    /// The program of the notebook run: every block not marked `fails`, in order, then the
    /// bindings.
    static func notebookProgram(path: String, blocks: [CodeBlock], sites: [ExpressionSite]) -> ChapterProgram {
        let session = ChapterSession(path: path, blocks: blocks, sites: sites, runner: nil)
        return session.program(
            blocks.indices.filter { RunOptions.parse(info: blocks[$0].info)?.options.fails != true }, withBindings: true
        )
    }

    private mutating func ensure(_ index: Int) {
        if results[index] == nil {
            results[index] = BlockResult(firstLine: blocks[index].firstCodeLine, status: .notRun(reason: ""))
        }
    }

    private mutating func setStatus(_ index: Int, _ status: BlockResult.Status) {
        ensure(index)
        results[index]!.status = status
    }

    private mutating func setOutput(_ index: Int, _ output: BlockOutput) {
        ensure(index)
        results[index]!.output = output
    }

    private mutating func record(_ index: Int, diagnostics found: [Diagnostic]) {
        ensure(index)
        results[index]!.diagnostics += found
    }
}
