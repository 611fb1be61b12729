import Foundation
import GalleySystem

/// The print page open in a headless Chromium (`DevToolsConnection`), loaded with its fonts,
/// ready to print to PDF as many times as asked.
struct PrintTab {
    let browser: DevToolsConnection
    let session: String
    let deadline: ContinuousClock.Instant

    /// Opens `page` in a new tab and waits until it has loaded, its fonts too.
    init(browser: DevToolsConnection, page: URL, deadline: ContinuousClock.Instant) throws(DevToolsConnection.Failure) {
        self.browser = browser
        self.deadline = deadline
        let target = try browser.call("Target.createTarget", ["url": "about:blank"])
        let attached = try browser.call(
            "Target.attachToTarget", ["targetId": target["targetId"] as? String ?? "", "flatten": true])
        guard let session = attached["sessionId"] as? String else {
            throw DevToolsConnection.Failure(description: "no session for the print page: \(attached)")
        }
        self.session = session
        _ = try call("Page.enable")
        let navigated = try call("Page.navigate", ["url": page.absoluteURL.absoluteString])
        if let error = navigated["errorText"] as? String {
            throw DevToolsConnection.Failure(description: "\(page.path): \(error)")
        }
        try limited { () throws(DevToolsConnection.Failure) in
            try browser.wait(for: "Page.loadEventFired", session: session)
        }
        // Evaluated after the load event's handlers (print.js fits wide formulas then).
        _ = try evaluate("document.fonts.ready.then(function () { return true; })")
    }

    /// Fills the contents' page numbers: `pages` by element id.
    func numberContents(_ pages: [String: Int]) throws(DevToolsConnection.Failure) {
        guard let json = try? JSONSerialization.data(withJSONObject: pages, options: [.sortedKeys]) else { return }
        _ = try evaluate("galleyNumberContents(\(String(decoding: json, as: UTF8.self)))")
    }

    /// A contents entry: where it leads, its depth (1 a chapter, 2 a section) and its text.
    struct Entry: Equatable {
        var id: String
        var depth: Int
        var title: String
    }

    /// The contents' entries, their texts as the headings read, formulas included.
    func contents() throws(DevToolsConnection.Failure) -> [Entry] {
        let result = try evaluate("galleyContents()")
        let values = (result["result"] as? [String: Any])?["value"] as? [[String: Any]] ?? []
        return values.compactMap { value in
            guard let id = value["id"] as? String, let title = value["title"] as? String else { return nil }
            return Entry(id: id, depth: value["depth"] as? Int ?? 1, title: title)
        }
    }

    /// Prints the page into `pdf`, streamed: tagged, or plain (faster; for reading where things
    /// fall).
    func print(to pdf: URL, tagged: Bool) throws(DevToolsConnection.Failure) {
        let printed = try call(
            "Page.printToPDF",
            [
                "printBackground": true, "preferCSSPageSize": true, "generateTaggedPDF": tagged,
                "transferMode": "ReturnAsStream",
            ])
        guard let stream = printed["stream"] as? String else {
            throw DevToolsConnection.Failure(description: "Page.printToPDF gave no stream: \(printed)")
        }
        guard FileManager.default.createFile(atPath: pdf.path, contents: nil),
            let handle = try? FileHandle(forWritingTo: pdf)
        else { throw DevToolsConnection.Failure(description: "cannot write \(pdf.path)") }
        defer { try? handle.close() }
        while true {
            let chunk = try call("IO.read", ["handle": stream, "size": 1 << 20])
            let text = chunk["data"] as? String ?? ""
            let bytes = chunk["base64Encoded"] as? Bool == true ? Data(base64Encoded: text) : Data(text.utf8)
            guard let bytes, (try? handle.write(contentsOf: bytes)) != nil else {
                throw DevToolsConnection.Failure(description: "cannot write \(pdf.path)")
            }
            if chunk["eof"] as? Bool == true { break }
        }
        _ = try call("IO.close", ["handle": stream])
    }

    /// A JavaScript expression's value in the page, promises awaited.
    private func evaluate(_ expression: String) throws(DevToolsConnection.Failure) -> [String: Any] {
        let result = try call(
            "Runtime.evaluate", ["expression": expression, "awaitPromise": true, "returnByValue": true])
        if let details = result["exceptionDetails"] as? [String: Any] {
            throw DevToolsConnection.Failure(description: "the print page: \(details["text"] ?? details)")
        }
        return result
    }

    private func call(_ method: String, _ parameters: [String: Any] = [:]) throws(DevToolsConnection.Failure)
        -> [String: Any]
    {
        try limited { () throws(DevToolsConnection.Failure) in try browser.call(method, parameters, session: session) }
    }

    /// Runs `body` with what is left of the time for printing as its ceiling.
    private func limited<T>(_ body: () throws(DevToolsConnection.Failure) -> T) throws(DevToolsConnection.Failure) -> T
    {
        let left = deadline - ContinuousClock.now
        guard left > .zero else { throw DevToolsConnection.Failure(description: "out of time") }
        browser.ceiling = left
        return try body()
    }
}
