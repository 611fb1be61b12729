/// The frontend command `swiftc -###` prints for compiling one source file into one object, read
/// so that later compiles with the same flags start the frontend themselves, with their own
/// sources and output in place of the placeholders.
///
/// Only a plan of exactly one frontend job whose words need no shell quoting is read; anything
/// else (a path with a space, a driver that plans more jobs) is nil, and the compile goes through
/// `swiftc`.
struct FrontendPlan: Equatable, Sendable {
    /// The placeholders the plan is asked with; never read (`-###` only prints).
    static let sourceMark = "/galley-frontend-plan/source.swift"
    static let outputMark = "/galley-frontend-plan/output.o"
    /// What is added to the flags to ask for the plan.
    static let question = ["-c", "-o", outputMark, sourceMark, "-###"]

    /// The frontend, and its arguments with the placeholders.
    let frontend: String
    let words: [String]

    init?(driverOutput: String) {
        let lines = driverOutput.split(separator: "\n", omittingEmptySubsequences: true)
        guard lines.count == 1, !lines[0].contains(where: { "'\"\\$`".contains($0) }) else { return nil }
        let words = lines[0].split(separator: " ").map(String.init)
        guard words.count > 2, words[0].hasSuffix("/swift-frontend"), words[1] == "-frontend",
            words.filter({ $0 == Self.sourceMark }).count == 1, words.filter({ $0 == Self.outputMark }).count == 1
        else { return nil }
        frontend = words[0]
        self.words = Array(words.dropFirst())
    }

    /// The frontend's arguments for compiling `sources` into `output`.
    func arguments(sources: [String], output: String) -> [String] {
        words.flatMap { word -> [String] in
            switch word {
            case Self.sourceMark: sources
            case Self.outputMark: [output]
            default: [word]
            }
        }
    }
}
