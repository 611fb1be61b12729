// libFuzzer harness: checked formulas on arbitrary text. Reading, translating, computing closed
// arithmetic, expanding macros and the message helpers must never crash or hang; whatever they
// cannot read must be a FormulaError.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFormulas(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    // The first line may be a check comment; the rest is the formula.
    let parts = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
    let comment = (try? CheckComment(html: "<!-- check: \(parts[0]) -->")) ?? nil
    let tex = parts.count > 1 ? String(parts[1]) : text
    if let check = try? FormulaCheck.translate(
        tex, comment: comment ?? CheckComment(bindings: [], text: ""), previousSide: "a_1")
    {
        precondition(!check.pairs.isEmpty && !check.swift.isEmpty)
        for pair in check.pairs {
            let values = Dictionary(pair.freeIndices.map { ($0, 2) }, uniquingKeysWith: { a, _ in a })
            _ = FormulaText.abbreviated(FormulaText.instantiate(pair.leftTeX, values), limit: 12)
        }
    }
    _ = ClosedArithmetic.swift(tex)
    _ = ClosedArithmetic.bareNumber(tex)
    _ = FormulaText.abbreviated(tex, limit: 8)
    // Closed pairs are computed in-process: every value is a number (NaN and ∞ included).
    for pair in ClosedArithmetic.pairs(in: tex, previousSide: "2").pairs {
        precondition(pair.values == nil || pair.values?.count == 2)
    }
    // The book's macros expand without hanging, however they recurse.
    _ = fuzzMacros.expand(tex)
    return 0
}

private let fuzzMacros = MacroExpander(macros: [
    "\\R": "\\mathbb{R}", "\\half": "\\frac{1}{2}", "\\vec": "\\mathbf{#1}", "\\pair": "(#1, #2)",
    "\\loop": "\\loop\\loop", "\\a": "{\\b #1}", "\\b": "\\a{x}",
])
