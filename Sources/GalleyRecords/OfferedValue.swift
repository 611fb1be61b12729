/// A top-level constant or variable of a chapter's blocks that holds numbers, as the program
/// reports it after the bindings: the values Galley proposes for the claims nothing checks.
///
/// A value is offered as parts, each a number or a vector at a path Swift can name: a `Double` is
/// one part at `""`; `[Double]` one vector at `""`; `[[Double]]` a vector per row, `"[0]"`,
/// `"[1]"`, … (rows of any length); a struct or tuple a part per stored number or vector,
/// `".w"`, `".0"`, `"[2].bias"`.
public struct OfferedValue: Codable, Equatable, Sendable {
    /// A number or a vector of a value, at the path that names it.
    public struct Part: Codable, Equatable, Sendable {
        /// What follows the value's name to reach it: `""`, `"[1]"`, `".weights[0]"`.
        public var path: String
        /// Its numbers: one for a number, in order for a vector.
        public var numbers: [Double]
        /// Whether it is a vector (its elements are named `path[i]`), rather than one number.
        public var isVector: Bool

        public init(path: String, numbers: [Double], isVector: Bool) {
            self.path = path
            self.numbers = numbers
            self.isVector = isVector
        }
    }

    /// The offer's number in the program (`ChapterProgram.offers`).
    public var index: Int
    /// The value's numbers, part by part; at most `limit` in all.
    public var parts: [Part]
    /// How many numbers were found in all (more than the parts hold when cut at `limit`).
    public var count: Int
    /// Why a value that holds numbers offers none by name (a dictionary's have no order): said
    /// to the author at the declaration.
    public var notOffered: String?

    /// The most numbers of one value a program reports.
    public static let limit = 1000

    public init(index: Int, parts: [Part], count: Int, notOffered: String? = nil) {
        self.index = index
        self.parts = parts
        self.count = count
        self.notOffered = notOffered
    }
}
