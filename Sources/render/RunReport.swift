import Foundation
import GalleyDiagnostics
import GalleyPipeline

/// The `--report FILE` JSON: the counts of the run and every diagnostic.
struct RunReport: Encodable {
    struct Entry: Encodable {
        var path: String
        var line: Int
        var column: Int
        var severity: String
        var identifier: String
        var message: String
    }

    var chapters: [String]
    var numbersChecked: Int
    var numbersWrong: Int
    var errors: Int
    var warnings: Int
    var diagnostics: [Entry]

    init(_ report: Pipeline.Report) {
        chapters = report.chapters
        numbersChecked = report.numbersChecked
        numbersWrong = report.numbersWrong
        errors = report.errorCount
        warnings = report.warningCount
        diagnostics = report.diagnostics.map {
            Entry(
                path: $0.path, line: $0.location.line, column: $0.location.column,
                severity: $0.severity.rawValue, identifier: $0.identifier, message: $0.summary)
        }
    }

    func write(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(self).write(to: url)
    }
}
