/// The check stage's verdict on a stated-number link (`[0.88](=a[0])`).
public struct StatedNumberVerdict: Sendable, Equatable {
    public enum State: Sendable, Equatable {
        /// Every number matches the computed value at its written precision.
        case correct
        /// At least one number does not.
        case wrong
        /// It could not be checked; the reason is for the page.
        case unchecked(String)
    }

    public var state: State
    /// The computed values as prose would show them, for the hover text and screen readers.
    public var computed: String?
    /// Whether it is bound to a constant the code writes as a literal: an input restated, marked
    /// apart on the page so that a reader can count results and inputs.
    public var restatesInput = false

    public init(state: State, computed: String?, restatesInput: Bool = false) {
        self.state = state
        self.computed = computed
        self.restatesInput = restatesInput
    }
}

/// The check stage's verdict on a formula whose sides were compared.
public enum FormulaVerdict: Sendable, Equatable {
    /// Every pair of sides compared agreed.
    case agrees
    /// At least one pair did not.
    case differs
}
