import GalleyDiagnostics

/// How diagnostics are printed: as compilers print them, or as GitHub Actions annotations.
enum DiagnosticFormat {
    static func line(_ diagnostic: Diagnostic, format: Render.Format) -> String {
        switch format {
        case .text:
            return diagnostic.description
        case .github:
            let kind =
                diagnostic.severity == .error ? "error" : (diagnostic.severity == .warning ? "warning" : "notice")
            return
                "::\(kind) file=\(escapeProperty(diagnostic.path)),line=\(diagnostic.location.line),col=\(diagnostic.location.column)::\(escapeData(diagnostic.summary))"
        }
    }

    /// GitHub's workflow-command escaping for a message.
    private static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// GitHub's workflow-command escaping for a property value.
    private static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
