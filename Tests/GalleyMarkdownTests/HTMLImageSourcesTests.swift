import GalleyMarkdown
import Testing

@Suite("<img src> in raw HTML")
struct HTMLImageSourcesTests {
    @Test("double, single and unquoted values, any case, any attribute order")
    func values() {
        let html =
            #"<IMG width="3" SRC=".\Images\a.png"> <img src='b.png'/> <img alt=x src=c.png> <image src="no.png">"#
        #expect(HTMLImageSources.find(in: html).map(\.value) == [".\\Images\\a.png", "b.png", "c.png"])
    }

    @Test("byte ranges point at the value")
    func ranges() {
        let html = #"<p>图 <img src="a.png"></p>"#
        let found = HTMLImageSources.find(in: html)
        #expect(found.count == 1)
        let bytes = Array(html.utf8)
        #expect(found.first.map { String(decoding: bytes[$0.byteRange], as: UTF8.self) } == "a.png")
    }

    @Test("unclosed tags do not run away")
    func unclosed() {
        #expect(HTMLImageSources.find(in: "<img src=\"a.png").map(\.value) == ["a.png"])
        #expect(HTMLImageSources.find(in: "<img").isEmpty)
        #expect(HTMLImageSources.find(in: "<img src=").isEmpty)
    }
}
