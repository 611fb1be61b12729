import CJavaScriptCore
import Foundation
import GalleyResults

/// KaTeX itself — Debian's `katex.min.js` — loaded into a JavaScriptCore context of its own.
///
/// One engine serves one thread at a time: `MathTypesetter` keeps a pool, so that each of the
/// threads that render chapters typesets with an engine of its own, and hands an engine from one
/// thread to another only through the pool's lock (hence `@unchecked Sendable`).
final class KaTeXEngine: @unchecked Sendable {
    private let context: JSGlobalContextRef
    private let typesetFunction: JSObjectRef

    /// How long one formula may take before JavaScriptCore's watchdog stops it: KaTeX limits macro
    /// expansion itself, so only a formula built to be slow ever meets this.
    static let defaultTimeLimit = 10.0
    /// The limit of this engine, in seconds.
    let timeLimit: Double

    /// Loads KaTeX's script and the few lines of glue that call it.
    init(script: String, timeLimit: Double = defaultTimeLimit) throws(TypesettingError) {
        self.timeLimit = timeLimit
        let group = JSContextGroupCreate()
        defer { JSContextGroupRelease(group) }
        let context = JSGlobalContextCreateInGroup(group, nil)!
        // Stop, never hang: the callback says yes, the call throws, and the engine goes on.
        JSContextGroupSetExecutionTimeLimit(group, timeLimit, { _, _ in true }, nil)
        do {
            _ = try Self.evaluate(script, in: context)
            _ = try Self.evaluate(Self.glue, in: context)
        } catch {
            JSGlobalContextRelease(context)
            throw error
        }
        self.context = context
        let name = JSStringCreateWithUTF8CString("__galleyTypeset")
        defer { JSStringRelease(name) }
        guard
            let value = JSObjectGetProperty(context, JSContextGetGlobalObject(context), name, nil),
            let function = JSValueToObject(context, value, nil)
        else {
            JSGlobalContextRelease(context)
            throw TypesettingError(message: "KaTeX's script did not define what Galley calls")
        }
        typesetFunction = function
        JSValueProtect(context, function)
    }

    deinit {
        JSValueUnprotect(context, typesetFunction)
        JSGlobalContextRelease(context)
    }

    /// KaTeX's version string (`0.16.4`).
    func version() throws(TypesettingError) -> String {
        try Self.evaluate("katex.version", in: context)
    }

    /// Typesets one formula; macros are a JSON object of KaTeX macros (`{"\\R": "\\mathbb{R}"}`).
    func typeset(_ tex: String, display: Bool, macrosJSON: String) -> TypesetMath {
        let arguments: [JSValueRef?] = [
            makeString(tex), JSValueMakeBoolean(context, display), makeString(macrosJSON),
        ]
        var exception: JSValueRef?
        let result = arguments.withUnsafeBufferPointer { buffer in
            JSObjectCallAsFunction(context, typesetFunction, nil, buffer.count, buffer.baseAddress, &exception)
        }
        guard exception == nil, let result, let reply = JSValueToObject(context, result, nil) else {
            let message = exception.flatMap { Self.string($0, in: context) } ?? "no result"
            if message.contains("terminated") {
                return TypesetMath(
                    error: "typesetting took longer than \(String(format: "%g", timeLimit)) s and was stopped")
            }
            return TypesetMath(error: "KaTeX failed: \(message)")
        }
        // The reply's fields, read directly: no JSON between the engine and Galley.
        func field(_ name: String) -> JSValueRef? {
            let key = JSStringCreateWithUTF8CString(name)
            defer { JSStringRelease(key) }
            guard let value = JSObjectGetProperty(context, reply, key, nil), !JSValueIsUndefined(context, value),
                !JSValueIsNull(context, value)
            else { return nil }
            return value
        }
        let remarks = field("remarks").flatMap { Self.string($0, in: context) } ?? ""
        return TypesetMath(
            html: field("html").flatMap { Self.string($0, in: context) },
            error: field("error").flatMap { Self.string($0, in: context) },
            errorOffset: field("position").map { Int(JSValueToNumber(context, $0, nil)) },
            remarks: remarks.isEmpty ? [] : remarks.components(separatedBy: "\u{0}"))
    }

    /// Calls KaTeX with its errors thrown (so that they become diagnostics), its strict-mode
    /// remarks collected rather than printed, and the macros copied for each formula (a `\gdef`
    /// in one formula must not leak into the next).
    private static let glue = #"""
        function __galleyTypeset(tex, display, macrosJSON) {
          var remarks = [];
          try {
            var html = katex.renderToString(tex, {
              displayMode: display,
              output: "htmlAndMathml",
              throwOnError: true,
              macros: JSON.parse(macrosJSON),
              maxExpand: 1000,
              strict: function (code, message) { remarks.push(message); return "ignore"; }
            });
            return { html: html, remarks: remarks.join("\u0000") };
          } catch (error) {
            if (error instanceof katex.ParseError) {
              // KaTeX's message ends with where it stopped, which the diagnostic's position says.
              var parts = /^KaTeX parse error: ([\s\S]*?)( at end of input| at position \d+): [\s\S]*$/
                .exec(String(error.message));
              var message = parts ? parts[1] + (parts[2] === " at end of input" ? parts[2] : "")
                : String(error.message).replace(/^KaTeX parse error: /, "");
              return { error: message, position: error.position, remarks: remarks.join("\u0000") };
            }
            return { error: String(error), remarks: remarks.join("\u0000") };
          }
        }
        """#

    // MARK: - JavaScriptCore

    private static func evaluate(_ source: String, in context: JSGlobalContextRef) throws(TypesettingError) -> String {
        let script = makeJSString(source)
        defer { JSStringRelease(script) }
        var exception: JSValueRef?
        let value = JSEvaluateScript(context, script, nil, nil, 1, &exception)
        if let exception {
            throw TypesettingError(
                message: "KaTeX's script failed: \(string(exception, in: context) ?? "an exception")")
        }
        return value.flatMap { string($0, in: context) } ?? ""
    }

    /// A JavaScript string from the UTF-16 of a Swift string: TeX may hold any character.
    private static func makeJSString(_ text: String) -> JSStringRef {
        let units = Array(text.utf16)
        return units.withUnsafeBufferPointer { JSStringCreateWithCharacters($0.baseAddress, $0.count) }
    }

    private func makeString(_ text: String) -> JSValueRef? {
        let string = Self.makeJSString(text)
        defer { JSStringRelease(string) }
        return JSValueMakeString(context, string)
    }

    private static func string(_ value: JSValueRef, in context: JSGlobalContextRef) -> String? {
        guard let string = JSValueToStringCopy(context, value, nil) else { return nil }
        defer { JSStringRelease(string) }
        let length = JSStringGetLength(string)
        guard let characters = JSStringGetCharactersPtr(string) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: characters, count: length), as: UTF16.self)
    }
}

/// KaTeX or JavaScriptCore could not be started: a problem of the machine, not of a chapter.
public struct TypesettingError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}
