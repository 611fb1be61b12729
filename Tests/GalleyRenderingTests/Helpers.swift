import GalleyMarkdown
import GalleyRendering
import GalleyTestSupport

/// The HTML of a Markdown snippet.
func html(_ markdown: String) -> String {
    HTMLFormatter.format(parse(markdown).document)
}
