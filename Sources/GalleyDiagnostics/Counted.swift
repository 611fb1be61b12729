/// A count and its noun, as Galley's English messages and summaries write it: `1 chapter`,
/// `3 chapters`, `0 errors`.
public func counted(_ number: Int, _ noun: String) -> String {
    "\(number) \(noun)\(number == 1 ? "" : "s")"
}
