import GalleyMarkdown
import GalleyRendering
import GalleyTestSupport
import Testing

/// A paragraph of Chinese wrapped over several lines reads as one line of Chinese: no space where
/// the author's lines end (CSS Text 3's rule for newlines between wide characters, applied when the
/// book is built because Chromium does not).
@Suite("Line breaks in Chinese text")
struct WideTextBreaksTests {
    @Test("a newline between two Chinese characters or full-width punctuation is no space")
    func chinese() {
        #expect(html("分数本身可正可负，\n也没有上限。\n它的任务") == "<p>分数本身可正可负，也没有上限。它的任务</p>\n")
        #expect(html("第一行（括号）\n「引号」") == "<p>第一行（括号）「引号」</p>\n")
    }

    @Test("a newline next to full-width punctuation is no space, whatever is on the other side")
    func widePunctuation() {
        #expect(html("判为第一类，\n80 个点") == "<p>判为第一类，80 个点</p>\n")
        #expect(html("见 softmax\n（第一章）") == "<p>见 softmax（第一章）</p>\n")
        #expect(html("softmax\n函数") == "<p>softmax\n函数</p>\n")
        #expect(html("分数相等，\n`z`") == "<p>分数相等，<code>z</code></p>\n", "math or code after it too")
        #expect(html("`z`\n（见上）") == "<p><code>z</code>（见上）</p>\n")
    }

    @Test("a dash, an ellipsis or a quotation mark next to Chinese joins too, but not next to English")
    func sharedPunctuation() {
        #expect(html("只走一小段——\n这正是") == "<p>只走一小段——这正是</p>\n")
        #expect(html("他说：\n“好”") == "<p>他说：“好”</p>\n")
        #expect(html("“曲率”\n决定") == "<p>“曲率”决定</p>\n")
        #expect(html("an aside—\nand more") == "<p>an aside—\nand more</p>\n")
        #expect(html("“quoted”\n“twice”") == "<p>“quoted”\n“twice”</p>\n")
    }

    @Test("a newline next to Latin text, a number, math or code stays a space")
    func mixed() {
        #expect(html("这是 softmax\n函数") == "<p>这是 softmax\n函数</p>\n")
        #expect(html("学习率\n0.1 太小") == "<p>学习率\n0.1 太小</p>\n")
        #expect(html("它是\n`code`") == "<p>它是\n<code>code</code></p>\n")
        #expect(html("Korean keeps its spaces: 한국어\n문장") == "<p>Korean keeps its spaces: 한국어\n문장</p>\n")
    }

    @Test("emphasis and links on either side count by the characters they show")
    func nested() {
        #expect(html("这是*强调*\n的文字，\n[链接](a.html)在此") == "<p>这是<em>强调</em>的文字，<a href=\"a.html\">链接</a>在此</p>\n")
        #expect(html("**English**\n中文") == "<p><strong>English</strong>\n中文</p>\n")
    }

    @Test("a hard line break is kept")
    func hardBreak() {
        #expect(html("第一行\\\n第二行") == "<p>第一行<br />\n第二行</p>\n")
    }

    @Test("the text a reader sees, as search and summaries use it, is joined the same way")
    func plainText() throws {
        let document = parse("梯度\n下降，\nstep by\nstep").document
        guard case .paragraph(let paragraph) = try #require(document.blocks.first) else {
            Issue.record("not a paragraph")
            return
        }
        #expect(PlainText.of(paragraph.content) == "梯度下降，step by step")
    }
}
