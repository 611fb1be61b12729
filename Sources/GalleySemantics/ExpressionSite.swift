public import GalleyDiagnostics
public import GalleyFormulas
public import GalleyMarkdown

/// A place where a chapter asks for the value of Swift code: stated numbers
/// (`[0.88](=a[0])`), inline values (`` `{swift} loss` ``), closed arithmetic in a formula and
/// formulas with a check comment.
///
/// A site's position in its chapter's list (`ChapterSemantics.sites`) is its id: the evaluator
/// computes values by id, and the checker looks them up by the same ids.
public enum ExpressionSite: Sendable, Equatable {
    case statedNumbers(StatedNumbersLink)
    case inlineValue(InlineValue)
    /// Two neighbouring sides of `=` or `\approx` in a formula, both closed arithmetic.
    case arithmetic(ArithmeticPair)
    /// A formula followed by a check comment: every pair of sides, for every value of the free
    /// indices.
    case formula(CheckedFormula)

    /// The Swift expression whose value the site needs.
    public var expression: String {
        switch self {
        case .statedNumbers(let link): link.expression
        case .inlineValue(let value): value.expression
        case .arithmetic(let pair): pair.pair.swift
        case .formula(let formula): formula.check.swift
        }
    }

    /// Where the expression starts in the Markdown file.
    public var expressionLocation: SourceLocation {
        switch self {
        case .statedNumbers(let link): link.expressionLocation
        case .inlineValue(let value): value.expressionLocation
        case .arithmetic(let pair): pair.location
        case .formula(let formula): formula.location
        }
    }

    /// Whether the chapter's program must compute the site: every site but closed arithmetic that
    /// was computed in-process when the formula was read.
    public var needsProgram: Bool {
        if case .arithmetic(let pair) = self { pair.pair.values == nil } else { true }
    }

    /// Whether the expression is Swift Galley wrote for a checked formula, rather than the
    /// author's own: its compiler errors are said in terms of the formula.
    public var isCheckedFormula: Bool {
        if case .formula = self { true } else { false }
    }
}

/// A formula with a check comment, translated into Swift.
public struct CheckedFormula: Sendable, Equatable {
    public var check: FormulaCheck
    /// Where the formula starts.
    public var location: SourceLocation
}

/// Two sides of a formula that hold only numbers and functions of numbers, at the formula's place.
public struct ArithmeticPair: Sendable, Equatable {
    public var pair: ClosedArithmetic.Pair
    /// Where the formula starts.
    public var location: SourceLocation
}
