public import GalleyMarkdown
public import GalleyResults

extension BlockResult {
    /// Whether a block's page and its Markdown show what it printed and displayed: always, unless
    /// the block is `quiet`; and a quiet block's output too when it failed, since that output is
    /// what tells the reader why.
    public func showsOutput(_ options: RunOptions) -> Bool {
        if case .failed = status { return true }
        return !options.quiet
    }
}
