import Foundation
import GalleyMarkdown
import GalleyRendering
import GalleyTestSupport
import Testing

/// cmark-gfm's own tests: its spec (`spec.txt`, 673 examples) and its extension tests
/// (`extensions.txt`: tables, strikethrough, autolinks, the tag filter, footnotes, task lists),
/// from Debian's source package of the libcmark-gfm installed (`scripts/setup.sh` puts them in
/// `.build/test-data/cmark-gfm/`). Every example, rendered by Galley, against the HTML the file
/// gives, once Galley's intended additions are set aside.
@Suite("cmark-gfm's spec and extension tests")
struct SpecTests {
    struct Example: Sendable {
        var number: Int
        var section: String
        var markdown: String
        var html: String
        var disabled: Bool
    }

    static let folder = RenderBinary.packageRoot.appendingPathComponent(".build/test-data/cmark-gfm")

    /// The examples of one of cmark-gfm's test files, numbered as its tests number them.
    static func examples(_ file: String) throws -> [Example] {
        let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        let fence = String(repeating: "`", count: 32)
        var examples: [Example] = []
        var section = ""
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).makeIterator()
        while let line = lines.next() {
            if line.hasPrefix("#") { section = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces) }
            guard line.hasPrefix(fence + " example") else { continue }
            var markdown: [Substring] = []
            var html: [Substring] = []
            var inHTML = false
            while let body = lines.next(), body != fence {
                if body == "." && !inHTML {
                    inHTML = true
                } else if inHTML {
                    html.append(body)
                } else {
                    markdown.append(body)
                }
            }
            func text(_ lines: [Substring]) -> String {
                lines.isEmpty ? "" : lines.joined(separator: "\n").replacingOccurrences(of: "→", with: "\t") + "\n"
            }
            examples.append(
                Example(
                    number: examples.count + 1, section: section, markdown: text(markdown), html: text(html),
                    disabled: line.hasSuffix("disabled")))
        }
        return examples
    }

    /// HTML with Galley's additions taken out (heading anchors, code blocks the keyboard can
    /// scroll, the table wrapper that scrolls a
    /// wide table, the task-list item's class), and white space between tags ignored.
    static func normalized(_ html: String) -> String {
        var text = html
        text = text.replacing(#/<a class="anchor" href="[^"]*" aria-label="[^"]*">#</a>/#, with: "")
        text = text.replacing(#/<pre tabindex="0">/#, with: "<pre>")
        text = text.replacing(#/<(h[1-6]) id="[^"]*">/#) { "<\($0.output.1)>" }
        text = text.replacing(#/<div class="table-wrap">\n?/#, with: "")
        text = text.replacing(#/</table>\n?</div>/#, with: "</table>")
        text = text.replacing(#/<li class="task">/#, with: "<li>")
        text = text.replacing(#/\n+/#, with: "\n")
        text = text.replacing(#/>\n</#, with: "><")
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The examples where Galley differs on purpose, and how: the spec's core examples assume
    /// neither the tagfilter nor the autolink extension, which GitHub (and Galley) turn on.
    static let tagfilter: Set<Int> = [140, 141, 142, 145, 147]
    static let autolink: Set<Int> = [610, 614, 616, 619, 620]

    @Test("every example renders as the spec says, but for Galley's intended additions")
    func spec() throws {
        let examples = try Self.examples("spec.txt")
        #expect(examples.count == 673)
        #expect(examples.filter(\.disabled).count == 2)
        var differing: Set<Int> = []
        for example in examples where !example.disabled {
            let rendered = HTMLFormatter.format(parse(example.markdown).document)
            guard Self.normalized(rendered) != Self.normalized(example.html) else { continue }
            differing.insert(example.number)
            if Self.tagfilter.contains(example.number) {
                // GitHub's tagfilter: the opening of <script>, <style>… is disarmed, nothing else.
                let filtered = example.html.replacing(#/<(/?)(script|style)/#) { "&lt;\($0.output.1)\($0.output.2)" }
                #expect(Self.normalized(rendered) == Self.normalized(filtered), "example \(example.number)")
            } else if Self.autolink.contains(example.number) {
                // GitHub's autolinks: a bare URL or address is a link.
                #expect(rendered.contains("<a href=\"http") || rendered.contains("<a href=\"mailto:"))
            } else {
                Issue.record(
                    "example \(example.number) (\(example.section)):\n\(example.markdown)expected:\n\(example.html)galley:\n\(rendered)"
                )
            }
        }
        #expect(differing == Self.tagfilter.union(Self.autolink), "an intended difference is gone: \(differing)")
    }
}

extension SpecTests {
    @Test("every extension example renders as cmark-gfm's tests say, but for Galley's intended additions")
    func extensions() throws {
        let examples = try Self.examples("extensions.txt")
        #expect(examples.count == 30)
        var differing: [Int] = []
        for example in examples where !example.disabled {
            let rendered = HTMLFormatter.format(parse(example.markdown).document)
            // cmark-gfm's tests only ask of an <IGNORE> example that it does not crash.
            if example.html == "<IGNORE>\n" { continue }
            if Self.normalized(rendered) != Self.normalized(example.html) {
                differing.append(example.number)
                Issue.record(
                    "example \(example.number) (\(example.section)):\n\(example.markdown)expected:\n\(example.html)galley:\n\(rendered)"
                )
            }
        }
        #expect(differing.isEmpty)
    }
}
