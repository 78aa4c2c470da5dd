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

    /// One name or value, decoded as the WHATWG URL-encoded parser does and browsers send it: `+`
    /// is a space, `%XX` a byte, a `%` without two hex digits stays as typed, and bytes that are
    /// not UTF-8 become U+FFFD, so no value is lost whole for one bad byte. Then `FormText.clean`.
    static func decode(_ text: Substring) -> String {
        let input = Array(text.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(input.count)
        var index = 0
        while index < input.count {
            let byte = input[index]
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), index + 2 < input.count,
                      let high = hexValue(input[index + 1]), let low = hexValue(input[index + 2]) {
                bytes.append(high << 4 | low)
                index += 2
            } else {
                bytes.append(byte)
            }
            index += 1
        }
        return FormText.clean(String(decoding: bytes, as: UTF8.self))
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
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
