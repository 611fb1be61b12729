/// What a chapter program tells Galley while it runs: the one schema both sides compile.
///
/// Galley's generated program marks where each block starts and where the bindings start; chapter
/// code displays values, tables, formulas and charts and checks numbers with `expect`; the
/// bindings report their values; the program says when it reached its end. Galley reads the
/// records back from the program's standard output (see `RecordLine`), and a record it cannot
/// read is a diagnostic on the chapter, never dropped.
public enum ProgramRecord: Codable, Equatable, Sendable {
    /// Block `index` (0-based, in the program's order) starts.
    case blockStarted(index: Int)
    /// Something to show under the running block.
    case display(DisplayItem)
    /// An `expect` call's outcome, in the running block.
    case expectation(Expectation)
    /// The blocks are done; the expressions the prose binds to are evaluated next.
    case bindingsStarted
    /// A binding's value.
    case bound(BoundValue)
    /// A top-level value of the blocks, offered for the claims nothing checks.
    case offered(OfferedValue)
    /// The program reached its end normally. A program that stops without it was cut short.
    case end

    /// Whether the record marks a place in the program that standard error must be split at too:
    /// what a block writes to either stream belongs to that block.
    public var marksStage: Bool {
        switch self {
        case .blockStarted, .bindingsStarted: true
        case .display, .expectation, .bound, .offered, .end: false
        }
    }
}
