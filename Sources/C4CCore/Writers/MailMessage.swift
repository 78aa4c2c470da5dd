import Foundation

/// One email as RFC 5322 text: plain text, optionally an HTML alternative, and attachments.
/// Whatever the values hold, every header line is ASCII, carries no line break of its own and
/// stays within 998 octets: line breaks and other controls become spaces, text that is not plain
/// ASCII is sent as RFC 2047 encoded words, and long values are folded. The body is MIME
/// (`MailMessage+MIME.swift`): every line within 998 octets and every byte ASCII, so it passes
/// any mail server unchanged.
public struct MailMessage: Sendable, Equatable {
    public struct Mailbox: Sendable, Equatable {
        public var name: String?
        public var address: String

        public init(name: String? = nil, address: String) {
            self.name = name
            self.address = address
        }
    }

    /// A file sent with the message: shown under `filename`, of `contentType` (a MIME type with
    /// optional parameters, such as `text/calendar; method=REQUEST`).
    public struct Attachment: Sendable, Equatable {
        public var filename: String
        public var contentType: String
        public var data: [UInt8]

        public init(filename: String, contentType: String, data: [UInt8]) {
            self.filename = filename
            self.contentType = contentType
            self.data = data
        }
    }

    public var from: Mailbox
    public var to: Mailbox
    public var subject: String
    public var date: Date
    /// The left part of the Message-ID; the right part is `host`.
    public var uniqueID: String
    public var host: String
    /// More header fields; a name that is not a valid field name, or that names a field this
    /// writer sets itself, is left out. `Reply-To` is kept when it is one plain address.
    public var headers: [String: String]
    public var body: String
    /// The same content as `body`, as HTML: sent as the preferred alternative.
    public var html: String?
    public var attachments: [Attachment]

    public init(from: Mailbox, to: Mailbox, subject: String, date: Date, uniqueID: String, host: String,
                headers: [String: String] = [:], body: String, html: String? = nil, attachments: [Attachment] = []) {
        self.from = from
        self.to = to
        self.subject = subject
        self.date = date
        self.uniqueID = uniqueID
        self.host = host
        self.headers = headers
        self.body = body
        self.html = html
        self.attachments = attachments
    }

    /// The whole message, lines ending in CRLF.
    public var text: String {
        let content = mimeBody
        var lines = [
            "From: \(Self.mailbox(from))",
            "To: \(Self.mailbox(to))",
            Self.unstructured("Subject", subject),
            "Date: \(Self.date(date))",
            "Message-ID: <\(Self.dotAtom(uniqueID, fallback: "message"))@\(Self.domain(host))>",
            "MIME-Version: 1.0",
        ] + content.headers
        for name in headers.keys.sorted() where Self.isFieldName(name) {
            let lowercased = name.lowercased()
            if lowercased == "reply-to" {
                // Only a plain address: anything else is left out rather than guessed at.
                let value = headers[name]!.trimmingCharacters(in: .whitespaces)
                if Self.addrSpec(value) == value && value.split(separator: "@", omittingEmptySubsequences: false).count == 2 {
                    lines.append("Reply-To: \(value)")
                }
            } else if !Self.ownFields.contains(lowercased) {
                lines.append(Self.unstructured(name, headers[name]!))
            }
        }
        return lines.joined(separator: "\r\n") + "\r\n\r\n" + content.body
    }

    static let ownFields: Set = ["from", "to", "subject", "date", "message-id", "mime-version", "content-type",
                                 "content-transfer-encoding", "cc", "bcc", "sender", "reply-to"]

    /// Printable ASCII except the colon; short enough to leave room for a value on its line.
    static func isFieldName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 76 && name.utf8.allSatisfy { (33...126).contains($0) && $0 != UInt8(ascii: ":") }
    }

    /// `Sun, 29 Nov 2026 10:21:00 +0000`, always in UTC and in English, whatever the machine's locale.
    public static func date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let parts = calendar.dateComponents([.weekday, .day, .month, .year, .hour, .minute, .second], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return "\(days[(parts.weekday ?? 1) - 1]), \(two(parts.day)) \(months[(parts.month ?? 1) - 1]) \(parts.year ?? 1970) "
            + "\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)) +0000"
    }

    // MARK: Header values

    /// Line breaks, tabs and other control characters become spaces: none may reach a header.
    static func flattened(_ value: String) -> String {
        String(String.UnicodeScalarView(value.unicodeScalars.map {
            $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" ? " " : $0
        }))
    }

    /// Text a reader sees, such as a subject: plain ASCII as it is (runs of spaces made one), folded
    /// at spaces; anything else, or a word too long for a line, as encoded words.
    static func unstructured(_ name: String, _ value: String) -> String {
        let text = flattened(value)
        let words = text.split(separator: " ")
        if text.utf8.allSatisfy({ $0 < 128 }) && !text.contains("=?") && words.allSatisfy({ $0.utf8.count <= 900 }) {
            return folded(name, words)
        }
        return "\(name): " + encodedWords(text).joined(separator: "\r\n ")
    }

    /// Starts a new line before a word that would take the line past 78 characters.
    static func folded(_ name: String, _ words: [Substring]) -> String {
        var lines: [String] = []
        var line = "\(name):"
        var lineHasWord = false
        for word in words {
            if lineHasWord && line.utf8.count + 1 + word.utf8.count > 78 {
                lines.append(line)
                line = ""
            }
            line += " " + word
            lineHasWord = true
        }
        lines.append(line)
        return lines.joined(separator: "\r\n")
    }

    /// RFC 2047 `B` words of 30 octets of text (52 characters), never splitting a character's
    /// bytes, so a line holding one stays within RFC 2047's 76 characters.
    static func encodedWords(_ text: String) -> [String] {
        var words: [[UInt8]] = []
        var chunk: [UInt8] = []
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > 30 {
                words.append(chunk)
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?utf-8?B?\(Data($0).base64EncodedString())?=" }
    }

    // MARK: Addresses

    static let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~".utf8)

    /// `Name <address>`, the name as atoms, a quoted string or encoded words, as it needs.
    static func mailbox(_ mailbox: Mailbox) -> String {
        let address = addrSpec(mailbox.address)
        let name = flattened(mailbox.name ?? "").trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { return address }
        if name.utf8.count > 60 || name.contains("=?") || !name.utf8.allSatisfy({ (32...126).contains($0) }) {
            return encodedWords(name).joined(separator: "\r\n ") + "\r\n <\(address)>"
        }
        if name.utf8.allSatisfy({ atext.contains($0) || $0 == UInt8(ascii: " ") }) {
            return "\(name) <\(address)>"
        }
        let quoted = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"\(quoted)\" <\(address)>"
    }

    /// The address with only what a dot-atom address may hold, at most 254 octets; an address
    /// that needs more could not be delivered anyway.
    static func addrSpec(_ address: String) -> String {
        let kept = address.utf8.filter { atext.contains($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "@") }
        return String(decoding: kept.prefix(254), as: UTF8.self)
    }

    static func dotAtom(_ text: String, fallback: String) -> String {
        let kept = text.utf8.filter { atext.contains($0) || $0 == UInt8(ascii: ".") }
        let atom = String(decoding: kept.prefix(200), as: UTF8.self)
            .split(separator: ".").joined(separator: ".")
        return atom.isEmpty ? fallback : atom
    }

    /// A host name as a dot-atom, or an IPv6 address as a domain literal.
    static func domain(_ host: String) -> String {
        let host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if host.contains(":") && host.utf8.count <= 45 && host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) {
            return "[\(host)]"
        }
        return dotAtom(host, fallback: "localhost")
    }
}
