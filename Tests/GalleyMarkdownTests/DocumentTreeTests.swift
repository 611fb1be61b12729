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
                if case .image(let image) = inline.kind { images.append(image) }
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

    /// Every inline of a document, depth first, with its range as `line:column..<line:column`.
    private func inlineRanges(_ text: String) -> [String] {
        struct Collector: MarkupWalker {
            var ranges: [String] = []
            mutating func visit(_ inline: Inline) {
                let (start, end) = (inline.range.lowerBound, inline.range.upperBound)
                ranges.append("\(start.line):\(start.column)..<\(end.line):\(end.column)")
                descend(into: inline)
            }
        }
        var collector = Collector()
        collector.walk(parse(text).document)
        return collector.ranges
    }

    @Test("every inline has its source range: text, emphasis, code, links, math, bindings, breaks")
    func inlineRanges() {
        // a␣ *b* ␣ `c` ␣ [d](e) ␣ $x$ ␣ [0.5](=v) ␣ `{swift} v` ⏎ next␣ **s**
        #expect(
            inlineRanges("a *b* `c` [d](e) $x$ [0.5](=v) `{swift} v`\nnext **s**") == [
                "1:1..<1:3", "1:3..<1:6", "1:4..<1:5", "1:6..<1:7", "1:7..<1:10", "1:10..<1:11", "1:11..<1:17",
                "1:12..<1:13", "1:17..<1:18", "1:18..<1:21", "1:21..<1:22", "1:22..<1:31", "1:31..<1:32",
                "1:32..<1:43", "1:43..<1:43", "2:1..<2:6", "2:6..<2:11", "2:8..<2:9",
            ])
    }

    @Test("inline ranges count container prefixes, escapes and entities as written")
    func inlineRangesInContainers() {
        #expect(
            inlineRanges("> one\n> two *b* $y$ c\\$d &amp; e") == [
                "1:3..<1:6", "1:6..<1:6", "2:3..<2:7", "2:7..<2:10", "2:8..<2:9", "2:10..<2:11", "2:11..<2:14",
                "2:14..<2:27",
            ])
        #expect(
            inlineRanges("- item $m$\n  more *k*") == [
                "1:3..<1:8", "1:8..<1:11", "1:11..<1:11", "2:3..<2:8", "2:8..<2:11", "2:9..<2:10",
            ])
        #expect(
            inlineRanges("| h $a$ | b |\n|---|---|\n| 1 *x* | 0.5 |") == [
                "1:3..<1:5", "1:5..<1:8", "1:11..<1:12", "3:3..<3:5", "3:5..<3:8", "3:6..<3:7", "3:11..<3:14",
            ])
        // Continuation lines indented past the container: cmark-gfm's columns miss the indentation
        // at both ends of a node.
        #expect(inlineRanges("- a\n    b *c*") == ["1:3..<1:4", "1:4..<1:4", "2:5..<2:7", "2:7..<2:10", "2:8..<2:9"])
        #expect(
            inlineRanges("> x\n>   y ~~z~~ &amp;w") == [
                "1:3..<1:4", "1:4..<1:4", "2:5..<2:7", "2:7..<2:12", "2:9..<2:10", "2:12..<2:19",
            ])
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
            #expect(table.header.cells.count == 3)
            #expect(table.rows.count == 1)
            // | a | b | c |  on line 7; | 1 | 2 | 3 | on line 9.
            #expect(table.header.range == SourceLocation(line: 7, column: 1)..<SourceLocation(line: 7, column: 14))
            #expect(
                table.rows.first?.cells.map(\.range) == [
                    SourceLocation(line: 9, column: 2)..<SourceLocation(line: 9, column: 5),
                    SourceLocation(line: 9, column: 6)..<SourceLocation(line: 9, column: 9),
                    SourceLocation(line: 9, column: 10)..<SourceLocation(line: 9, column: 13),
                ])
        } else {
            Issue.record("expected a table")
        }
    }

    @Test("a labelled display formula knows the bytes of its closing $$ and its label, also in a quote")
    func displayMathLabelBytes() {
        let text = "> $$\n> x = 1\n> $$ {#eq-a}\n\n$$y$$ {#eq-b}\n"
        let formulas = parse(text).document.expressionNodes.compactMap { node -> DisplayMath? in
            if case .displayMath(let math) = node { math } else { nil }
        }
        #expect(formulas.map(\.label) == ["eq-a", "eq-b"])
        #expect(formulas.map(\.closingByteOffset) == [15, 30])
        #expect(formulas.map(\.labelByteRange) == [18..<25, 33..<40])
        let bytes = Array(text.utf8)
        #expect(
            formulas.compactMap { $0.labelByteRange.map { String(decoding: bytes[$0], as: UTF8.self) } } == [
                "{#eq-a}", "{#eq-b}",
            ])
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
