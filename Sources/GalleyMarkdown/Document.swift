public import GalleyDiagnostics

/// A parsed chapter: a Swift-owned tree of blocks, each with its place in the Markdown source.
///
/// The tree is built once from cmark-gfm's and then never touches C again: renderers and checkers
/// walk it (see `MarkupWalker`).
public struct Document: Sendable, Equatable {
    public var blocks: [Block]
    /// Whether any code block's info string starts with `swift run`, so that a chapter without
    /// code is not searched for it again.
    public internal(set) var containsRunBlocks: Bool
    /// The formulas, stated-number links and inline values, in source order: the nodes whose
    /// meaning later stages read, listed while the tree was built so that reading them needs no
    /// walk over a long chapter's tree.
    public internal(set) var expressionNodes: [ExpressionNode]

    public init(blocks: [Block], containsRunBlocks: Bool = false, expressionNodes: [ExpressionNode] = []) {
        self.blocks = blocks
        self.containsRunBlocks = containsRunBlocks
        self.expressionNodes = expressionNodes
    }
}

/// A node of the tree that stands for more than its text: a formula, a stated-number link, an
/// inline value. `Document.expressionNodes` lists them.
public enum ExpressionNode: Sendable, Equatable {
    case displayMath(DisplayMath)
    case inlineMath(InlineMath)
    case statedNumbers(StatedNumbersLink)
    case inlineValue(InlineValue)
}

/// A block-level element.
public enum Block: Sendable, Equatable {
    case paragraph(Paragraph)
    case heading(Heading)
    case blockQuote(BlockQuote)
    case list(ListBlock)
    case codeBlock(CodeBlock)
    case htmlBlock(HTMLBlock)
    case thematicBreak(ThematicBreak)
    case table(Table)
    case displayMath(DisplayMath)
    /// `[^label]: …`, gathered by cmark-gfm at the end of the document in the order of their
    /// first reference; definitions nothing refers to are dropped.
    case footnoteDefinition(FootnoteDefinition)

    /// Where the block starts and ends in the source.
    public var range: SourceRange {
        switch self {
        case .paragraph(let node): node.range
        case .heading(let node): node.range
        case .blockQuote(let node): node.range
        case .list(let node): node.range
        case .codeBlock(let node): node.range
        case .htmlBlock(let node): node.range
        case .thematicBreak(let node): node.range
        case .table(let node): node.range
        case .displayMath(let node): node.range
        case .footnoteDefinition(let node): node.range
        }
    }
}

/// An inline element and where it stands in the source.
public struct Inline: Sendable, Equatable {
    /// What the element is.
    public enum Kind: Sendable, Equatable {
        case text(String)
        /// A newline inside a paragraph. `joinsWideText` when it stands between two East Asian wide
        /// characters: it is then no space at all (see `WideTextBreaks`).
        case softBreak(joinsWideText: Bool)
        case lineBreak
        case code(String)
        case emphasis([Inline])
        case strong([Inline])
        case strikethrough([Inline])
        case link(Link)
        case image(Image)
        case html(InlineHTML)
        case math(InlineMath)
        /// A link whose destination starts with `=`: numbers in prose bound to a Swift expression.
        case statedNumbers(StatedNumbersLink)
        /// `` `{swift} expr` ``: the value of a Swift expression, written into the prose.
        case inlineValue(InlineValue)
        /// `[^label]` where a definition of `label` exists (otherwise it stays text).
        case footnoteReference(FootnoteReference)
    }

    public var kind: Kind
    /// From the element's first character to just past its last, as cmark-gfm reports it with
    /// Galley's corrections (see `SourcePositions`). Text that a program supplied (a table header)
    /// has positions in that text.
    public var range: SourceRange
    /// For a text, where its characters stand in the source bytes; other inlines, and text a
    /// program supplied, have no place there.
    public var textBytes: TextBytes

    public init(_ kind: Kind, range: SourceRange, textBytes: TextBytes = TextBytes()) {
        self.kind = kind
        self.range = range
        self.textBytes = textBytes
    }
}

// MARK: - Blocks

/// A footnote's text: `[^label]: …`.
public struct FootnoteDefinition: Sendable, Equatable {
    public var label: String
    /// 1 for the footnote referred to first, and so on: the number its references show.
    public var number: Int
    public var blocks: [Block]
    public var range: SourceRange
}

/// A reference to a footnote: `[^label]`.
public struct FootnoteReference: Sendable, Equatable {
    public var label: String
    /// The footnote's number.
    public var number: Int
}

public struct Paragraph: Sendable, Equatable {
    public var content: [Inline]
    public var range: SourceRange
}

public struct Heading: Sendable, Equatable {
    /// 1 to 6.
    public var level: Int
    public var content: [Inline]
    public var range: SourceRange
}

public struct BlockQuote: Sendable, Equatable {
    public var blocks: [Block]
    public var range: SourceRange
}

public struct ListBlock: Sendable, Equatable {
    public struct Item: Sendable, Equatable {
        public var blocks: [Block]
        /// nil for an ordinary item, true or false for a GFM task-list item (`- [x]`).
        public var checkbox: Bool?
        public var range: SourceRange
    }

    /// The first number of an ordered list; nil for a bullet list.
    public var start: Int?
    /// Tight lists render their items' paragraphs without `<p>`.
    public var isTight: Bool
    public var items: [Item]
    public var range: SourceRange

    public var isOrdered: Bool { start != nil }
}

public struct CodeBlock: Sendable, Equatable {
    /// The whole info string after the fence (`swift run hide`), empty for indented code.
    public var info: String
    public var code: String
    /// The source line of the first line of code (the line after the opening fence).
    public var firstCodeLine: Int
    public var range: SourceRange

    /// What the info string asks of a `swift run` block; nil for a block that is only shown.
    public var runOptions: RunOptions? {
        RunOptions.parse(info: info)?.options
    }

    /// The first word of the info string, the language: `swift`.
    public var language: String? {
        info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init)
    }
}

public struct HTMLBlock: Sendable, Equatable {
    /// The HTML as written.
    public var literal: String
    /// The HTML after cmark-gfm's tagfilter (`<script>` and friends disarmed).
    public var filtered: String
    public var range: SourceRange
}

public struct ThematicBreak: Sendable, Equatable {
    public var range: SourceRange
}

public struct Table: Sendable, Equatable {
    public enum Alignment: Sendable, Equatable {
        case none, left, center, right
    }

    /// A row: the header row or a body row.
    public struct Row: Sendable, Equatable {
        public var cells: [Cell]
        public var range: SourceRange
    }

    /// A cell's inline content.
    public struct Cell: Sendable, Equatable {
        public var content: [Inline]
        /// From the cell's first character after its `|` to its last before the next; an empty
        /// cell's range is empty.
        public var range: SourceRange
    }

    public var alignments: [Alignment]
    public var header: Row
    public var rows: [Row]
    public var range: SourceRange

    /// The header row, then the body rows: every row in source order.
    public var allRows: [Row] { [header] + rows }
}

/// A `$$…$$` block, on one line or several.
public struct DisplayMath: Sendable, Equatable {
    /// The TeX between the dollar signs, exactly as written (container prefixes such as `> ` removed).
    public var tex: String
    public var range: SourceRange
    /// The HTML comment in the block right after the formula, as written (`<!-- check: … -->`).
    public var commentAfter: String?
    /// Its equation label, as Quarto writes one after the closing `$$`: `{#eq-softmax}` gives
    /// `eq-softmax`.
    public var label: String?
    /// The byte offset of the closing `$$` in the source, and the bytes of `{#eq-softmax}` after
    /// it: what the Markdown output rewrites. nil where the parser could not place them.
    public var closingByteOffset: Int?
    public var labelByteRange: Range<Int>?

    public init(
        tex: String, range: SourceRange, commentAfter: String? = nil, label: String? = nil,
        closingByteOffset: Int? = nil, labelByteRange: Range<Int>? = nil
    ) {
        self.tex = tex
        self.range = range
        self.commentAfter = commentAfter
        self.label = label
        self.closingByteOffset = closingByteOffset
        self.labelByteRange = labelByteRange
    }
}

// MARK: - Inlines

public struct Link: Sendable, Equatable {
    public var destination: String
    public var title: String
    public var content: [Inline]
    public var location: SourceLocation
}

public struct Image: Sendable, Equatable {
    /// The destination as written, which may be a Windows-style path such as `.\Images\a.png`.
    public var source: String
    public var title: String
    /// The alternative text, the image description flattened to plain text.
    public var alt: String
    public var location: SourceLocation
    /// Where `source` stands in the chapter's bytes, to rewrite it in the Markdown output; nil
    /// where it is not written as it reads.
    public var sourceByteRange: Range<Int>?
}

/// Raw HTML inside a line of text.
public struct InlineHTML: Sendable, Equatable {
    /// The HTML as written.
    public var literal: String
    /// The HTML after cmark-gfm's tagfilter.
    public var filtered: String
    public var location: SourceLocation
}

/// `[0.88，0.12，0](=a)`: the author states numbers and binds them to a Swift expression, to be
/// checked against its value.
public struct StatedNumbersLink: Sendable, Equatable {
    /// The link text exactly as written in the source (`0.88，0.12，0`).
    public var text: String
    /// The Swift expression after the `=`.
    public var expression: String
    /// The link title, which may set an explicit tolerance: `"±0.05"`.
    public var title: String
    /// Where the `[` stands.
    public var location: SourceLocation
    /// Where the text starts, the first character after `[`.
    public var textLocation: SourceLocation
    /// Where the expression starts, the first character after `=`.
    public var expressionLocation: SourceLocation
    /// The bytes of the text in the source, for rewriting stale numbers.
    public var textByteRange: Range<Int>
    /// The bytes of the whole link, `[` to `)`, for the Markdown output.
    public var byteRange: Range<Int>
}

/// `` `{swift} expr` `` in prose, replaced by the value of `expr`.
public struct InlineValue: Sendable, Equatable {
    public var expression: String
    /// Where the code span starts.
    public var location: SourceLocation
    /// Where the expression starts.
    public var expressionLocation: SourceLocation
    /// The bytes of the whole code span in the source.
    public var byteRange: Range<Int>
}

/// `$…$` inline math, or `$$…$$` written inside a paragraph.
public struct InlineMath: Sendable, Equatable {
    public var tex: String
    /// True for `$$…$$` inside a line of text, typeset as display math.
    public var isDisplay: Bool
    public var location: SourceLocation
    /// The HTML comment right after the formula in the same paragraph (past spaces and a line
    /// break), as written.
    public var commentAfter: String?

    public init(tex: String, isDisplay: Bool, location: SourceLocation, commentAfter: String? = nil) {
        self.tex = tex
        self.isDisplay = isDisplay
        self.location = location
        self.commentAfter = commentAfter
    }
}
