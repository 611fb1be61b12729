import GalleyRecords
import Testing

@testable import GalleyEvaluation

@Suite("A chapter's blocks as one program")
struct ChapterProgramTests {
    static let program = ChapterProgram(
        path: "Chapters/01.md",
        blocks: [
            .init(index: 0, code: "import Foundation\nlet z = [3.0, 1, -3]\n", firstLine: 5, lineCount: 2),
            .init(index: 1, code: "let a = softmax(z)", firstLine: 12, lineCount: 1),
        ],
        bindings: [.init(id: 0, expression: "a[0]", line: 20, column: 30)])

    @Test("each block starts with its mark and its Markdown line; the bindings come after, then the end")
    func topLevelSource() {
        let source = Self.program.source
        let expected = """
            import Foundation
            import NeuralMath
            import GalleyRuntime
            \(GeneratedName.beginBlock)(0)
            #sourceLocation(file: "Chapters/01.md", line: 5)
            import Foundation
            let z = [3.0, 1, -3]
            #sourceLocation()
            \(GeneratedName.beginBlock)(1)
            #sourceLocation(file: "Chapters/01.md", line: 12)
            let a = softmax(z)
            #sourceLocation()
            \(GeneratedName.beginBindings)()
            #sourceLocation(file: "Chapters/01.md", line: 20)
                     let \(GeneratedName.valuePrefix)0 = a[0]
            #sourceLocation()
            \(GeneratedName.bind)(0, \(GeneratedName.valuePrefix)0)
            \(GeneratedName.end)()

            """
        #expect(source == expected)
    }

    @Test("a binding's expression starts at its own Markdown column, so compiler columns point into the prose")
    func bindingColumns() {
        let binding = Self.program.bindings[0]
        #expect(binding.declaration.expressionColumn == 30)
        #expect(Self.program.binding(atLine: 20, column: 31)?.id == 0)
        #expect(Self.program.binding(atLine: 20, column: 10) == nil)
    }

    @Test("as a function for a shared build, the author's imports move to the top and leave blank lines")
    func functionSource() {
        let source = Self.program.functionSource(named: "chapter0")
        #expect(source.hasPrefix("import Foundation\nimport NeuralMath\nimport GalleyRuntime\nfunc chapter0() {\n"))
        #expect(source.contains("#sourceLocation(file: \"Chapters/01.md\", line: 5)\n\nlet z = [3.0, 1, -3]\n"))
        #expect(source.hasSuffix("\(GeneratedName.end)()\n}\n"))
    }

    @Test(
        "import lines are recognised in their forms",
        arguments: [
            ("import Foundation", "Foundation"), ("@testable import X", "X"),
            ("import struct Foundation.Date", "Foundation"),
            ("public import NeuralMath", "NeuralMath"), ("let important = 1", nil),
        ] as [(Substring, String?)])
    func importedModules(line: Substring, module: String?) {
        #expect(ChapterProgram.importedModule(line) == module)
    }

    @Test("the Markdown line of a compiler diagnostic finds its block")
    func blockOfLine() {
        #expect(Self.program.block(containingLine: 6)?.index == 0)
        #expect(Self.program.block(containingLine: 12)?.index == 1)
        #expect(Self.program.block(containingLine: 9) == nil)
    }
}
