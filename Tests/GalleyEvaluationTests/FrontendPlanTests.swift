import Foundation
import Testing

@testable import GalleyEvaluation

/// The frontend command `swiftc -###` plans, read once and filled in for each compile.
@Suite("Frontend plans")
struct FrontendPlanTests {
    static let source = FrontendPlan.sourceMark
    static let output = FrontendPlan.outputMark

    @Test("the placeholders become the sources and the output; every other word stays in its place")
    func fillsIn() throws {
        let plan = try #require(
            FrontendPlan(
                driverOutput:
                    "/usr/bin/swift-frontend -frontend -c \(Self.source) -target x86_64 -Onone -o \(Self.output)\n"))
        #expect(plan.frontend == "/usr/bin/swift-frontend")
        #expect(
            plan.arguments(sources: ["/b/a.swift", "/b/main.swift"], output: "/c/p.o")
                == ["-frontend", "-c", "/b/a.swift", "/b/main.swift", "-target", "x86_64", "-Onone", "-o", "/c/p.o"])
    }

    @Test(
        "anything but one frontend job in plain words is not read",
        arguments: [
            "",
            "/usr/bin/swift-frontend -frontend -c \(source) -o \(output)\n/usr/bin/clang -o program",
            "/usr/bin/swift-frontend -frontend -c \(source) -I '/a b' -o \(output)",
            "/usr/bin/swift-frontend -frontend -c \(source) -I \"/a b\" -o \(output)",
            "/usr/bin/swift-frontend -frontend -c /a\\ b/x.swift \(source) -o \(output)",
            "/usr/bin/swift-frontend -frontend -c \(source) \(source) -o \(output)",
            "/usr/bin/swift-frontend -frontend -c \(source) -o /elsewhere.o",
            "/usr/bin/clang -c \(source) -o \(output)",
            "error: unknown argument: '-###'",
        ])
    func refused(_ text: String) {
        #expect(FrontendPlan(driverOutput: text) == nil)
    }

    @Test("this toolchain's swiftc plans a compile Galley can read")
    func realDriver() throws {
        let swiftc = try #require(SwiftCompiler.find())
        let process = Process()
        process.executableURL = URL(fileURLWithPath: swiftc)
        process.arguments =
            ["-diagnostic-style", "llvm", "-Onone", "-wmo", "-module-name", "Chapter"] + FrontendPlan.question
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let plan = try #require(FrontendPlan(driverOutput: text), "\(text)")
        let arguments = plan.arguments(sources: ["/x/a.swift"], output: "/x/a.o")
        #expect(arguments.contains("/x/a.swift") && arguments.contains("/x/a.o"))
        #expect(arguments.contains("-module-name") && arguments.contains("Chapter"))
    }
}
