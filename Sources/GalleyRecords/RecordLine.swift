import Foundation

/// How a `ProgramRecord` travels: on a line of its own among what the program prints, so that
/// records and printed text stay in the order they happened.
///
/// A record line starts with the ASCII record separator (U+001E), the word `galley` and a nonce
/// Galley chose for this run — nothing a program prints can be mistaken for one — followed by the
/// record as JSON (NaN and the infinities as strings):
///
///     ␞galley NONCE {"blockStarted":{"index":3}}
///     ␞galley NONCE {"display":{"_0":{"value":{"label":"a","text":"0.8789"}}}}
///     ␞galley NONCE {"end":{}}
public enum RecordLine {
    /// The first bytes of every record line, before the nonce.
    public static let marker = "\u{1E}galley "

    /// The environment variable that carries the nonce to the program.
    public static let nonceVariable = "GALLEY_NONCE"

    /// The line for a record, with its newline.
    public static func encode(_ record: ProgramRecord, nonce: String) -> String {
        let json: String
        do {
            json = String(decoding: try encoder.encode(record), as: UTF8.self)
        } catch {
            // Every record is plain data; this cannot fail, but a line Galley cannot read is
            // reported rather than lost.
            json = "\"unencodable: \(error)\""
        }
        return "\(marker)\(nonce) \(json)\n"
    }

    /// Why a record line could not be read.
    public struct UnreadableRecord: Error, CustomStringConvertible, Sendable {
        /// The start of the line's payload, for the diagnostic.
        public var payload: String
        public var reason: String

        public var description: String { "\(reason): \(payload)" }
    }

    /// The record in a line's payload: the JSON after the marker and nonce.
    public static func decode(_ payload: some Collection<UInt8>) throws(UnreadableRecord) -> ProgramRecord {
        do {
            return try decoder.decode(ProgramRecord.self, from: Data(payload))
        } catch {
            let text = String(decoding: payload.prefix(200), as: UTF8.self)
            throw UnreadableRecord(payload: text, reason: Self.reason(error))
        }
    }

    // MARK: - JSON

    private static let floatStrings = (positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: floatStrings.positiveInfinity, negativeInfinity: floatStrings.negativeInfinity,
            nan: floatStrings.nan)
        return encoder
    }

    private static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: floatStrings.positiveInfinity, negativeInfinity: floatStrings.negativeInfinity,
            nan: floatStrings.nan)
        return decoder
    }

    /// A decoding error in a few words: what was wrong and where in the record.
    private static func reason(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "not a record" }
        switch error {
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not JSON" : "bad value at \(path(context.codingPath))"
        case .keyNotFound(let key, let context):
            return "missing '\(key.stringValue)'"
                + (context.codingPath.isEmpty ? "" : " in \(path(context.codingPath))")
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            // An enum case name Galley does not know fails at the top, as a mismatch.
            return context.codingPath.isEmpty ? "unknown record" : "wrong type at \(path(context.codingPath))"
        @unknown default:
            return "not a record"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
}
