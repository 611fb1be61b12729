import Foundation
import GalleyTestSupport
import Testing

/// NeuralMath and the runtime are built once per machine, in the user's cache folder, for every
/// book.
@Suite("The shared library cache")
struct LibraryCacheTests {
    static let chapter = """
        ```swift run
        let a = softmax([3, 1, -3])
        ```

        The first probability is [0.88](=a[0]).

        """

    /// The `runtime-…` folders in `folder`.
    static func runtimes(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasPrefix("runtime-") }
    }

    @Test(
        "two books rendered at once from different folders build the libraries once, in $XDG_CACHE_HOME/galley, and neither book's cache holds them"
    )
    func sharedByBooks() throws {
        let first = try TemporaryBook(["a.md": Self.chapter])
        let second = try TemporaryBook(["b.md": Self.chapter])
        let home = first.root.appendingPathComponent("xdg")
        let environment = ["XDG_CACHE_HOME": home.path]
        // Each book with its own cache, as two course repositories have.
        let books = [first, second]
        let roots = books.map(\.root)
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: roots.count) { index in
            let cache = roots[index].appendingPathComponent(".galley-cache")
            let run = Result {
                try RenderBinary.run(
                    ["Chapters", "--check", "--cache-dir", cache.path], in: roots[index], environment: environment)
            }
            results.set(index, run)
        }
        for (index, root) in roots.enumerated() {
            let result = try results.get(index)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(Self.runtimes(in: root.appendingPathComponent(".galley-cache")).isEmpty)
        }
        let shared = home.appendingPathComponent("galley")
        #expect(Self.runtimes(in: shared).count == 1, "\(Self.runtimes(in: shared))")
        let leftovers = (try FileManager.default.contentsOfDirectory(atPath: shared.path)).filter {
            $0.contains("building")
        }
        #expect(leftovers.isEmpty, "no half-built folder stays: \(leftovers)")

        // --library-cache moves it.
        let moved = first.root.appendingPathComponent("libraries")
        let third = try first.render(
            [
                "--check", "--no-cache", "--cache-dir", first.root.appendingPathComponent("other-cache").path,
                "--library-cache", moved.path,
            ],
            environment: environment)
        #expect(third.status == 0, "\(third.stderr)")
        #expect(Self.runtimes(in: moved).count == 1)
    }

}

/// What renders started side by side gave, by index.
private final class Results: @unchecked Sendable {
    private var runs: [Int: Result<RenderRun, any Error>] = [:]
    private let lock = NSLock()

    func set(_ index: Int, _ run: Result<RenderRun, any Error>) {
        lock.withLock { runs[index] = run }
    }

    func get(_ index: Int) throws -> RenderRun {
        try lock.withLock { runs[index] }!.get()
    }
}
