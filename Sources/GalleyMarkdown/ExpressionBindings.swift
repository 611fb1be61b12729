public import GalleyDiagnostics

/// The places where a chapter's prose asks for the value of a Swift expression, in source order:
/// stated numbers (`[0.88](=a[0])`) and inline values (`` `{swift} loss` ``).
///
/// A site's position in this list is its id: the evaluator computes values by id, and the checker
/// and the renderers look them up by the same ids, so this walk is the one place that decides them.
public enum ExpressionSite: Sendable, Equatable {
    case statedNumbers(StatedNumbersLink)
    case inlineValue(InlineValue)

    public var expression: String {
        switch self {
        case .statedNumbers(let link): link.expression
        case .inlineValue(let value): value.expression
        }
    }

    /// Where the expression starts in the Markdown file.
    public var expressionLocation: SourceLocation {
        switch self {
        case .statedNumbers(let link): link.expressionLocation
        case .inlineValue(let value): value.expressionLocation
        }
    }

    /// The bytes of the whole link or code span, which identify the site.
    public var byteRange: Range<Int> {
        switch self {
        case .statedNumbers(let link): link.byteRange
        case .inlineValue(let value): value.byteRange
        }
    }

    /// Every site of a document, in source order.
    public static func all(in document: Document) -> [ExpressionSite] {
        guard document.containsExpressionSites else { return [] }
        struct Collector: MarkupWalker {
            var sites: [ExpressionSite] = []
            mutating func visit(_ inline: Inline) {
                switch inline {
                case .statedNumbers(let link): sites.append(.statedNumbers(link))
                case .inlineValue(let value): sites.append(.inlineValue(value))
                default: descend(into: inline)
                }
            }
        }
        var collector = Collector()
        collector.walk(document)
        return collector.sites
    }
}


