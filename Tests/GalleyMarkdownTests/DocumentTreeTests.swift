import GalleyDiagnostics
import GalleyMarkdown
import GalleyTestSupport
import Testing

@Suite("Document tree and source positions")
struct DocumentTreeTests {
    @Test("code blocks keep their info string and the line their code starts on")
    func codeBlocks() throws {
        let result = parse("Text\n\n```swift run hide\nlet a = 1\n```\n")
        guard case .codeBlock(let code) = result.document.blocks.last else {
            Issue.record("expected a code block")
            return
        }
        #expect(code.info == "swift run hide")
        #expect(code.language == "swift")
        #expect(code.code == "let a = 1\n")
        #expect(code.firstCodeLine == 4)
        #expect(code.range.lowerBound == SourceLocation(line: 3, column: 1))
    }

    @Test("images know where they are, also on continuation lines in a quote")
    func imageLocations() {
        let source = MarkedSource("> first line\n> then ⚑![alt *text*](.\\Images\\7\\a.png \"T\")")
        let result = parse(source.text)
        var images: [Image] = []
        struct Collector: MarkupWalker {
            var images: [Image] = []
            mutating func visit(_ inline: Inline) {
                if case .image(let image) = inline { images.append(image) }
                descend(into: inline)
            }
        }
        var collector = Collector()
        collector.walk(result.document)
        images = collector.images
        #expect(images.count == 1)
        #expect(images.first?.source == ".\\Images\\7\\a.png")
        #expect(images.first?.alt == "alt text")
        #expect(images.first?.title == "T")
        #expect(images.first?.location == source.marker)
    }

    @Test("positions after multi-line inline math are not shifted")
    func positionsAfterMultiLineMath() {
        let source = MarkedSource("see $a +\nb$ and\nthen ⚑$c + d")
        let result = parse(source.text)
        #expect(result.diagnostics.map(\.location) == [source.marker])
    }

    @Test("GFM task lists, ordered lists and tables")
    func gfmStructures() {
        let result = parse(
            "3. three\n4. four\n\n- [x] done\n- [ ] open\n\n| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n")
        let blocks = result.document.blocks
        #expect(blocks.count == 3)
        if case .list(let ordered) = blocks[0] {
            #expect(ordered.start == 3)
            #expect(ordered.items.count == 2)
        } else {
            Issue.record("expected an ordered list")
        }
        if case .list(let tasks) = blocks[1] {
            #expect(tasks.items.map(\.checkbox) == [true, false])
        } else {
            Issue.record("expected a task list")
        }
        if case .table(let table) = blocks[2] {
            #expect(table.alignments == [.left, .center, .right])
            #expect(table.header.count == 3)
            #expect(table.rows.count == 1)
        } else {
            Issue.record("expected a table")
        }
    }

    @Test("parsing from many threads at once is safe (extensions are registered once)")
    func parallelParsing() async {
        // Long enough that parses overlap: cmark-gfm keeps the extensions' special characters in
        // a process-wide table, and an unguarded parse loses its `$` and `~` to a neighbour's.
        let markdown = String(
            repeating: "# T\n\n| $a$ | ~~b~~ |\n|---|---|\n| www.example.com | $$c$$ |\n\n- [x] $d_1$ and ~~e~~\n\n",
            count: 300)
        let reference = parse(markdown).document
        await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<64 {
                group.addTask { parse(markdown).document == reference }
            }
            for await same in group {
                #expect(same)
            }
        }
    }
}
