import Foundation
import GalleyDiagnostics
import GalleyMarkdown
import GalleyTestSupport
import Testing

/// Inputs the fuzzers found (fuzz/run.sh), kept so that what broke once stays fixed.
@Suite("Fuzzer regressions")
struct FuzzRegressionTests {
    @Test("a lone carriage return ends a line, for us as for cmark-gfm", arguments: ["\r", "\r\n", "\n"])
    func lineEndings(ending: String) {
        let text = ["# T", "", "a", "$$", "x", "", "end $y"].joined(separator: ending)
        let source = SourceFile(path: "a.md", text: text)
        #expect(source.lineCount == 7)
        #expect(source.line(4) == "$$")
        let result = MarkdownParser.parse(source)
        #expect(
            result.diagnostics.map(\.location) == [
                SourceLocation(line: 4, column: 1), SourceLocation(line: 7, column: 5),
            ])
    }

    @Test("the markdown fuzzer's first crash: CRs, NULs and unterminated $$ in quotes and tables")
    func firstMarkdownCrash() throws {
        let bytes: [UInt8] = Array(
            "2 $$\u{0} $$\r> a\rJ\u{0}\u{0}2 $$\r> a\r\r- $x$ | \u{0}\u{0}\t\t)\t\t | `$` YYYY\n> a\n\n- $".utf8)
        let source = SourceFile(path: "a.md", text: String(decoding: bytes, as: UTF8.self))
        let result = MarkdownParser.parse(source)
        // The `$` at the end of the last line opens math that never closes; lone CRs end lines.
        #expect(result.diagnostics.map(\.identifier) == [.mathUnterminated])
        #expect(result.diagnostics.map(\.location) == [SourceLocation(line: 3, column: 12)])
        #expect(source.lineCount >= 3)
    }

    @Test(
        "the markdown fuzzer's third find: quotes nested ninety deep around math and tables, on a deep stack as in the pipeline"
    )
    func deepQuotes() throws {
        let source = try corpusFile("regression-deep-quotes")
        // The pipeline parses on 1 GiB-stack threads; the fuzzer's crash was its own 8 MB stack.
        nonisolated(unsafe) var lines: [Int] = []
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            lines = MarkdownParser.parse(source).diagnostics.map(\.location.line)
            done.signal()
        }
        thread.stackSize = 1 << 30
        thread.start()
        done.wait()
        // Every unterminated formula of the corpus file is reported at its own line.
        #expect(lines == [12, 14, 19, 25, 30, 32, 37, 43, 48])
        #expect(source.lineCount >= 48)
    }

    @Test("the markdown fuzzer's second crash: math in a table whose cell cmark-gfm puts on line 0")
    func secondMarkdownCrash() throws {
        let source = try corpusFile("regression-table-line-zero")
        let result = MarkdownParser.parse(source)
        #expect(!result.diagnostics.isEmpty)
        let outside = result.diagnostics.filter { !($0.location.line >= 1 && $0.location.line <= source.lineCount) }
        #expect(outside.isEmpty, "\(outside)")
    }

    /// A seed of the Markdown fuzzer's corpus, as a chapter.
    private func corpusFile(_ name: String) throws -> SourceFile {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("fuzz/corpus/markdown/\(name)")
        return SourceFile(path: "a.md", text: String(decoding: try Data(contentsOf: url), as: UTF8.self))
    }
}
