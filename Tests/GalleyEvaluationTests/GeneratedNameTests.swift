import GalleyRecords
import Testing

@testable import GalleyEvaluation

@Suite("The Swift names Galley writes into chapter programs")
struct GeneratedNameTests {
    /// The runtime's sources as chapter programs compile them: embedded in Galley at build time.
    static let runtimeSource: String = {
        EmbeddedRuntimeSources.modules.filter { $0.name == "GalleyRuntime" }.flatMap(\.files).map(\.text).joined(
            separator: "\n")
    }()

    @Test(
        "every name generated code calls is declared by the runtime chapter programs compile",
        arguments: GeneratedName.allCases.filter(\.declaredByRuntime))
    func declaredByRuntime(name: GeneratedName) {
        #expect(Self.declares(name.rawValue), "the runtime does not declare \(name)")
    }

    @Test(
        "names local to generated code are not declared by the runtime, so they cannot clash with it",
        arguments: GeneratedName.allCases.filter { !$0.declaredByRuntime })
    func localNames(name: GeneratedName) {
        #expect(!Self.declares(name.rawValue))
    }

    /// Whether the runtime's source has `public func NAME`, `public struct NAME` or the like, with
    /// the name whole (not the start of a longer one).
    static func declares(_ name: String) -> Bool {
        ["func", "struct", "enum", "class"].contains { keyword in
            var rest = Substring(runtimeSource)
            while let found = rest.range(of: "public \(keyword) \(name)") {
                let next = rest[found.upperBound...].first
                if let next, !(next.isLetter || next.isNumber || next == "_") { return true }
                rest = rest[found.upperBound...]
            }
            return false
        }
    }

    @Test("every generated name has Galley's prefix")
    func prefix() {
        for name in GeneratedName.allCases {
            #expect(name.rawValue.hasPrefix("_galley") || name.rawValue.hasPrefix("_Galley"), "\(name)")
        }
        #expect(Set(GeneratedName.allCases.map(\.rawValue)).count == GeneratedName.allCases.count)
    }

    @Test("the embedded sources are the three modules, in build order, and none is empty")
    func embeddedModules() {
        #expect(EmbeddedRuntimeSources.modules.map(\.name) == ["NeuralMath", "GalleyRecords", "GalleyRuntime"])
        for module in EmbeddedRuntimeSources.modules {
            #expect(!module.files.isEmpty)
            #expect(module.files.allSatisfy { $0.name.hasSuffix(".swift") && !$0.text.isEmpty })
        }
        #expect(RuntimeLibrary.buildWaves == [["NeuralMath", "GalleyRecords"], ["GalleyRuntime"]])
    }
}
