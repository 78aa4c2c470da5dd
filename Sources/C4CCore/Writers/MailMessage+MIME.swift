import Foundation

extension MailMessage {
    /// A MIME entity: its content header lines and its body, lines ending in CRLF.
    struct Entity: Equatable {
        var headers: [String]
        var body: String

        var rendered: String { headers.joined(separator: "\r\n") + "\r\n\r\n" + body }
    }

    /// Plain text alone; with HTML, `multipart/alternative` (text first, so a reader shows the
    /// HTML it prefers); with attachments, that inside `multipart/mixed`, followed by each file.
    var mimeBody: Entity {
        var content = Self.textEntity(body, subtype: "plain")
        if let html {
            content = Self.multipart("alternative", [content, Self.textEntity(html, subtype: "html")])
        }
        if !attachments.isEmpty {
            content = Self.multipart("mixed", [content] + attachments.map(Self.attachmentEntity))
        }
        return content
    }

    static func textEntity(_ text: String, subtype: String) -> Entity {
        let (encoding, content) = MailEncoding.text(text)
        return Entity(headers: ["Content-Type: text/\(subtype); charset=utf-8", "Content-Transfer-Encoding: \(encoding)"], body: content)
    }

    static func attachmentEntity(_ attachment: Attachment) -> Entity {
        let filename = safeFilename(attachment.filename)
        func withParameter(_ head: String, _ name: String) -> String {
            ([head] + MailEncoding.parameter(name, filename)).joined(separator: ";\r\n ")
        }
        return Entity(headers: [
            withParameter("Content-Type: \(contentType(attachment.contentType))", "name"),
            withParameter("Content-Disposition: attachment", "filename"),
            "Content-Transfer-Encoding: base64",
        ], body: MailEncoding.base64(attachment.data))
    }

    /// The parts between boundary lines. The boundary is made from what it encloses and is
    /// checked against it: quoted-printable and base64 can never hold `=_`, and text sent as it
    /// is gets a longer boundary until none of its lines could be mistaken for one.
    static func multipart(_ subtype: String, _ parts: [Entity]) -> Entity {
        let rendered = parts.map(\.rendered)
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for text in rendered {
            for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        }
        var boundary = "=_c4c_\(subtype)_\(String(hash, radix: 36))"
        var attempt = 0
        while rendered.contains(where: { $0.contains(boundary) }) {
            attempt += 1
            boundary = "=_c4c_\(subtype)_\(String(hash, radix: 36))_\(attempt)"
        }
        let body = rendered.map { "--\(boundary)\r\n\($0)\r\n" }.joined() + "--\(boundary)--\r\n"
        return Entity(headers: ["Content-Type: multipart/\(subtype);\r\n boundary=\"\(boundary)\""], body: body)
    }

    /// A MIME type with optional parameters, as given when it is well formed; otherwise
    /// `application/octet-stream`, so nothing a caller passes can break the header.
    static func contentType(_ value: String) -> String {
        let token = #"[A-Za-z0-9!#$&^_.+-]+"#
        let pattern = "^\(token)/\(token)(\\s*;\\s*\(token)=(\(token)|\"[ -!#-\\[\\]-~]*\"))*$"
        guard value.utf8.count <= 200, value.range(of: pattern, options: .regularExpression) != nil else {
            return "application/octet-stream"
        }
        return value
    }

    /// Controls and path separators become spaces and underscores; at most 120 characters, the
    /// extension kept; never empty.
    static func safeFilename(_ name: String) -> String {
        var name = flattened(name).replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "\\", with: "_")
            .trimmingCharacters(in: .whitespaces)
        if name.count > 120 {
            let dot = name.lastIndex(of: ".").map { name.distance(from: $0, to: name.endIndex) } ?? 0
            let suffix = dot > 0 && dot <= 12 ? String(name.suffix(dot)) : ""
            name = String(name.prefix(120 - suffix.count)) + suffix
        }
        return name.isEmpty ? "attachment" : name
    }
}
