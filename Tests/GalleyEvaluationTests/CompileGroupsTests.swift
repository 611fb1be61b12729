import Testing

@testable import GalleyEvaluation

/// Chapters compiled side by side: a group per core, of two chapters at least, balanced by source.
@Suite("Compile groups")
struct CompileGroupsTests {
    static func program(_ number: Int, lines: Int) -> ChapterProgram {
        let code = (0..<lines).map { "let v\(number)_\($0) = \($0)" }.joined(separator: "\n")
        return ChapterProgram(
            path: "Chapters/\(number).md", blocks: [.init(index: 0, code: code, firstLine: 3, lineCount: lines)],
            bindings: [])
    }

    @Test("one group per core, each chapter in exactly one, sizes balanced; fewer than four chapters stay one call")
    func groups() {
        let programs = [40, 5, 30, 10, 20, 15].enumerated().map { Self.program($0.offset, lines: $0.element) }
        let two = ProgramRunner.groups(programs, cores: 2)
        #expect(two.count == 2)
        #expect(two.flatMap { $0.map(\.path) }.sorted() == programs.map(\.path).sorted())
        let sizes = two.map { $0.reduce(0) { $0 + $1.source.utf8.count } }
        let total = sizes.reduce(0, +)
        #expect(abs(sizes[0] - sizes[1]) * 5 < total, "balanced: \(sizes)")
        #expect(ProgramRunner.groups(programs, cores: 1).count == 1)
        #expect(
            ProgramRunner.groups(Array(programs.prefix(3)), cores: 2).count == 1, "a group has two chapters at least")
        #expect(ProgramRunner.groups(programs, cores: 8).count == 3)
    }
}
