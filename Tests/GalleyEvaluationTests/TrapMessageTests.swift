import Testing

@testable import GalleyEvaluation

@Suite("Reading a trap from what the program wrote to standard error")
struct TrapMessageTests {
    private func trap(_ text: String, signal: Int32? = 4, exitStatus: Int32? = nil) -> (text: String, line: Int?) {
        TrapMessage.read(text, exitStatus: exitStatus, signal: signal, chapterPath: "Chapters/01-trap.md")
    }

    @Test("Swift's 'Fatal error' line gives the message and, in the chapter's file, the line")
    func fatalError() {
        let message = trap("Chapter/01-trap.md:12: Fatal error: the model diverged\n")
        #expect(message.text == "Fatal error: the model diverged")
        #expect(message.line == 12)
        let elsewhere = trap("NeuralMath/Softmax.swift:40: Fatal error: Index out of range\n")
        #expect(elsewhere.text == "Fatal error: Index out of range")
        #expect(elsewhere.line == nil)
    }

    @Test("the backtracer's headline and the first frame in the chapter")
    func backtrace() {
        let text = """
            *** Swift runtime failure: arithmetic overflow ***
            Thread 0 crashed:
            0   0x000055d5 main + 389 in program at Chapters/01-trap.md:11:16
            1   0x000055d6 start + 12 in program
            """
        let message = trap(text)
        #expect(message.text == "Swift runtime failure: arithmetic overflow")
        #expect(message.line == 11)
    }

    @Test("without a message: the last line written, then the signal, then the exit status")
    func fallbacks() {
        #expect(trap("something went wrong\n\n").text == "something went wrong")
        #expect(trap("", signal: 9).text == "stopped by signal 9")
        #expect(trap("", signal: nil, exitStatus: 3).text == "exited with status 3")
    }

    @Test("the stack trace is dropped from what the page shows; the rest is kept")
    func stackTraceDropped() {
        let text = """
            printed before
            Current stack trace:
            0    libswiftCore.so    0x00007f swift_fatalError + 12
            1    program            0x000055 main + 40
            Backtrace took 0.01s
            after
            """
        #expect(TrapMessage.withoutStackTrace(text) == "printed before\nafter\n")
    }
}
