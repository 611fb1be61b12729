import Foundation
import GalleyResults
import GalleySystem
import Testing

@testable import GalleyTypesetting

/// The math cache: formulas typeset in a run go to a journal as they are made and are written
/// into the cache file a piece at a time, so a book's formulas are never all in memory; the next
/// run reads them back by index.
@Suite("Math cache")
struct MathCacheTests {
    /// A stand-in for KaTeX that counts its calls in the HTML it returns.
    static let countingKaTeX = """
        var calls = 0;
        var katex = {
          version: "test",
          ParseError: function () {},
          renderToString: function (tex, options) {
            calls += 1;
            return "<span class=\\"" + (options.displayMode ? "display" : "inline") + "\\">" + tex + "</span>";
          }
        };
        """

    static func typesetter(in folder: URL, reads: Bool = true) throws -> MathTypesetter {
        let script = folder.appendingPathComponent("katex.js")
        if !FileManager.default.fileExists(atPath: script.path) {
            try countingKaTeX.write(to: script, atomically: true, encoding: .utf8)
        }
        return try MathTypesetter(script: script, cacheFolder: folder.appendingPathComponent("cache"), reads: reads)
    }

    @Test("the streamed digest is the one-piece digest, however the bytes are cut")
    func streamedDigest() {
        var generator = SystemRandomNumberGenerator()
        for length in [0, 1, 7, 8, 15, 16, 17, 31, 33, 100, 4099] {
            let bytes = Data((0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) })
            for piece in [1, 3, 16, 17, 1000] {
                var stream = WideDigest.Stream()
                var offset = 0
                while offset < length {
                    stream.add(bytes[offset..<min(length, offset + piece)])
                    offset += piece
                }
                #expect(stream.hex() == WideDigest.hex(of: bytes), "length \(length), pieces of \(piece)")
            }
        }
    }

    @Test("formulas typeset in one run come back from the cache in the next, the same, and none is typeset again")
    func roundTrip() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("galley-math-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let keys = (0..<300).map { TypesetMath.Key(tex: "x_{\($0)} + 雅可比", display: $0 % 3 == 0) }

        do {
            let first = try Self.typesetter(in: folder)
            let made = try first.typeset(keys)
            // The same formulas from another chapter: from this run's journal, not typeset again.
            let again = try first.typeset(keys.reversed())
            #expect(first.statistics.typeset == 300)
            #expect(first.statistics.repeated == 300)
            #expect(again == made)
            #expect(made[keys[3]]?.html == "<span class=\"display\">x_{3} + 雅可比</span>")
            first.save()

            let second = try Self.typesetter(in: folder)
            let read = try second.typeset(keys + [TypesetMath.Key(tex: "y", display: false)])
            #expect(second.statistics.fromCache == 300)
            #expect(second.statistics.typeset == 1)
            for key in keys { #expect(read[key] == made[key]) }
            second.save()

            // Both runs' formulas are in the file now; a run that does not read it typesets them all.
            let third = try Self.typesetter(in: folder)
            _ = try third.typeset(keys + [TypesetMath.Key(tex: "y", display: false)])
            #expect(third.statistics.fromCache == 301)
            let fresh = try Self.typesetter(in: folder, reads: false)
            _ = try fresh.typeset(keys)
            #expect(fresh.statistics.fromCache == 0 && fresh.statistics.typeset == 300)

        }
        // The runs are over: nothing of their journals is left beside the cache file.
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("cache/math").path)
        #expect(left.count == 1 && left[0].hasPrefix("katex-"), "\(left)")
    }
}
