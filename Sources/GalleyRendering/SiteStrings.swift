public import GalleyResults

/// Every word the site shows that the author did not write, in one table per language: the skip
/// link, the menu, the search box and its answers, the marks of checked numbers and formulas, the
/// verification line and `checks.html`, a block's output label, the edit link, chart descriptions
/// and the preview's overlay. `book.json`'s `language` chooses the table; `strings(for:)` falls
/// back to English for a language without one.
public struct SiteStrings: Sendable {
    /// The language the table is for, as `<html lang>` would name it.
    public var language: String
    public var skipToContent: String
    public var menu: String
    public var closeMenu: String
    public var bookContents: String
    public var chapterContents: String
    public var chapterNavigation: String
    public var searchLabel: String
    public var searchPlaceholder: String
    public var search: String
    /// What `search.js` says: before a query, and with `{query}` and `{count}` put in.
    public var searchPrompt: String
    public var searchNone: String
    public var searchFound: String
    /// What the search page says opened from a file (`file://`), where a browser fetches no index.
    public var searchServe: String
    /// What it says on a site built with `--no-search`, or whose index cannot be loaded.
    public var searchUnavailable: String
    /// The button under the results that shows the next ones.
    public var searchMore: String
    public var editPage: String
    /// A heading's anchor link, for screen readers: `{title}` is the heading.
    public var sectionLink: String
    public var output: String
    public var outputCut: String
    public var expectedFailure: String
    public var texError: String
    /// Hover and screen-reader words of a stated number; `{value}` is the computed value.
    public var checkedComputed: String
    public var checkedRestated: String
    public var differs: String
    public var notChecked: String
    public var formulaChecked: String
    public var formulaWrong: String
    /// `{text}`: the number in the formula.
    public var formulaClaimUnchecked: String
    public var claimUnchecked: String
    /// A chart's description: `{title}`, `{x}`, `{y}`, `{legend}`; legend entries joined by
    /// `listSeparator`.
    public var chartDescription: String
    public var listSeparator: String
    /// The verification page's title, its introduction and its columns.
    public var checks: String
    public var checksIntroduction: String
    public var checksColumns: [String]
    /// `{title}`: a chapter's unchecked claims; `{line}`: where one stands.
    public var uncheckedHeading: String
    public var lineOf: String
    public var inFormula: String
    /// The preview's overlay: its title (`{count}` problems), the close button and its hint.
    public var overlayTitle: String
    public var overlayClose: String
    public var overlayCloseHint: String
    /// The preview's badge while the book is rendered again.
    public var overlayRendering: String
    /// Why a block failed or did not run, in this language.
    public var blockReasons: BlockReasons
    /// The verification line's counts, in this language's words and plurals.
    public var counts: @Sendable (Coverage) -> String
    /// The front page's line for the whole book: stated numbers checked and unchecked.
    public var bookCounts: @Sendable (_ checked: Int, _ unchecked: Int) -> String
    /// The printed book's contents heading, and its title page's date (`{date}`) and checks line.
    public var printContents: String
    public var printBuilt: String
    public var printChecked: @Sendable (_ checked: Int, _ wrong: Int) -> String
    /// The front page's link to the book's PDF (`render --pdf`).
    public var printDownload: String

    /// The table for a BCP 47 tag, and whether the language has one of its own (`en`, `zh-CN`
    /// and `zh`, `zh-TW`, `zh-HK`, `zh-Hant`); otherwise English.
    public static func strings(for language: String) -> (strings: SiteStrings, known: Bool) {
        let tag = language.lowercased()
        if tag == "zh-tw" || tag == "zh-hk" || tag.hasPrefix("zh-hant") { return (.traditionalChinese, true) }
        if tag == "zh" || tag.hasPrefix("zh-") { return (.simplifiedChinese, true) }
        if tag == "en" || tag.hasPrefix("en-") { return (.english, true) }
        return (.english, false)
    }

    /// `{name}` in `template` replaced by each value, in one pass (the checks page fills a
    /// template for every unchecked number); a value is not searched for names in turn, and a
    /// `{…}` that names no value stays as it is.
    public static func fill(_ template: String, _ values: [String: String]) -> String {
        var text = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            text += rest[..<open]
            let after = rest.index(after: open)
            if let close = rest[after...].firstIndex(of: "}"), let value = values[String(rest[after..<close])] {
                text += value
                rest = rest[rest.index(after: close)...]
            } else {
                text += "{"
                rest = rest[after...]
            }
        }
        return text + rest
    }
}
