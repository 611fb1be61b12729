import Foundation
import GalleyTestSupport
import Testing

/// A book on its author's own Swift package (`"package": "../Finance"`), end to end with SwiftPM
/// and `swiftc`.
@Suite("The author's own package")
struct AuthorPackageTests {
    static let manifest = """
        // swift-tools-version:5.9
        import PackageDescription

        let package = Package(
            name: "Finance",
            products: [.library(name: "Finance", targets: ["Finance"])],
            targets: [.target(name: "Finance")]
        )

        """

    /// Compound interest and a loan's monthly payment; `paymentExponent` lets a test break the
    /// loan formula.
    static func library(paymentExponent: String = "-Double(months)", extra: String = "") -> String {
        """
        import Foundation

        /// What `principal` grows to at `rate` a year after `years`, compounded yearly.
        public func compounded(_ principal: Double, rate: Double, years: Double) -> Double {
            principal * pow(1 + rate, years)
        }

        /// The monthly payment of a loan of `amount` at a yearly `rate` over `months`.
        public func monthlyPayment(amount: Double, yearlyRate: Double, months: Int) -> Double {
            let r = yearlyRate / 12
            return amount * r / (1 - pow(1 + r, \(paymentExponent)))
        }

        public struct Loan {
            public var amount: Double
            public var months: Int
            public init(amount: Double, months: Int) {
                self.amount = amount
                self.months = months
            }
        }
        \(extra)
        """
    }

    static let chapter = MarkedSource(
        """
        # Interest

        ```swift run
        import Finance

        let balance = compounded(1000, rate: 0.05, years: 10)
        let loan = Loan(amount: 200_000, months: 360)
        let payment = monthlyPayment(amount: loan.amount, yearlyRate: 0.06, months: loan.months)
        expect(payment, "1199.10")
        ```

        After ten years at 5 % a year, 1000 grows to [1628.89](=balance).
        A loan of 200,000 at 6 % over 30 years costs [⚑1199.10](=payment) a month, \
        `{swift} loan.months` payments in all.

        $$A = P(1 + r)^n$$
        <!-- check: P = 1000; r = 0.05; n = 10; A = compounded(P, rate: r, years: n) -->

        """)

    func book() throws -> TemporaryBook {
        let book = try TemporaryBook([
            "book.json": #"{"title": "Money", "language": "en", "package": "../Finance"}"#,
            "01-interest.md": Self.chapter.text,
        ])
        try book.writeBeside("Finance/Package.swift", Self.manifest)
        try book.writeBeside("Finance/Sources/Finance/Interest.swift", Self.library())
        return book
    }

    @Test(
        "chapters import the package: --check --strict passes; an edit to the library reaches the stated number; a package that does not compile is a diagnostic at its file"
    )
    func packageEndToEnd() throws {
        let book = try book()
        let passing = try book.render(["--check", "--strict"])
        #expect(passing.status == 0, "\(passing.stderr)")
        #expect(
            passing.stdout.contains(
                "2 stated numbers checked in 1 chapter (2 computed, 0 restated inputs), 0 wrong; 1 formula checked at 1 point, 0 wrong; 1 expectation run, 0 failed; 0 of 2 stated numbers unchecked"
            ), "\(passing.stdout)")

        let rendered = try book.render()
        #expect(rendered.status == 0, "\(rendered.stderr)")
        let page = try #require(book.output("01-interest.html"))
        #expect(page.contains("1628.89"))
        #expect(page.contains(">360<"), "the inline value from the package's Loan")

        // The library changes under the chapter: the stated number is now wrong, at its place.
        try book.writeBeside(
            "Finance/Sources/Finance/Interest.swift", Self.library(paymentExponent: "-Double(months - 1)"))
        let changed = try book.render(["--check"])
        #expect(changed.status == 1)
        #expect(
            changed.stderr.contains(
                "Chapters/01-interest.md:\(Self.chapter.marker.line):\(Self.chapter.marker.column): error: stated 1199.10, computed 1200.2960 (1200.30 at 2 decimals)"
            ), "\(changed.stderr)")

        // The library does not compile: the error is at its line in the package; the book still
        // renders, the chapter shown but not run, and so again on the next run.
        let broken = Self.library(extra: "public func broken() -> Int { \"one\" }\n")
        try book.writeBeside("Finance/Sources/Finance/Interest.swift", broken)
        let brokenLine =
            broken.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
                $0.hasPrefix("public func broken")
            }! + 1
        for _ in 0..<2 {
            let failed = try book.render()
            #expect(failed.status == 1)
            #expect(
                failed.stderr.contains(
                    "Finance/Sources/Finance/Interest.swift:\(brokenLine):31: error: cannot convert return expression of type 'String' to return type 'Int'"
                ), "\(failed.stderr)")
            #expect(
                failed.stderr.contains(
                    "Chapters/01-interest.md:4:1: note: the chapter's code was not run: it imports Finance from the book's package, which did not build"
                ), "\(failed.stderr)")
            #expect(book.output("01-interest.html")?.contains("monthlyPayment") == true, "the page is still written")
        }

        try book.writeBeside("Finance/Sources/Finance/Interest.swift", Self.library())
        let repaired = try book.render(["--check", "--strict"])
        #expect(repaired.status == 0, "\(repaired.stderr)")
    }

    @Test(
        "a package that depends on another package (swift-numerics, with a C module) resolves from the mirror and runs")
    func packageWithDependency() throws {
        let book = try TemporaryBook([
            "book.json": #"{"package": "../Growth"}"#,
            "a.md": """
            ```swift run
            import Growth

            let grown = continuously(1000, rate: 0.05, years: 10)
            ```

            Compounded continuously, 1000 grows to [1648.72](=grown) in ten years.

            """,
        ])
        try book.writeBeside(
            "Growth/Package.swift",
            """
            // swift-tools-version:5.9
            import PackageDescription

            let package = Package(
                name: "Growth",
                products: [.library(name: "Growth", targets: ["Growth"])],
                dependencies: [.package(url: "https://github.com/apple/swift-numerics", from: "1.1.1")],
                targets: [.target(name: "Growth", dependencies: [.product(name: "RealModule", package: "swift-numerics")])]
            )

            """)
        try book.writeBeside(
            "Growth/Sources/Growth/Growth.swift",
            """
            import RealModule

            public func continuously(_ principal: Double, rate: Double, years: Double) -> Double {
                principal * Double.exp(rate * years)
            }

            """)
        let check = try book.render(["--check", "--strict"])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("1 stated number checked in 1 chapter"), "\(check.stdout)")
    }

    @Test("a package folder without Package.swift, or a manifest that does not compile, is an error at book.json")
    func unusablePackage() throws {
        let book = try TemporaryBook([
            "book.json": "{\n  \"package\": \"../Nowhere\"\n}\n",
            "a.md": "Prose only.\n",
        ])
        let missing = try book.render(["--check"])
        #expect(missing.status == 1)
        #expect(
            missing.stderr.contains(
                "Chapters/book.json:2:3: error: no Swift package at ../Nowhere: there is no Package.swift in that folder"
            ), "\(missing.stderr)")

        try book.write("book.json", "{\n  \"package\": \"../Broken\"\n}\n")
        try book.writeBeside(
            "Broken/Package.swift",
            "// swift-tools-version:5.9\nimport PackageDescription\nlet package = Package(name: 1)\n")
        let manifest = try book.render()
        #expect(manifest.status == 1)
        #expect(
            manifest.stderr.contains(
                "Broken/Package.swift:3:29: error: cannot convert value of type 'Int' to expected argument type 'String'"
            ),
            "\(manifest.stderr)")
        #expect(book.output("a.html") != nil, "the rest of the book renders")
    }
}
