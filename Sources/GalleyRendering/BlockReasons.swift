import Foundation

/// Why a block failed or did not run, in the book's language. Galley says it in English
/// (`does not compile`, `not run: the block at line 12 failed`); a table turns each of its own
/// phrases into another language, the block's line kept. What the program itself said (a trap's
/// message) is shown as it is.
public struct BlockReasons: Sendable {
    /// Galley's phrases and their translations; `{line}` stands for a line number.
    let phrases: [(english: String, translated: String)]

    public static let english = BlockReasons(phrases: [])

    public static let simplifiedChinese = BlockReasons(phrases: [
        ("does not compile", "无法编译"), ("not run", "未运行"),
        ("not run: the block at line {line} does not compile", "未运行：第 {line} 行的代码块无法编译"),
        ("not run: the chapter does not compile", "未运行：本章的代码无法编译"),
        ("not run: the block at line {line} failed", "未运行：第 {line} 行的代码块失败了"),
        ("not run: an earlier block failed", "未运行：前面的代码块失败了"), ("ran out of time", "超时"),
        ("it did not fail", "它没有失败"),
    ])

    public static let traditionalChinese = BlockReasons(phrases: [
        ("does not compile", "無法編譯"), ("not run", "未執行"),
        ("not run: the block at line {line} does not compile", "未執行：第 {line} 行的程式碼區塊無法編譯"),
        ("not run: the chapter does not compile", "未執行：本章的程式碼無法編譯"),
        ("not run: the block at line {line} failed", "未執行：第 {line} 行的程式碼區塊失敗了"),
        ("not run: an earlier block failed", "未執行：前面的程式碼區塊失敗了"), ("ran out of time", "逾時"),
        ("it did not fail", "它沒有失敗"),
    ])

    /// The reason in this language, when it is one of Galley's phrases; otherwise as it is.
    public func callAsFunction(_ reason: String) -> String {
        let line = reason.firstMatch(of: /line (\d+)/).map { String($0.output.1) }
        for (english, translated) in phrases {
            let filled = english.replacingOccurrences(of: "{line}", with: line ?? "")
            if filled == reason { return translated.replacingOccurrences(of: "{line}", with: line ?? "") }
        }
        return reason
    }
}
