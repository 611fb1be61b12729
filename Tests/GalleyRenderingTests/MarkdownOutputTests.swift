import GalleyDiagnostics
import GalleyRendering
import Testing

@Suite("GitHub-ready Markdown output")
struct MarkdownOutputTests {
    @Test("without edits the chapter comes out byte for byte, math and all")
    func unchanged() {
        let text = "# 标题\n\n$$x*y*z \\\\ a_1$$\n> $e_1$ | `$` \\$5\r\n"
        #expect(MarkdownFormatter.format(SourceFile(path: "a.md", text: text), edits: []) == text)
    }

    @Test("edits replace exactly their bytes")
    func edits() {
        let text = "![a](.\\img\\a.png) and <img src=\".\\b.png\">"
        let source = SourceFile(path: "a.md", text: text)
        func bytes(of part: String) -> Range<Int> {
            let range = text.range(of: part)!
            let start = text.utf8.distance(from: text.startIndex, to: range.lowerBound)
            return start..<(start + part.utf8.count)
        }
        let edits = [
            Replacement(byteRange: bytes(of: ".\\b.png"), text: "b.png"),
            Replacement(byteRange: bytes(of: ".\\img\\a.png"), text: "img/a.png"),
        ]
        #expect(MarkdownFormatter.format(source, edits: edits) == "![a](img/a.png) and <img src=\"b.png\">")
    }
}
