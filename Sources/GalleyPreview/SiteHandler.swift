import FlyingFox
import Foundation

/// Answers the preview's requests: the site's files (pages with the live script added), the
/// script itself, and the event stream. Only GET and HEAD.
struct SiteHandler: HTTPHandler {
    let files: SiteFiles
    let hub: ReloadHub
    var beforeServing: (@Sendable (String) async -> Void)? = nil

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else {
            return Self.text(.methodNotAllowed, "only GET and HEAD")
        }
        switch request.path {
        case LiveScript.eventsPath:
            let body = HTTPBodySequence(from: EventBody(events: await hub.subscribe()))
            return HTTPResponse(
                statusCode: .ok,
                headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-cache"], body: body)
        case LiveScript.path:
            return HTTPResponse(
                statusCode: .ok,
                headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-cache"],
                body: Data(LiveScript.source.utf8))
        default:
            break
        }
        await beforeServing?(request.path)
        switch files.lookUp(request.path) {
        case .forbidden:
            return Self.text(.forbidden, "outside the site")
        case .notFound where request.path == "/favicon.ico":
            // Browsers ask every server for one; a site without it should not fill the console
            // of every previewed page with a failed request.
            return HTTPResponse(statusCode: .noContent)
        case .notFound:
            return Self.text(.notFound, "not found: \(request.path)")
        case .file(let url, let contentType):
            // The file is there; reading it fails only for a moment (out of file descriptors).
            guard var data = try? Data(contentsOf: url) else {
                return Self.text(.serviceUnavailable, "cannot read \(request.path) now; try again")
            }
            if contentType.hasPrefix("text/html") { data = Self.withLiveScript(data) }
            return HTTPResponse(
                statusCode: .ok, headers: [.contentType: contentType, .cacheControl: "no-cache"], body: data)
        }
    }

    /// The page with the live script before `</body>` (at the end when there is none).
    static func withLiveScript(_ page: Data) -> Data {
        let tag = Data(LiveScript.tag.utf8)
        guard let end = page.range(of: Data("</body>".utf8), options: .backwards) else { return page + tag }
        var result = page
        result.insert(contentsOf: tag, at: end.lowerBound)
        return result
    }

    private static func text(_ status: HTTPStatusCode, _ message: String) -> HTTPResponse {
        HTTPResponse(
            statusCode: status, headers: [.contentType: "text/plain; charset=utf-8"], body: Data((message + "\n").utf8))
    }
}
