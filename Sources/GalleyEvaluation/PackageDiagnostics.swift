public import GalleyDiagnostics

// The problems of the book's own package (`book.json`'s `"package"`): every identifier and word
// of them is here.

extension Diagnostic.Identifier {
    /// An error or warning SwiftPM or `swiftc` reported in a file of the book's package.
    public static let packageError = Self("package.error")
    public static let packageWarning = Self("package.warning")
    public static let packageNote = Self("package.note")
    /// The package cannot be used: no manifest, no library product, a dependency that does not
    /// resolve, an error in no file of the package.
    public static let packageUnusable = Self("package.unusable")
    /// A chapter not run because it imports a module of a package that did not build.
    public static let packageNotBuilt = Self("package.not-built")
}

extension Diagnostic {
    /// Raised for each message of the package's build that points into the package, at that
    /// place, with the compiler's words and severity.
    static func packageCompilerMessage(
        _ message: String, severity: Severity, path: String, at location: SourceLocation
    ) -> Diagnostic {
        let identifier: Identifier =
            switch severity {
            case .error: .packageError
            case .warning: .packageWarning
            case .note: .packageNote
            }
        return Diagnostic(path: path, location: location, severity: severity, identifier: identifier, summary: message)
    }

    /// Raised at `book.json`'s `"package"` when the package cannot be built for a reason that is
    /// in none of its files.
    static func packageUnusable(_ package: BookPackage, detail: String) -> Diagnostic {
        Diagnostic(
            path: package.manifestPath, location: package.manifestLocation, identifier: .packageUnusable,
            summary: "the package \(package.displayPath) does not build for the chapters: \(detail)")
    }

    /// Raised at `book.json`'s `"package"` when the package has nothing chapter code can import.
    static func packageHasNoLibrary(_ package: BookPackage) -> Diagnostic {
        Diagnostic(
            path: package.manifestPath, location: package.manifestLocation, identifier: .packageUnusable,
            summary: "the package \(package.displayPath) has no library product for chapter code to import",
            explanation: "Declare one in its Package.swift: `.library(name: \"Finance\", targets: [\"Finance\"])`.")
    }

    /// Raised in `book.json` at `"package"` when the folder it names holds no `Package.swift`.
    public static func packageNotFound(_ path: String, manifestPath: String, at location: SourceLocation) -> Diagnostic
    {
        Diagnostic(
            path: manifestPath, location: location, identifier: .packageUnusable,
            summary: "no Swift package at \(path): there is no Package.swift in that folder",
            explanation: "`package` is the path of a SwiftPM package's folder, relative to the book's folder.")
    }

    /// Raised at a chapter's `import` of a module of the book's package when the package did not
    /// build: the chapter's code is shown but not run, and the package's own errors say why.
    public static func packageNotBuilt(module: String, path: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(
            path: path, location: location, severity: .note, identifier: .packageNotBuilt,
            summary: "the chapter's code was not run: it imports \(module) from the book's package, which did not build"
        )
    }
}
