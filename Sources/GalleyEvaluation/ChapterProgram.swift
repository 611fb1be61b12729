import GalleyRecords

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

    /// An expression the prose binds to, evaluated after every block has run.
    struct Binding: Equatable, Sendable {
        var id: Int
        var expression: String
        /// Where the expression stands in the Markdown file.
        var line: Int
        var column: Int
        /// A checked formula's Swift, which Galley wrote: its diagnostics name a file of its own
        /// (`formulaFile`), so that they are told apart from the author's code and from each other.
        var isFormula = false

        /// The generated declaration: padded so that the expression starts at its own Markdown
        /// column where the line leaves room, and the column at which it starts.
        var declaration: (text: String, expressionColumn: Int) {
            let prefix = "let \(GeneratedName.valuePrefix)\(id) = "
            let padding = max(0, column - 1 - prefix.count)
            return (String(repeating: " ", count: padding) + prefix + expression, padding + prefix.count + 1)
        }
    }

    /// A top-level constant or variable of the blocks, whose value is reported after the bindings
    /// so that Galley can propose it for the claims nothing checks.
    struct Offer: Equatable, Sendable {
        var name: String
        /// The Markdown line it is declared on.
        var line: Int
    }

    /// The chapter's path as diagnostics show it (`Chapters/01-softmax.md`).
    var path: String
    var blocks: [Block]
    var bindings: [Binding] = []
    var offers: [Offer] = []

    /// At most this many values are offered per chapter, the first declared.
    static let offerLimit = 400

    /// The top-level constants and variables of some blocks, in order, at most `offerLimit`.
    static func offers(in blocks: [Block]) -> [Offer] {
        var offers: [Offer] = []
        for block in blocks {
            for name in TopLevelNames.names(in: block.code) {
                offers.append(Offer(name: name.name, line: block.firstLine + name.line))
            }
        }
        return Array(offers.prefix(offerLimit))
    }

    /// Modules every chapter sees without importing them.
    static let implicitImports = ["Foundation", "NeuralMath", "GalleyRuntime"]

    /// The program's source.
    var source: String {
        var text = Self.implicitImports.map { "import \($0)\n" }.joined()
        let file = quotedPath
        for block in blocks {
            text += "\(GeneratedName.beginBlock)(\(block.index))\n"
            text += "#sourceLocation(file: \"\(file)\", line: \(block.firstLine))\n"
            text += block.code
            if !block.code.hasSuffix("\n") { text += "\n" }
            text += "#sourceLocation()\n"
        }
        text += bindingsSource
        text += "\(GeneratedName.end)()\n"
        return text
    }

    /// The bindings, each evaluated at its Markdown line and then reported; then the offered
    /// values, one per line of a file of their own (`offersFile`), so that one that does not
    /// compile is told by its line.
    private var bindingsSource: String {
        guard !bindings.isEmpty || !offers.isEmpty else { return "" }
        var text = "\(GeneratedName.beginBindings)()\n"
        for binding in bindings {
            let file = binding.isFormula ? Self.formulaFile(path: quotedPath, id: binding.id) : quotedPath
            text += "#sourceLocation(file: \"\(file)\", line: \(binding.isFormula ? 1 : binding.line))\n"
            text += binding.declaration.text + "\n"
            text += "#sourceLocation()\n"
            text += "\(GeneratedName.bind)(\(binding.id), \(GeneratedName.valuePrefix)\(binding.id))\n"
        }
        if !offers.isEmpty {
            text += "#sourceLocation(file: \"\(Self.offersFile(path: quotedPath))\", line: 1)\n"
            for (index, offer) in offers.enumerated() {
                text += "\(GeneratedName.offer)(\(index), \(offer.name))\n"
            }
            text += "#sourceLocation()\n"
        }
        return text
    }

    /// The file name a checked formula's diagnostics carry.
    static func formulaFile(path: String, id: Int) -> String { "\(path)#formula-\(id)" }

    /// The file name the offered values' diagnostics carry; offer `i` is on its line `i + 1`.
    static func offersFile(path: String) -> String { "\(path)#values" }

    /// The offers a compiler diagnostic points into, by index.
    func offerIndex(inFile file: String, line: Int) -> Int? {
        guard file == Self.offersFile(path: path), line >= 1, line <= offers.count else { return nil }
        return line - 1
    }

    /// The same program without some offers (those that do not compile).
    func removingOffers(_ indices: Set<Int>) -> ChapterProgram {
        var copy = self
        copy.offers = offers.enumerated().filter { !indices.contains($0.offset) }.map(\.element)
        return copy
    }

    /// The checked formula's binding a compiler diagnostic in this file points into.
    func formulaBinding(inFile file: String) -> Binding? {
        let prefix = path + "#formula-"
        guard file.hasPrefix(prefix), let id = Int(file.dropFirst(prefix.count)) else { return nil }
        return bindings.first { $0.id == id && $0.isFormula }
    }

    /// The binding a compiler diagnostic at this Markdown line and generated column points into.
    func binding(atLine line: Int, column: Int) -> Binding? {
        bindings.first { binding in
            guard !binding.isFormula else { return false }
            let start = binding.declaration.expressionColumn
            return binding.line == line && column >= start && column <= start + binding.expression.utf8.count
        }
    }

    /// The chapter as a function in a file of its own, for building several chapters with one
    /// `swiftc` call: the same blocks, in the body of `func name()`, with the `import` lines the
    /// author wrote moved to the top of the file (a function body cannot hold them) and left
    /// blank in place, so every line keeps its number.
    func functionSource(named name: String) -> String {
        var imports = Self.implicitImports
        var body = ""
        let file = quotedPath
        for block in blocks {
            body += "\(GeneratedName.beginBlock)(\(block.index))\n"
            body += "#sourceLocation(file: \"\(file)\", line: \(block.firstLine))\n"
            for line in block.code.split(separator: "\n", omittingEmptySubsequences: false) {
                if let module = Self.importedModule(line) {
                    if !imports.contains(module) { imports.append(module) }
                    body += "\n"
                } else {
                    body += line + "\n"
                }
            }
            if block.code.hasSuffix("\n") { body.removeLast() }
            body += "#sourceLocation()\n"
        }
        body += bindingsSource
        body += "\(GeneratedName.end)()\n"
        return imports.map { "import \($0)\n" }.joined() + "func \(name)() {\n" + body + "}\n"
    }

    /// The module of an `import` line (`import NeuralMath`, `@testable import X`), or nil.
    static func importedModule(_ line: Substring) -> String? {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard let position = words.firstIndex(of: "import"), words.count > position + 1,
            words[..<position].allSatisfy({ $0.hasPrefix("@") || $0 == "public" || $0 == "internal" })
        else { return nil }
        let module = words[position + 1]
        // `import struct Foundation.Date` names a declaration kind first.
        let kinds: Set<Substring> = ["struct", "class", "enum", "protocol", "func", "var", "let", "typealias"]
        if kinds.contains(module), words.count > position + 2 {
            return words[position + 2].split(separator: ".").first.map(String.init)
        }
        return module.split(separator: ".").first.map(String.init)
    }

    private var quotedPath: String {
        SwiftLiteral.escaped(path)
    }

    /// The block holding a Markdown line, if any.
    func block(containingLine line: Int) -> Block? {
        blocks.first { line >= $0.firstLine && line < $0.firstLine + max($0.lineCount, 1) }
    }

    /// The same program without some bindings (those that do not compile).
    func removingBindings(_ ids: Set<Int>) -> ChapterProgram {
        var copy = self
        copy.bindings.removeAll { ids.contains($0.id) }
        return copy
    }
}
