import C4CCore
import Foundation
import Hummingbird
import MultipartKit
import NIOCore

/// RFC 8058 one-click unsubscribing: a mail client POSTs the body `List-Unsubscribe=One-Click`
/// (URL-encoded or as `multipart/form-data`) to the link in the message's `List-Unsubscribe`
/// header, from its own origin and without our cookies. `CrossOriginProtection` lets exactly such a
/// request through, to exactly that address: the token in the path is the only authority the
/// request carries, and no visitor's session is ever involved, so a cross-site post can do nothing
/// there but what the link's holder could do by clicking it.
enum OneClickUnsubscribe {
    /// Enough for either encoding of the one field, and no more.
    static let bodyLimit = 1024

    /// `/newsletter/unsubscribe/{token}` in any language.
    static func isUnsubscribeAddress(_ path: String) -> Bool {
        var parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        if let first = parts.first, Language(rawValue: String(first)) != nil, first != Language.default.rawValue { parts = parts.dropFirst() }
        let rest = Array(parts)
        return rest.count == 3 && rest[0] == "newsletter" && rest[1] == "unsubscribe" && !rest[2].isEmpty
    }

    /// Whether the body is the one-click field and nothing else.
    static func isOneClickBody(contentType: String?, body: ByteBuffer) -> Bool {
        guard let contentType else { return false }
        if contentType.lowercased().hasPrefix("application/x-www-form-urlencoded") {
            let pairs = FormData(encoded: String(buffer: body).trimmingCharacters(in: .whitespacesAndNewlines)).pairs
            return pairs.count == 1 && pairs[0].0 == ListUnsubscribe.field && pairs[0].1 == ListUnsubscribe.value
        }
        if contentType.lowercased().hasPrefix("multipart/form-data") {
            guard let boundary = boundary(of: contentType), MultipartHeaders.isValidBoundary(boundary) else { return false }
            return multipartFields(body, boundary: boundary) == [ListUnsubscribe.field: ListUnsubscribe.value]
        }
        return false
    }

    static func boundary(of contentType: String) -> String? {
        contentType.split(separator: ";").lazy.map { $0.trimmingCharacters(in: .whitespaces) }
            .first { $0.lowercased().hasPrefix("boundary=") }
            .map { String($0.dropFirst("boundary=".count)).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
    }

    /// The text fields of a small multipart body; nil when it does not parse or carries a file.
    static func multipartFields(_ body: ByteBuffer, boundary: String) -> [String: String]? {
        final class Fields {
            var values: [String: String] = [:]
            var name: String?
            var value: [UInt8] = []
            var broken = false
        }
        let fields = Fields()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { header, value in
            guard header.lowercased() == "content-disposition" else { return }
            if value.contains("filename=") { fields.broken = true }
            fields.name = value.split(separator: ";").lazy.map { $0.trimmingCharacters(in: .whitespaces) }
                .first { $0.hasPrefix("name=") }
                .map { String($0.dropFirst("name=".count)).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        }
        parser.onBody = { buffer in fields.value += buffer.readableBytesView }
        parser.onPartComplete = {
            if let name = fields.name, fields.values[name] == nil {
                fields.values[name] = String(decoding: fields.value, as: UTF8.self)
            } else {
                fields.broken = true
            }
            fields.name = nil
            fields.value = []
        }
        do {
            try parser.execute(body)
        } catch {
            return nil
        }
        return fields.broken ? nil : fields.values
    }
}
