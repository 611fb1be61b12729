import Foundation
import GalleyTestSupport
import Testing

/// `render` carries the sources chapter programs compile against (NeuralMath, the records, the
/// runtime), so a binary copied anywhere renders chapters with code — nothing is looked up in the
/// package it was built from.
@Suite("A render binary that travels")
struct TravellingBinaryTests {
    static let chapter = """
        # 复制到别处

        ```swift run
        let a = softmax([3, 1, -3])
        show(a, label: "a")
        ```

        最大的概率约为 [0.88](=a[0])。

        """

    /// Whether the test can hide the package's folder from the copied binary: a private mount
    /// namespace needs root (CI runs as root) and `unshare`.
    static let canHideSourceTree = geteuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare")

    @Test(
        "copied out of the package, with the package's folder hidden, it builds NeuralMath and the runtime into a fresh library cache and renders code",
        .enabled(if: canHideSourceTree, "hiding the source tree needs root and unshare"))
    func copiedBinaryRendersCodeWithoutTheSourceTree() throws {
        let book = try TemporaryBook(["01.md": Self.chapter])
        let binary = book.root.appendingPathComponent("bin/render")
        try FileManager.default.createDirectory(
            at: binary.deletingLastPathComponent(), withIntermediateDirectories: true)
        // Copied by `cp`, not in this process: a file this process has open for writing can be held
        // open by a child another test forks meanwhile, and then cannot be run ("text file busy").
        let copy = try runProgram(URL(fileURLWithPath: "/bin/cp"), [RenderBinary.url.path, binary.path])
        #expect(copy.status == 0, "\(copy.stderr)")
        let cache = book.root.appendingPathComponent("fresh-cache")
        let libraries = book.root.appendingPathComponent("fresh-libraries")
        // An empty file system over the package's folder, for the copied binary alone.
        let hide = #"mount -t tmpfs galley-hidden "$1" && test ! -e "$1/Package.swift" && shift && exec "$@""#
        let root = RenderBinary.packageRoot.path
        let run = try runProgram(
            URL(fileURLWithPath: "/usr/bin/unshare"),
            [
                "--mount", "sh", "-c", hide, "sh", root, binary.path, "Chapters", "--cache-dir", cache.path,
                "--library-cache",
                libraries.path, "--check",
            ],
            in: book.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stdout.contains(
                "1 stated number checked in 1 chapter (1 computed, 0 restated inputs), 0 wrong; 0 of 1 stated number unchecked"
            ), "\(run.stdout)")
        let built = try FileManager.default.contentsOfDirectory(atPath: libraries.path).filter {
            $0.hasPrefix("runtime-")
        }
        try #require(built.count == 1, "\(built)")
        let files = try FileManager.default.contentsOfDirectory(atPath: libraries.appendingPathComponent(built[0]).path)
        #expect(Set(files).isSuperset(of: ["libNeuralMath.so", "libGalleyRecords.so", "libGalleyRuntime.so"]))
    }
}
