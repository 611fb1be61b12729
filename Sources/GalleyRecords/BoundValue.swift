/// The value of an expression the prose binds to (`[0.88](=a[0])`, `` `{swift} loss` ``, a
/// checked formula), as the chapter program reports it.
public struct BoundValue: Codable, Equatable, Sendable {
    /// The binding's number in the chapter: its expression site's position.
    public var id: Int
    /// The value as numbers, when it is a number or a vector of numbers.
    public var numbers: [Double]?
    /// The value as prose shows it: `0.8789`, `(0.8789, 0.1189, 0.002179)`, or any other value's
    /// description.
    public var text: String
    /// The value's type, for the diagnostic when a number was expected and something else came.
    public var type: String
    /// A checked formula's sides, when the binding is one.
    public var formula: FormulaValues?

    public init(id: Int, numbers: [Double]?, text: String, type: String, formula: FormulaValues? = nil) {
        self.id = id
        self.numbers = numbers
        self.text = text
        self.type = type
        self.formula = formula
    }
}
