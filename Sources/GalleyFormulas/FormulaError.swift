/// A construct the checked-formula parser does not read, named for the diagnostic.
public struct FormulaError: Error, Equatable, Sendable {
    public var message: String
    init(_ message: String) { self.message = message }
}
