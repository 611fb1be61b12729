import GalleyMarkdown
import GalleyTestSupport
import Testing

/// Where a text's characters stand in the source, matched with it by the rules cmark-gfm decoded
/// them with, so that a part of the text can be rewritten in place.
@Suite("A text's bytes in the source")
struct TextBytesTests {
    /// The source bytes of `part` of the paragraph's first text, as written there; nil when it has
    /// no place.
    private func written(_ part: String, in markdown: String) throws -> String? {
        let document = parse(markdown).document
        guard case .paragraph(let paragraph)? = document.blocks.first,
            case .text(let text)? = paragraph.content.first?.kind
        else { throw TextBytesError.noText }
        let range = try #require(text.utf8.firstRange(of: part.utf8))
        let start = text.utf8.distance(from: text.utf8.startIndex, to: range.lowerBound)
        let bytes = Array(markdown.utf8)
        return paragraph.content[0].textBytes.sourceRange(of: start..<(start + part.utf8.count)).map {
            String(decoding: bytes[$0], as: UTF8.self)
        }
    }

    private enum TextBytesError: Error { case noText }

    @Test("past escapes, entities and numeric references, a part stands where it was written")
    func afterDecoding() throws {
        #expect(try written("0.5", in: "a \\* b &amp; c &#20013; 0.5 d\n") == "0.5")
        #expect(try written("0.5", in: "\\\\ back &#x4E2D;&lt; 0.5\n") == "0.5")
        #expect(try written("0.25", in: "引号 &quot;x&quot; 和 0.25。\n") == "0.25")
    }

    @Test("a name HTML does not know stays as written, and so does a lone ampersand")
    func literalAmpersands() throws {
        #expect(try written("0.5", in: "R&D &foo; 0.5\n") == "0.5")
        #expect(try written("&foo; 0.5", in: "R&D &foo; 0.5\n") == "&foo; 0.5")
    }

    @Test("a part with an escape or an entity inside it has no place: it is not written as it reads")
    func decodedInside() throws {
        #expect(try written("1.5", in: "x 1\\.5 y\n") == nil)
        #expect(try written("a&b", in: "x a&amp;b y\n") == nil)
    }
}
