/// A checked formula's side, read from TeX: what the translator turns into Swift.
indirect enum FormulaNode: Equatable, Sendable {
    /// A number as written.
    case number(String)
    /// A symbol, with its subscripts: `z`, `z_j`, `W_{ik}`. A bare symbol that is an index
    /// (`i` in `i = j`) is read as the index's value.
    case symbol(String, [FormulaIndex])
    case negate(FormulaNode)
    /// `+ - * /`.
    case binary(Character, FormulaNode, FormulaNode)
    case power(FormulaNode, FormulaNode)
    /// A function TeX knows: `\exp`, `\ln`, `\sqrt`, `\max(a, b)`…
    case function(String, [FormulaNode])
    /// A symbol followed by parentheses: `\sigma(x)` calls the function σ; `a(1 - a)` multiplies.
    /// Which one is decided by the value the symbol has, and so is what a power after it raises:
    /// `\sigma(x)^2` squares the call, `P(1 + r)^n` raises only the parentheses.
    case apply(String, FormulaNode, power: FormulaNode? = nil)
    /// A function's derivative at a point: `\sigma'(x)`, `\tanh'(x)`.
    case functionDerivative(FormulaFunction, FormulaNode)
    /// `\sum`, `\prod`, `\max_i`, `\min_i` over an index.
    case reduction(FormulaReduction)
    /// `\delta_{ij}`: 1 when the indices agree, else 0.
    case kronecker(FormulaIndex, FormulaIndex)
    /// `\begin{cases} … \end{cases}`.
    case cases([FormulaCase])
    /// `\frac{\partial a_j}{\partial z_i}`: the derivative of an expression with respect to one
    /// value of a symbol.
    case derivative(of: FormulaNode, variable: String, indices: [FormulaIndex])
}

extension FormulaNode {
    /// How deep the tree goes, found without recursion: a chain such as `a b c d …` builds a
    /// tree as deep as it is long, and every later walk of it recurses.
    var depth: Int {
        var deepest = 0
        var pending: [(FormulaNode, Int)] = [(self, 1)]
        while let (node, level) = pending.popLast() {
            deepest = max(deepest, level)
            for child in node.children { pending.append((child, level + 1)) }
        }
        return deepest
    }

    /// Whether a derivative is taken anywhere inside.
    var containsDerivative: Bool {
        switch self {
        case .derivative, .functionDerivative: true
        default: children.contains { $0.containsDerivative }
        }
    }
}

/// A subscript: an index letter with an offset (`i`, `i+1`), or a number (`2`).
struct FormulaIndex: Equatable, Sendable {
    var letter: String?
    var offset: Int

    static func number(_ value: Int) -> FormulaIndex { FormulaIndex(letter: nil, offset: value) }
    static func letter(_ name: String) -> FormulaIndex { FormulaIndex(letter: name, offset: 0) }
}

/// A function whose derivative is taken: one TeX knows, or a symbol bound to a Swift function.
enum FormulaFunction: Equatable, Sendable {
    case known(String)
    case symbol(String)
}

struct FormulaReduction: Equatable, Sendable {
    enum Kind: String, Sendable { case sum, product, maximum, minimum }
    var kind: Kind
    var index: String
    /// Explicit bounds (`\sum_{i=1}^{m}`); without them the index runs over the vectors it indexes.
    var lower: FormulaNode?
    var upper: FormulaNode?
    /// `\sum_{j \neq i}` leaves out one value.
    var except: FormulaIndex?
    var body: FormulaNode
}

struct FormulaCase: Equatable, Sendable {
    var value: FormulaNode
    /// Nil for `otherwise`.
    var condition: FormulaCondition?
}

/// A case's condition: comparisons, all of which must hold.
struct FormulaCondition: Equatable, Sendable {
    enum Relation: String, Sendable {
        case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    }
    struct Comparison: Equatable, Sendable {
        var left: FormulaNode
        var relation: Relation
        var right: FormulaNode
    }
    var comparisons: [Comparison]
}
