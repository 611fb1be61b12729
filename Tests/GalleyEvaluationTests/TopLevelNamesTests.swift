import Testing

@testable import GalleyEvaluation

/// The constants and variables a block declares at its top level: what Galley offers the claims.
@Suite("Top-level names of a block")
struct TopLevelNamesTests {
    private func names(_ code: String) -> [String] {
        TopLevelNames.names(in: code).map(\.name)
    }

    @Test("let and var, with types, several per declaration, tuples, modifiers and attributes")
    func declarations() {
        let code = """
            let z: [Double] = [3, 1, -3]
            var loss = 0.0, steps = 10
            let (mean, spread) = (0.5, 0.1)
            private let hidden = 1.5
            nonisolated(unsafe) var shared = 2.0
            @MainActor let tagged = 3.0
            let a = softmax(z); let b = a.map { $0 * 2 }
            let `default` = 4.0
            let 学习率 = 0.1
            """
        #expect(
            names(code) == [
                "z", "loss", "steps", "mean", "spread", "hidden", "shared", "tagged", "a", "b", "`default`", "学习率",
            ])
    }

    @Test("the line of each name, counted from the block's first line")
    func lines() {
        let found = TopLevelNames.names(in: "// 先算指数\nlet e = z.map { exp($0) }\n\nlet s = e.reduce(0, +)\n")
        #expect(found.map(\.name) == ["e", "s"])
        #expect(found.map(\.line) == [1, 3])
    }

    @Test("a let of one name keeps what it is set to; a literal constant is an input the prose can only restate")
    func constantValues() {
        let code = """
            let p = 0.7  // 输入
            let z: [Double] = [
                3, 1, -3,
            ]
            var w = 0.5
            let q = p, a = softmax(z)
            let (m, n) = (1.0, 2.0)
            let grid = [[0.1, 0.9], [1_000, 2.5e-3]]
            """
        let found = TopLevelNames.names(in: code)
        #expect(
            found.map(\.constantValue) == [
                "0.7  // 输入", "[\n    3, 1, -3,\n]", nil, "p", "softmax(z)", nil, nil, "[[0.1, 0.9], [1_000, 2.5e-3]]",
            ])
        #expect(LiteralConstants.names(in: [code]) == ["p", "z", "q", "grid"])
        #expect(!LiteralConstants.isLiteral("softmax(z)") && !LiteralConstants.isLiteral("[0.1, x]"))
        #expect(!LiteralConstants.isLiteral("1.") && !LiteralConstants.isLiteral("[0.1,, 2]"))
        // Found by fuzzing: a `let` with nothing after its `=` has no value.
        #expect(TopLevelNames.names(in: "let N: [T] =, -3]\n").map(\.constantValue) == [nil])
    }

    @Test("not inside functions, types, closures, control flow; not in strings or comments; not _galley names or _")
    func notNested() {
        let code = """
            func f() -> Double {
                let inner = 1.0
                return inner
            }
            struct Point { let x = 0.0; var y = 0.0 }
            for i in 0..<3 { let step = Double(i) }
            do {
                let scoped = 2.0
            }
            let text = "let fake = 1 \\(f()) )"
            let multi = \"\"\"
                let alsoFake = 2
                \"\"\"
            let raw = #"let rawFake = "x" "#
            // let commented = 3
            /* let blocked = 4 /* nested */ let stillBlocked = 5 */
            let _ = f()
            let _galleyValue0 = 1.0
            if let maybe = Optional(1.0) { print(maybe) }
            let last = [1.0,
                        2.0]
            """
        #expect(names(code) == ["text", "multi", "raw", "last"])
    }

    @Test("found by the fuzzer: a backslash that ends the text inside a string, after a modifier")
    func backslashAtTheEnd() {
        // fuzz/corpus/names/crash-d84166ec…: `… o= "\` read past the end and trapped.
        #expect(names("le:\nfinal(\n\n\0f\0\0\0\02 =\0\0\0\u{F6}  */*$x */ /* inte */.o= \"\\").isEmpty)
        #expect(names("let s = \"\\") == ["s"])
        #expect(names("let s = #\"\\#") == ["s"])
    }

    @Test("the notebook program offers the blocks' names after its bindings, one per line of a file of their own")
    func offersInProgram() {
        var program = ChapterProgram(
            path: "Chapters/01.md",
            blocks: [.init(index: 0, code: "let z = [3.0, 1, -3]\nlet a = softmax(z)\n", firstLine: 5, lineCount: 2)])
        program.offers = ChapterProgram.offers(in: program.blocks)
        #expect(program.offers == [.init(name: "z", line: 5), .init(name: "a", line: 6)])
        #expect(
            program.source.contains(
                "#sourceLocation(file: \"Chapters/01.md#values\", line: 1)\n_galleyOffer(0, z)\n_galleyOffer(1, a)\n"))
        #expect(program.offerIndex(inFile: "Chapters/01.md#values", line: 2) == 1)
        #expect(program.offerIndex(inFile: "Chapters/01.md", line: 2) == nil)
        #expect(program.removingOffers([0]).offers.map(\.name) == ["a"])
    }
}
