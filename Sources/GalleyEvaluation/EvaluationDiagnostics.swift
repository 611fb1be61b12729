public import GalleyDiagnostics

// The problems found while compiling and running a chapter's code: every identifier and every
// word of them is here, and the evaluation calls these factories.

extension Diagnostic.Identifier {
    /// An error `swiftc` reported in a block.
    public static let swiftError = Self("swift.error")
    /// A warning `swiftc` reported in a block.
    public static let swiftWarning = Self("swift.warning")
    /// A note `swiftc` attached to the error or warning before it.
    public static let swiftNote = Self("swift.note")
    /// `swiftc`'s warning that an expression or a function took longer than `--slow-type-check`
    /// to type-check: whether it comes depends on how fast the machine is, not on the book.
    public static let swiftSlowTypeCheck = Self("swift.slow-type-check")

    /// The warnings whose presence depends on the machine, not on the book: `--strict` leaves
    /// them warnings, so that a book passes or fails CI on any machine alike.
    public static let dependsOnMachine: Set<Diagnostic.Identifier> = [.swiftSlowTypeCheck]
    /// A checked formula whose Swift does not compile.
    public static let formulaCompile = Self("formula.compile")
    /// A stated-number link's expression that does not compile.
    public static let bindingCompile = Self("binding.compile")
    /// A stated-number link with no expression after `=`.
    public static let bindingEmpty = Self("binding.empty")
    /// An expression (or a checked formula) that trapped or ran out of time after the blocks ran.
    public static let bindingTrap = Self("binding.trap")
    /// A word in a `swift run` block's info string that is no option.
    public static let runUnknownOption = Self("run.unknown-option")
    /// A chapter's program stopped for running too long.
    public static let runTimeout = Self("run.timeout")
    /// A block that trapped, or exited before the chapter's end.
    public static let runTrap = Self("run.trap")
    /// A block marked `fails` that did not fail.
    public static let runFailsDidNotFail = Self("run.fails-did-not-fail")
    /// A record from the chapter's program that Galley cannot read.
    public static let runUnreadableRecord = Self("run.unreadable-record")
    /// An `expect` call in a block whose expectation failed.
    public static let expectFailed = Self("expect.failed")
}

extension Diagnostic {
    // MARK: - Compiling

    /// Raised for each error, warning and note `swiftc` reports in the chapter's own code, at the
    /// place in the Markdown file it points to, with the compiler's words and severity.
    static func compilerMessage(
        _ message: String, severity: Severity, path: String, at location: SourceLocation
    ) -> Diagnostic {
        let identifier: Identifier
        switch severity {
        case .error: identifier = .swiftError
        case .warning: identifier = isSlowTypeCheck(message) ? .swiftSlowTypeCheck : .swiftWarning
        case .note: identifier = .swiftNote
        }
        return Diagnostic(path: path, location: location, severity: severity, identifier: identifier, summary: message)
    }

    /// Whether a warning of `swiftc` is its `-warn-long-expression-type-checking` or
    /// `-warn-long-function-bodies` report: "… took 841ms to type-check (limit: 200ms)".
    private static func isSlowTypeCheck(_ message: String) -> Bool {
        message.contains(/took \d+ms to type-check/)
    }

    /// Raised at the first block when `swiftc` failed with no error in the chapter's own code:
    /// a module that a library the chapter imports needs is missing, say. The compiler's error
    /// lines are the summary.
    static func uncompilableProgram(path: String, at location: SourceLocation, compilerText: String) -> Diagnostic {
        let errors = compilerText.split(separator: "\n").filter { $0.contains("error:") }
        let detail = errors.isEmpty ? "swiftc failed" : errors.prefix(3).joined(separator: "; ")
        return Diagnostic(
            path: path, location: location, identifier: .swiftError,
            summary: "the chapter's program does not compile: \(detail)")
    }

    /// Raised at a checked formula whose generated Swift does not compile.
    ///
    /// - Parameter summary: the compiler's error in the formula's terms (`FormulaCompileMessage`).
    static func uncompilableFormula(path: String, at location: SourceLocation, summary: String) -> Diagnostic {
        Diagnostic(path: path, location: location, identifier: .formulaCompile, summary: summary)
    }

    /// Raised at the place in a stated-number link's expression the compiler's error points to.
    static func uncompilableBinding(path: String, at location: SourceLocation, message: String) -> Diagnostic {
        Diagnostic(path: path, location: location, identifier: .bindingCompile, summary: message)
    }

    /// Raised at a stated-number link whose destination is `=` with no expression after it.
    static func emptyBinding(path: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(path: path, location: location, identifier: .bindingEmpty, summary: "no Swift expression after '='")
    }

    /// Raised, as a warning, at a `swift run` block whose info string has a word that is no
    /// option; the word is ignored.
    static func unknownRunOption(_ word: String, path: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(
            path: path, location: location, severity: .warning, identifier: .runUnknownOption,
            summary: "unknown option '\(word)' for a 'swift run' block; known: hide, quiet, fails")
    }

    // MARK: - Running

    /// Raised at a stated-number link's expression that trapped or ran out of time when it was
    /// evaluated, after every block ran.
    ///
    /// - Parameter message: the trap's message, or `ran out of time`.
    static func bindingTrapped(
        _ expression: String, path: String, at location: SourceLocation, message: String
    ) -> Diagnostic {
        Diagnostic(
            path: path, location: location, identifier: .bindingTrap,
            summary: "evaluating '\(expression)' failed: \(message)")
    }

    /// Raised at a checked formula whose values trapped or ran out of time when they were
    /// computed, after every block ran.
    ///
    /// - Parameter message: the trap's message, or `ran out of time`.
    static func checkedFormulaTrapped(path: String, at location: SourceLocation, message: String) -> Diagnostic {
        Diagnostic(
            path: path, location: location, identifier: .bindingTrap,
            summary: "checking the formula failed: \(message)")
    }

    /// Raised at the block the chapter's program was in when it was stopped for running longer
    /// than the time it is allowed.
    static func chapterTimedOut(path: String, at location: SourceLocation, seconds: Int64) -> Diagnostic {
        Diagnostic(
            path: path, location: location, identifier: .runTimeout,
            summary: "the chapter ran longer than \(seconds) s and was stopped in this block")
    }

    /// Raised at the block in which the chapter's program exited with status 0 before the blocks
    /// after it ran.
    static func chapterExitedEarly(path: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(
            path: path, location: location, identifier: .runTrap,
            summary: "the chapter's program exited in this block (exit(0)?) before the remaining blocks ran")
    }

    /// Raised at the line a block trapped at (or the block's start, when the trap names no line).
    ///
    /// - Parameter message: the trap's message (`TrapMessage`).
    static func blockTrapped(path: String, at location: SourceLocation, message: String) -> Diagnostic {
        Diagnostic(path: path, location: location, identifier: .runTrap, summary: "block trapped: \(message)")
    }

    /// Raised at a block marked `fails` that compiled and ran to its end.
    static func blockDidNotFail(path: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(
            path: path, location: location, identifier: .runFailsDidNotFail,
            summary: "block marked 'fails' compiled and ran without failing")
    }

    /// Raised at the chapter's first line when its program sent records Galley cannot read — a
    /// runtime from another build of Galley, or chapter code that wrote Galley's marker itself.
    ///
    /// - Parameters:
    ///   - first: the first record that could not be read.
    ///   - others: how many more could not.
    static func unreadableRecords(first: String, others: Int, path: String) -> Diagnostic {
        Diagnostic(
            path: path, location: SourceLocation(line: 1, column: 1), identifier: .runUnreadableRecord,
            summary: "the chapter's program sent a record Galley cannot read (\(first))"
                + (others > 0 ? " and \(others) more" : ""),
            explanation:
                "Chapter programs and Galley must come from the same build of Galley; clear the cache folder if they do not."
        )
    }

    /// Raised at an `expect` call whose expectation failed when its block ran.
    ///
    /// - Parameter failure: what the runtime said was expected and what was found.
    static func failedExpectation(path: String, at location: SourceLocation, failure: String) -> Diagnostic {
        Diagnostic(
            path: path, location: location, identifier: .expectFailed, summary: "expectation failed: \(failure)")
    }
}
