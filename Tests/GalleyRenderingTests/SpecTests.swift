import Foundation
import GalleyMarkdown
import GalleyRendering
import GalleyTestSupport
import Testing

/// cmark-gfm's own specification (Debian's cmark-gfm package ships it as
/// `/usr/share/doc/cmark-gfm/spec.txt.gz`): every example, rendered by Galley, against the HTML the
/// spec gives, once Galley's intended additions are set aside.
@Suite("cmark-gfm's spec")
struct SpecTests {
    struct Example: Sendable {
        var number: Int
        var section: String
        var markdown: String
        var html: String
        var disabled: Bool
    }

    static let specPath = "/usr/share/doc/cmark-gfm/spec.txt.gz"

    /// The examples of spec.txt, numbered as the spec numbers them.
    static func examples() throws -> [Example] {
        let run = try runProgram(URL(fileURLWithPath: "/bin/gzip"), ["-dc", specPath])
        let fence = String(repeating: "`", count: 32)
        var examples: [Example] = []
        var section = ""
        var lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).makeIterator()
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

    /// HTML with Galley's additions taken out, and white space between tags ignored.
    static func normalized(_ html: String) -> String {
        var text = html
        text = text.replacing(#/<a class="anchor" href="[^"]*" aria-hidden="true">#</a>/#, with: "")
        text = text.replacing(#/<(h[1-6]) id="[^"]*">/#) { "<\($0.output.1)>" }
        text = text.replacing(#/<div class="table-wrap">\n?/#, with: "")
        text = text.replacing(#/</table>\n?</div>/#, with: "</table>")
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
        let examples = try Self.examples()
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
