/// What a checked formula's program reports: both sides of every pair, for every value of the
/// pair's free indices. Galley compares them; the program only computes.
public struct FormulaValues: Codable, Equatable, Sendable {
    public struct Row: Codable, Equatable, Sendable {
        /// The pair of sides, in the formula's order.
        public var pair: Int
        /// The free indices' values (1-based, as in the formula), in the pair's order.
        public var indices: [Int]
        public var left: Double
        public var right: Double
        /// What kept the sides from being computed: an index out of range, a symbol of the wrong
        /// shape.
        public var problem: String?

        public init(pair: Int, indices: [Int], left: Double, right: Double, problem: String? = nil) {
            self.pair = pair
            self.indices = indices
            self.left = left
            self.right = right
            self.problem = problem
        }
    }

    public var rows: [Row]
    /// The values of the formula's symbols, as `z = (3, 1, −3)`, for the messages.
    public var inputs: [String]
    /// What kept the whole formula from being checked.
    public var problem: String?

    public init(rows: [Row], inputs: [String], problem: String? = nil) {
        self.rows = rows
        self.inputs = inputs
        self.problem = problem
    }
}
