/// A chapter's `swift run` blocks as one Swift program, run the way a notebook runs its cells:
/// in order, sharing state, so a `let` in the first block is visible in the fourth.
///
/// The blocks become top-level code of one `main.swift`. Before each block the program reports
/// which block is starting, and a `#sourceLocation` directive makes the compiler, and the runtime's
/// `fatalError` messages, name the Markdown file and line instead of the generated file.
struct ChapterProgram: Equatable {
    /// One block of the program.
    struct Block: Equatable, Sendable {
        /// The block's place among the chapter's run blocks.
        var index: Int
        var code: String
        /// The Markdown line of the block's first line of code.
        var firstLine: Int
        /// The number of lines of code.
        var lineCount: Int
    }

    /// The chapter's path as diagnostics show it (`Chapters/01-softmax.md`).
    var path: String
    var blocks: [Block]

    /// Modules every chapter sees without importing them.
    static let implicitImports = ["Foundation", "NeuralMath", "GalleyRuntime"]

    /// The program's source.
    var source: String {
        var text = Self.implicitImports.map { "import \($0)\n" }.joined()
        let file = path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        for block in blocks {
            text += "_galleyBeginBlock(\(block.index))\n"
            text += "#sourceLocation(file: \"\(file)\", line: \(block.firstLine))\n"
            text += block.code
            if !block.code.hasSuffix("\n") { text += "\n" }
            text += "#sourceLocation()\n"
        }
        text += "_galleyEnd()\n"
        return text
    }

    /// The block holding a Markdown line, if any.
    func block(containingLine line: Int) -> Block? {
        blocks.first { line >= $0.firstLine && line < $0.firstLine + max($0.lineCount, 1) }
    }
}
