public import Foundation

/// axe-core, the accessibility engine, run on a page open in Chromium: `scripts/setup.sh` puts
/// its `axe.min.js` (from a PyPI wheel pinned by hash) into `.build/tools/axe/`.
public enum Axe {
    public static let script = RenderBinary.packageRoot.appendingPathComponent(".build/tools/axe/axe.min.js")

    /// One rule a page breaks, with where.
    public struct Violation: CustomStringConvertible, Sendable {
        public var rule: String
        /// axe's impact: minor, moderate, serious or critical.
        public var impact: String
        public var help: String
        /// CSS selectors of the first elements that break it.
        public var targets: [String]

        public var description: String { "\(impact) \(rule) (\(help)) at \(targets.joined(separator: ", "))" }
        /// Serious and critical violations are what the tests require none of.
        public var isSerious: Bool { impact == "serious" || impact == "critical" }
    }

    /// Runs axe-core on the page as it is now (injected through the DevTools protocol, which the
    /// page's Content-Security-Policy does not govern) and returns every violation.
    public static func violations(in tab: Browser.Tab) throws -> [Violation] {
        guard let source = try? String(contentsOf: script, encoding: .utf8) else {
            throw Browser.Failure(
                description: "axe-core is missing at \(script.path): run scripts/setup.sh (make test does)")
        }
        if try tab.evaluate("typeof axe") as? String != "object" {
            _ = try tab.evaluate(source + "\n;true")
        }
        _ = try tab.evaluate(
            """
            window.galleyAxe = undefined;
            axe.run(document, {resultTypes: ["violations"]}).then(
              r => { window.galleyAxe = JSON.stringify(r.violations.map(v => ({
                rule: v.id, impact: v.impact || "", help: v.help,
                targets: v.nodes.slice(0, 5).map(n => n.target.join(" "))}))); },
              e => { window.galleyAxe = JSON.stringify([{rule: "axe-error", impact: "critical", help: String(e), targets: []}]); });
            true
            """)
        try tab.wait(until: "window.galleyAxe !== undefined")
        guard let text = try tab.evaluate("window.galleyAxe") as? String,
            let list = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]]
        else { throw Browser.Failure(description: "axe-core's result cannot be read") }
        return list.map { item in
            Violation(
                rule: item["rule"] as? String ?? "", impact: item["impact"] as? String ?? "",
                help: item["help"] as? String ?? "", targets: item["targets"] as? [String] ?? [])
        }
    }
}
