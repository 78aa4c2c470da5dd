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
            func decode(_ text: Substring) -> String {
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            return (decode(pieces[0]), pieces.count > 1 ? decode(pieces[1]) : "")
        }
    }

    static let maximumBytes = 1_000_000

    static func read(_ request: Request) async throws -> FormData {
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") ?? false else {
            throw HTTPError(.unsupportedMediaType, message: "This form must be sent as a web form.")
        }
        let buffer = try await request.body.collect(upTo: maximumBytes)
        return FormData(encoded: String(buffer: buffer))
    }

    subscript(_ name: String) -> String {
        pairs.last { $0.0 == name }?.1 ?? ""
    }

    /// The value trimmed of surrounding white space.
    func trimmed(_ name: String) -> String { self[name].trimmingCharacters(in: .whitespacesAndNewlines) }

    func all(_ name: String) -> [String] { pairs.filter { $0.0 == name }.map(\.1) }
}
