import C4CCore
import Foundation
import Hummingbird

/// An `application/x-www-form-urlencoded` body as name → value (the last value of a repeated name
/// wins; `all` keeps every one, for checkboxes).
struct FormData: Sendable {
    let pairs: [(String, String)]

    init(pairs: [(String, String)]) { self.pairs = pairs }

    init(encoded: String) {
        pairs = encoded.split(separator: "&", omittingEmptySubsequences: true).map { part in
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (Self.decode(pieces[0]), pieces.count > 1 ? Self.decode(pieces[1]) : "")
        }
    }

    /// One name or value, decoded as browsers send it (`FormQuery.decoded`), then `FormText.clean`.
    static func decode(_ text: Substring) -> String {
        FormText.clean(FormQuery.decoded(text))
    }

    static let maximumBytes = 1_000_000
    static let tooLarge = "error_form_too_large"

    static func read(_ request: Request) async throws -> FormData {
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") ?? false else {
            throw HTTPError(.unsupportedMediaType, message: "error_form_not_web_form")
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maximumBytes {
            throw HTTPError(.contentTooLarge, message: tooLarge)
        }
        do {
            return FormData(encoded: String(buffer: try await request.body.collect(upTo: maximumBytes)))
        } catch let error as HTTPError {
            throw error
        } catch {
            // Hummingbird reports a body past the limit as its own error, which would become a 500.
            throw HTTPError(.contentTooLarge, message: tooLarge)
        }
    }

    subscript(_ name: String) -> String {
        pairs.last { $0.0 == name }?.1 ?? ""
    }

    /// The value trimmed of surrounding white space.
    func trimmed(_ name: String) -> String { self[name].trimmingCharacters(in: .whitespacesAndNewlines) }

    func all(_ name: String) -> [String] { pairs.filter { $0.0 == name }.map(\.1) }
}

/// The one rule for text that arrives from a form or a query string: control characters other than
/// tab, line feed and carriage return are dropped. No one types them; a NUL would end the text in
/// SQLite and is refused by PostgreSQL, and the rest only hide what a value really says.
enum FormText {
    static func clean(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isDropped) else { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.lazy.filter { !isDropped($0) })
        return String(scalars)
    }

    private static func isDropped(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar.value != 0x09 && scalar.value != 0x0A && scalar.value != 0x0D) || scalar.value == 0x7F
    }
}
