public import GalleyDiagnostics

/// What the check stage proved about a chapter, and what it could not: the counts of the
/// verification page and of the closing line of `render --check`, and every claim left unchecked.
///
/// Each count says what it counts, so that a reader can recount it on the page: stated numbers
/// are numbers the author wrote (in stated-number links, and as a side of a checked formula or of
/// closed arithmetic); formulas are the formulas marked checked, and points the comparisons of
/// their sides (a formula checked for 31 index values is 31 points); expectations are the
/// `expect` calls the code ran.
public struct Coverage: Sendable, Equatable, Codable {
    /// Stated numbers compared with computed values, and how many were wrong.
    public var statedChecked = 0
    public var statedWrong = 0
    /// Of `statedChecked`, the numbers bound to a value the code writes as a literal
    /// (`let p = 0.7` and `[0.7](=p)`): inputs restated, not results computed.
    public var inputsRestated = 0
    /// Formulas checked (with a check comment, or closed arithmetic), how many differ, and the
    /// comparisons of their sides made in all.
    public var formulasChecked = 0
    public var formulasWrong = 0
    public var formulaPoints = 0
    /// `expect` calls run, and how many failed.
    public var expectations = 0
    public var expectationsFailed = 0
    /// The claims nothing checks, in source order.
    public var unchecked: [UncheckedClaim] = []
    /// Whether the chapter's code ran to its end and offered at least one computed value that a
    /// claim could be bound to; false for a chapter whose code failed, or that has none.
    public var offersValues = false

    public init() {}

    /// The stated numbers checked that restate no input: results the code computed.
    public var computedChecked: Int { statedChecked - inputsRestated }

    /// The numbers of the unchecked claims (a list of three is three).
    public var uncheckedNumbers: Int { unchecked.reduce(0) { $0 + $1.numberCount } }

    /// Every number the chapter states, checked or not.
    public var statedNumbers: Int { statedChecked + uncheckedNumbers }

    /// Whether anything was checked: a stated number, a formula or an expectation.
    public var checksAnything: Bool { statedChecked + formulasChecked + expectations > 0 }
}

/// A number (or a list of numbers) the prose states that no binding and no checked formula
/// covers, with what Galley found for it among the values the chapter computed.
public struct UncheckedClaim: Sendable, Equatable, Codable {
    /// The claim as written: `0.88，0.12，0.00`.
    public var text: String
    /// How many numbers it states.
    public var numberCount: Int
    /// From its first character to just past its last; a claim inside a formula starts and ends
    /// where the formula starts.
    public var range: SourceRange
    /// Its bytes in the source, which `render --bind` wraps in a link: nil in a formula, and for
    /// a claim not written as it reads (an escape or an entity inside it).
    public var byteRange: Range<Int>?
    /// Whether it stands in a formula (bound by a check comment, not by a link).
    public var inMath: Bool
    /// Whether it stands inside a link's text, where a link of its own cannot go.
    public var inLink = false
    /// What Galley proposes for it.
    public var suggestion: Suggestion
    /// How many computed values matched it: the fewer, the surer a suggestion.
    public var candidateCount = 0

    /// What `render --bind` wraps, and `render --check` counts as bindable: the claim's bytes, when
    /// one computed value fits it, it stands in prose outside a link, and its bytes are known.
    public var bindableRange: Range<Int>? {
        guard case .binding = suggestion, !inMath, !inLink else { return nil }
        return byteRange
    }

    /// What the values the chapter computed say about a claim.
    public enum Suggestion: Sendable, Equatable, Codable {
        /// No computed value is near it.
        case none
        /// The chapter's code did not compile or run to its end, so no value could be offered.
        case noValues
        /// One binding fits best: `loss`, `a`, `p[0]`.
        case binding(String)
        /// Several fit equally well; the author picks.
        case ambiguous([String])
        /// Values that would fit if the claim were rounded instead of truncated, or one off in its
        /// last digit: `loss = 0.1289`.
        case nearMisses([String])
    }

    public init(text: String, numberCount: Int, range: SourceRange, inMath: Bool, suggestion: Suggestion = .none) {
        self.text = text
        self.numberCount = numberCount
        self.range = range
        self.inMath = inMath
        self.suggestion = suggestion
    }

    /// The claim's anchor on its chapter's page: `claim-12-5`, by line and column.
    public var anchor: String { "claim-\(range.lowerBound.line)-\(range.lowerBound.column)" }

    /// The binding proposed, when there is exactly one.
    public var binding: String? {
        if case .binding(let name) = suggestion { name } else { nil }
    }
}
