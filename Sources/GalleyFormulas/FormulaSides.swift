/// A formula's sides found on its tokens alone, before any is parsed: where each side of each
/// equation starts and ends, and whether it names a symbol.
///
/// Most sides of a chapter's formulas cannot be read by the checked-formula grammar (an integral,
/// a symbol, a relation it does not check), yet the sides beside them may still be closed
/// arithmetic or a stated number. Splitting on the tokens (``FormulaTokenizer``) first lets those
/// be found without reading the formula whole; only they are then parsed (``FormulaParser``).
enum FormulaSides {
    /// A formula's equations read for closed arithmetic: each side that is closed arithmetic
    /// (numbers and functions of numbers), nil for any other, and the formula's last side as
    /// written (which a formula starting with `=` continues).
    ///
    /// Reading goes on after a side that is not closed, from the next relation at its level, so
    /// `\int_0^1 x\,dx = 0.5 = 1/2` still yields `0.5 = 1/2`. A side that names a symbol is
    /// passed over on its tokens, unparsed: most sides of a chapter's formulas do. A checked formula
    /// must be read whole (`parse`).
    static func closedSides(_ tex: String) -> (equations: [[ParsedFormula.Side?]], lastSide: String?) {
        var parser = FormulaParser(tex)
        let layout = sideLayout(of: parser.tokens)
        // Then each side that could be half of a closed pair is parsed; it is closed when it parses
        // to its end and holds only numbers and functions of numbers.
        let equations = layout.map { sides in
            sides.indices.map { position -> ParsedFormula.Side? in
                let side = sides[position]
                let neighbours = [position - 1, position + 1].filter { sides.indices.contains($0) }
                guard !side.namesASymbol, !side.tokens.isEmpty, neighbours.contains(where: { !sides[$0].namesASymbol })
                else { return nil }
                parser.index = side.tokens.lowerBound
                guard let node = try? parser.expression(), parser.index == side.tokens.upperBound,
                    node.depth <= FormulaParser.maximumDepth, ClosedArithmetic.isClosed(node)
                else { return nil }
                return ParsedFormula.Side(
                    node: node, tex: parser.text(from: side.tokens.lowerBound, to: side.tokens.upperBound))
            }
        }
        let last = layout.last?.last?.tokens
        return (equations, last.flatMap { $0.isEmpty ? nil : parser.text(from: $0.lowerBound, to: $0.upperBound) })
    }

    /// The sides of a formula's equations that are numbers as written and nothing else
    /// (`L = 0.129`: `0.129`; `p = [0.1, 0.9]`: `[0.1, 0.9]`), in order; only equations of two
    /// sides or more.
    static func numberSides(_ tex: String) -> [String] {
        let parser = FormulaParser(tex)
        return sideLayout(of: parser.tokens).filter { $0.count > 1 }.joined().compactMap { side in
            guard !side.namesASymbol, !side.tokens.isEmpty else { return nil }
            let text = parser.text(from: side.tokens.lowerBound, to: side.tokens.upperBound)
            return ClosedArithmetic.writtenNumbers(text) != nil ? text : nil
        }
    }

    // MARK: - Layout

    /// Each equation's sides, on the tokens alone: where each side starts and ends, and whether it
    /// names a symbol.
    private static func sideLayout(of tokens: [FormulaToken]) -> [[(tokens: Range<Int>, namesASymbol: Bool)]] {
        var layout: [[(tokens: Range<Int>, namesASymbol: Bool)]] = []
        var sides: [(tokens: Range<Int>, namesASymbol: Bool)] = []
        var index = 0
        while index < tokens.count {
            let start = index
            let namesASymbol = sideNamesASymbol(tokens, from: index)
            index = endOfSide(tokens, from: index)
            sides.append((start..<index, namesASymbol))
            guard index < tokens.count else { break }
            let token = tokens[index]
            index += 1
            switch token.kind {
            case .symbol("="), .command("approx"):
                continue
            default:
                // The end of an equation, or a relation that is not checked (`<`, `\le`): the
                // sides after it are not equal to those before.
                layout.append(sides)
                sides = []
            }
        }
        if !sides.isEmpty { layout.append(sides) }
        return layout
    }

    /// Whether the side from `start` names a symbol (a letter other than Euler's `e`, a
    /// Greek letter, `\operatorname{…}`) outside its groups' ends: then it is not closed
    /// arithmetic, whatever else it holds.
    private static func sideNamesASymbol(_ tokens: [FormulaToken], from start: Int) -> Bool {
        tokens[start..<endOfSide(tokens, from: start)].contains { token in
            if case .name(let name) = token.kind { name != "e" } else { false }
        }
    }

    /// Where a side that starts at `start` ends: at the next `=`, `\approx`, other relation or end
    /// of equation outside any braces, brackets or parentheses (or the end of the tokens).
    private static func endOfSide(_ tokens: [FormulaToken], from start: Int) -> Int {
        var nesting = 0
        var index = start
        while index < tokens.count {
            let token = tokens[index]
            switch token.kind {
            case .symbol("{"), .symbol("("), .symbol("["):
                nesting += 1
            case .symbol("}"), .symbol(")"), .symbol("]"):
                nesting = max(0, nesting - 1)
            default:
                if nesting == 0 && endsSide(token) { return index }
            }
            index += 1
        }
        return index
    }

    /// Whether a token stands between two sides: a relation, checked or not, or the end of an
    /// equation.
    private static func endsSide(_ token: FormulaToken) -> Bool {
        switch token.kind {
        case .symbol("="), .symbol("<"), .symbol(">"), .command("approx"): true
        case .command(let name): FormulaParser.otherRelations.contains(name)
        default: FormulaParser.endsEquation(token)
        }
    }
}
