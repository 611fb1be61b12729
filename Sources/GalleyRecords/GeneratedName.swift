/// Every Swift name Galley writes into chapter programs, in one place.
///
/// The generators (`ChapterProgram`, `FormulaCheck`) spell these names only through this type;
/// the runtime declares the ones marked `declaredByRuntime`. All start with `_galley` or
/// `_Galley`, a prefix chapter code is told to leave alone, so they never clash with the author's
/// names.
public enum GeneratedName: String, CaseIterable, Sendable, CustomStringConvertible {
    // MARK: Declared by the runtime

    /// `_galleyBeginBlock(index)`: block `index` starts.
    case beginBlock = "_galleyBeginBlock"
    /// `_galleyBeginBindings()`: the blocks are done, the bindings follow.
    case beginBindings = "_galleyBeginBindings"
    /// `_galleyBind(id, value)`: reports a binding's value.
    case bind = "_galleyBind"
    /// `_galleyOffer(index, value)`: reports a top-level value of the blocks, for the claims.
    case offer = "_galleyOffer"
    /// `_galleyEnd()`: the program reached its end.
    case end = "_galleyEnd"
    /// A checked formula's symbol, by value, and the type of its values.
    case binding = "_galleyBinding"
    case valueType = "_GalleyValue"
    /// Which symbol a derivative moves, and by how much.
    case variationType = "_GalleyVary"
    /// One pair of sides of a checked formula, and the loop over its free indices.
    case formulaPairType = "_GalleyFormulaPair"
    case checkFormula = "_galleyCheckFormula"
    /// The number of values a free index takes.
    case count = "_galleyCount"
    /// A function's slope by central differences (`\sigma'(x)`).
    case slope = "_galleySlope"
    /// A summation bound as a whole number.
    case whole = "_galleyWhole"
    /// `\sum`, `\prod`, `\max`, `\min` over an index.
    case reduce = "_galleyReduce"
    /// No case of `\begin{cases}` applies.
    case noCase = "_galleyNoCase"
    /// A derivative by central differences.
    case derivative = "_galleyDerivative"

    // MARK: Local to the generated code

    /// `_galleyValue7`: the value of binding 7, before it is reported.
    case valuePrefix = "_galleyValue"
    /// A checked formula's environment: its symbols' values, computed again per variation.
    case environment = "_galleyEnvironment"
    /// The variation an environment is computed for.
    case variation = "_galleyVary"
    /// A checked formula's sides as one function of the environment, a case and the indices.
    case evaluate = "_galleyEvaluate"
    case values = "_galleyV"
    case caseNumber = "_galleyCase"
    case indices = "_galleyIndex"

    /// Whether the runtime must declare the name (otherwise the generated code does).
    public var declaredByRuntime: Bool {
        switch self {
        case .beginBlock, .beginBindings, .bind, .offer, .end, .binding, .valueType, .variationType, .formulaPairType,
            .checkFormula, .count, .slope, .whole, .reduce, .noCase, .derivative:
            true
        case .valuePrefix, .environment, .variation, .evaluate, .values, .caseNumber, .indices:
            false
        }
    }

    public var description: String { rawValue }
}
