// swift-tools-version:6.1
// Galley: literate course chapters whose code runs and whose numbers are checked.
//
// The targets follow the pipeline a chapter travels: load → parse → typeset → evaluate → check →
// render → write (GalleyPipeline runs the stages; GalleyPreview serves the result for
// `render --serve`). Every dependency points back along it (README, Development, has the table of
// what each target depends on).
import PackageDescription

/// Settings every Galley target shares: imports are internal unless a target says otherwise, and
/// existential types are spelled `any`.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Galley",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "render", targets: ["render"]),
        .library(name: "NeuralMath", targets: ["NeuralMath"]),
        .library(name: "GalleyPipeline", targets: ["GalleyPipeline"]),
    ],
    dependencies: [
        // A thin, well-kept command line (`render --help`, validation, exit codes). It builds in
        // well under a minute here.
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        // HTTP for `render --serve` (its products FlyingFox and FlyingSocks, used only by
        // GalleyPreview): a small server on plain sockets and Swift concurrency, 10 s
        // to build from nothing here in debug, 17 s in release (Hummingbird: 2.5–4.5 min;
        // BENCHMARKS.md).
        .package(url: "https://github.com/swhitty/FlyingFox", exact: "0.27.1"),
    ],
    targets: [
        // C stays behind this one module: Debian's libcmark-gfm-dev and libcmark-gfm-extensions-dev.
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // JavaScriptCore's C API (Debian's libjavascriptcoregtk-4.1-dev; Apple's JavaScriptCore has
        // the same), in which KaTeX typesets the book's math when it is built. Only
        // GalleyTypesetting imports it.
        .systemLibrary(
            name: "CJavaScriptCore",
            pkgConfig: "javascriptcoregtk-4.1",
            providers: [.apt(["libjavascriptcoregtk-4.1-dev"])]
        ),
        // The math the chapters run against. No dependencies.
        .target(name: "NeuralMath", swiftSettings: strictSettings),
        // Source locations and the one Diagnostic type. No dependencies.
        .target(name: "GalleyDiagnostics", swiftSettings: strictSettings),
        // What the stages share of the operating system: deep-stack worker threads, files put in
        // place atomically, child processes in a group of their own. No dependencies.
        .target(name: "GalleySystem", swiftSettings: strictSettings),
        // The one TeX reader, after the book's macros are expanded: closed arithmetic read and computed
        // here, in-process; formulas with a check comment read and translated into Swift, which the
        // chapter's program computes.
        .target(name: "GalleyFormulas", dependencies: ["GalleyRecords"], swiftSettings: strictSettings),
        // Parse: cmark-gfm plus Galley's math extension into a Swift-owned document tree.
        .target(
            name: "GalleyMarkdown",
            dependencies: ["CCmarkGFM", "GalleyDiagnostics"],
            swiftSettings: strictSettings
        ),
        // The one contract with chapter programs: the records they send (block starts, displays,
        // bindings, expectations, formula values, end), the Swift names Galley generates into
        // them, and the rules both sides apply to numbers (how a stated number is read and
        // compared, how a value is written in prose). Compiled by Galley and, from its embedded
        // sources, into chapter programs.
        .target(name: "GalleyRecords", swiftSettings: strictSettings),
        // The result model renderers draw: what each block printed and displayed (filled in by
        // evaluation), the formulas as KaTeX typeset them and the equation numbers, and the verdict
        // on each stated number and formula and the claims nothing checks (by the check stage).
        .target(
            name: "GalleyResults", dependencies: ["GalleyDiagnostics", "GalleyRecords"], swiftSettings: strictSettings),
        // Read meaning out of the parsed tree: the expression sites a chapter's code must compute
        // (stated numbers, inline values, closed arithmetic, checked formulas), equation labels and
        // references, and the claims the prose makes.
        .target(
            name: "GalleySemantics",
            dependencies: ["GalleyMarkdown", "GalleyFormulas", "GalleyDiagnostics", "GalleyRecords"],
            swiftSettings: strictSettings
        ),
        // What chapter code calls (show, table, expect, charts) and what checked formulas' Swift
        // calls; re-exports GalleyRecords. Compiled into chapter programs from its embedded sources.
        .target(name: "GalleyRuntime", dependencies: ["GalleyRecords"], swiftSettings: strictSettings),
        // Embeds NeuralMath's, the records' and the runtime's sources into GalleyEvaluation, so a
        // `render` binary copied anywhere can build what chapter programs link against.
        .executableTarget(name: "EmbedSources", swiftSettings: strictSettings),
        .plugin(name: "EmbedRuntimeSources", capability: .buildTool(), dependencies: ["EmbedSources"]),
        // Evaluate: chapters' `swift run` blocks compiled by swiftc against NeuralMath and the
        // runtime, run as notebooks, cached.
        .target(
            name: "GalleyEvaluation",
            dependencies: [
                "GalleyMarkdown", "GalleySemantics", "GalleyDiagnostics", "GalleyRecords", "GalleyResults",
                "GalleySystem",
            ],
            swiftSettings: strictSettings,
            plugins: ["EmbedRuntimeSources"]
        ),
        // Check: the numbers the prose states and the formulas it checks against the values computed;
        // fixes for stale numbers, the claims nothing checks, and bindings suggested for them.
        .target(
            name: "GalleyChecks",
            dependencies: [
                "GalleyFormulas", "GalleyMarkdown", "GalleySemantics", "GalleyDiagnostics", "GalleyRecords",
                "GalleyResults",
            ],
            swiftSettings: strictSettings
        ),
        // Typeset: every formula through KaTeX, in JavaScriptCore, when the book is built; cached.
        .target(
            name: "GalleyTypesetting", dependencies: ["CJavaScriptCore", "GalleyResults", "GalleySystem"],
            swiftSettings: strictSettings),
        // Render: HTML pages and GitHub-ready Markdown from the document tree and the results; the
        // verification page, the search index, chart SVGs, the site's stylesheet and scripts.
        .target(
            name: "GalleyRendering",
            dependencies: ["GalleyMarkdown", "GalleyDiagnostics", "GalleyRecords", "GalleyResults"],
            swiftSettings: strictSettings
        ),
        // The named stages in order: load, parse, typeset, evaluate, check, render, then write the
        // output folder atomically (or, for --fix and --bind, rewrite the chapters); the render cache.
        .target(
            name: "GalleyPipeline",
            dependencies: [
                "GalleyMarkdown", "GalleySemantics", "GalleyEvaluation", "GalleyChecks", "GalleyResults",
                "GalleyTypesetting", "GalleyRendering", "GalleyDiagnostics", "GalleyRecords", "GalleySystem",
            ],
            swiftSettings: strictSettings
        ),
        // Preview: serves the rendered site, watches the book, reloads open pages after each render.
        .target(
            name: "GalleyPreview",
            dependencies: [
                "GalleySystem", .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ],
            swiftSettings: strictSettings
        ),
        // The thin command line: its options, validation, exit codes, diagnostics and summary lines.
        .executableTarget(
            name: "render",
            dependencies: [
                "GalleyPipeline",
                "GalleyPreview",
                "GalleyDiagnostics",
                "GalleySystem",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),

        // MARK: - Tests
        .target(
            name: "GalleyTestSupport",
            dependencies: ["GalleyMarkdown", "GalleyDiagnostics", "GalleySystem"],
            path: "Tests/GalleyTestSupport",
            swiftSettings: strictSettings
        ),
        .testTarget(name: "NeuralMathTests", dependencies: ["NeuralMath"], swiftSettings: strictSettings),
        .testTarget(
            name: "GalleyMarkdownTests",
            dependencies: ["GalleyMarkdown", "GalleyTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "GalleyFormulasTests", dependencies: ["GalleyFormulas"], swiftSettings: strictSettings),
        .testTarget(
            name: "GalleyTypesettingTests", dependencies: ["GalleyTypesetting"], swiftSettings: strictSettings),
        .testTarget(
            name: "GalleySemanticsTests",
            dependencies: [
                "GalleySemantics", "GalleyMarkdown", "GalleyFormulas", "GalleyDiagnostics", "GalleyTestSupport",
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "GalleyPipelineTests",
            dependencies: [
                "GalleyPipeline", "GalleyEvaluation", "GalleyDiagnostics", "GalleyRecords", "GalleyResults",
                "GalleySemantics",
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "GalleyEvaluationTests",
            dependencies: ["GalleyEvaluation", "GalleyRecords"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "GalleyChecksTests",
            dependencies: [
                "GalleyChecks", "GalleyRecords", "GalleyMarkdown", "GalleySemantics", "GalleyEvaluation",
                "GalleyResults", "GalleyTestSupport",
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "GalleyRenderingTests",
            dependencies: [
                "GalleyRendering", "GalleyMarkdown", "GalleyResults", "GalleyDiagnostics", "GalleyTestSupport",
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "BrowserTests",
            dependencies: ["GalleyTestSupport", "render"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RenderCommandTests",
            dependencies: [
                "GalleyTestSupport", "GalleyMarkdown", "GalleySemantics", "GalleyFormulas", "GalleyRecords",
                "GalleyPipeline", "GalleySystem", "render",
            ],
            swiftSettings: strictSettings
        ),
    ]
)
