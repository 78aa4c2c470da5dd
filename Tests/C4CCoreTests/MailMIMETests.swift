@testable import C4CCore
import Foundation
import Testing

/// The MIME body: parts, transfer encodings, boundaries and file names. The same messages are
/// also read back by Python's `email` package through a real SMTP server in C4CWebTests.
@Suite struct MailMIMETests {
    static func message(body: String = "Hi.", html: String? = nil, attachments: [MailMessage.Attachment] = []) -> MailMessage {
        MailMessage(from: .init(address: "site@c4c.test"), to: .init(address: "ada@c4c.test"), subject: "Hello",
                    date: MailMessageTests.sunday, uniqueID: "outbox-7.1", host: "c4c.test", body: body, html: html, attachments: attachments)
    }

    /// Undoes quoted-printable: soft breaks joined, escapes read.
    static func decodeQuotedPrintable(_ text: String) -> String {
        var bytes: [UInt8] = []
        let source = Array(text.replacingOccurrences(of: "=\r\n", with: "").utf8)
        var index = 0
        while index < source.count {
            if source[index] == UInt8(ascii: "="), index + 2 < source.count,
               let value = UInt8(String(decoding: source[(index + 1)...(index + 2)], as: UTF8.self), radix: 16) {
                bytes.append(value)
                index += 3
            } else {
                bytes.append(source[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func quotedPrintableKeepsEveryByteAndEveryLineShort() {
        let text = "Équipe = team  \nline with trailing tab\t\n" + String(repeating: "école ", count: 60) + "\n\0end"
        let (encoding, content) = MailEncoding.text(text)
        #expect(encoding == "quoted-printable")
        for line in content.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 76, "\(line)")
            #expect(!line.hasSuffix(" ") && !line.hasSuffix("\t"), "white space at a line's end is escaped")
            #expect(line.utf8.allSatisfy { $0 < 128 })
        }
        #expect(Self.decodeQuotedPrintable(content) == text.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n")
    }

    @Test func htmlMakesAnAlternativeWithTextFirst() {
        let text = Self.message(body: "Hello reader", html: "<p>Hello <b>reader</b></p>").text
        let fields = MailMessageTests.fields(text)
        #expect(fields.map(\.name) == ["From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type"])
        let boundary = try! #require(fields[6].value.firstMatch(of: /boundary="([^"]+)"/)?.1)
        #expect(fields[6].value.hasPrefix(" multipart/alternative;"))
        let plain = try! #require(text.range(of: "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\nHello reader\r\n"))
        let html = try! #require(text.range(of: "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n<p>Hello <b>reader</b></p>\r\n"))
        #expect(plain.lowerBound < html.lowerBound)
        #expect(text.hasSuffix("\r\n--\(boundary)--\r\n"))
        #expect(text.components(separatedBy: "\r\n--\(boundary)\r\n").count == 3, "two parts")
    }

    @Test func attachmentsGoInAMixedMessageAfterTheTextAsBase64() throws {
        let pdf = Array("%PDF-1.4\n\0\u{1}binary\r\n.\r\n".utf8) + (0...255).map { UInt8($0) }
        let text = Self.message(html: "<p>Hi.</p>", attachments: [
            .init(filename: "report.pdf", contentType: "application/pdf", data: pdf),
            .init(filename: "event.ics", contentType: "text/calendar; charset=utf-8; method=REQUEST", data: Array("BEGIN:VCALENDAR\r\n".utf8)),
        ]).text
        let fields = MailMessageTests.fields(text)
        #expect(fields[6].value.hasPrefix(" multipart/mixed;"))
        let outer = try #require(fields[6].value.firstMatch(of: /boundary="([^"]+)"/)?.1)
        let parts = text.components(separatedBy: "\r\n--\(outer)")
        #expect(parts.count == 5, "preamble, the alternative, two files, the end")
        #expect(parts[1].contains("Content-Type: multipart/alternative;"))
        #expect(parts[2].contains("Content-Type: application/pdf;\r\n name=\"report.pdf\"\r\n"))
        #expect(parts[2].contains("Content-Disposition: attachment;\r\n filename=\"report.pdf\"\r\nContent-Transfer-Encoding: base64\r\n"))
        let encoded = try #require(parts[2].components(separatedBy: "\r\n\r\n").last)
        #expect(Data(base64Encoded: encoded.replacingOccurrences(of: "\r\n", with: "")).map(Array.init) == pdf)
        #expect(parts[3].contains("Content-Type: text/calendar; charset=utf-8; method=REQUEST;\r\n name=\"event.ics\""))
        #expect(text.utf8.allSatisfy { $0 < 128 })
        for line in text.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 998) }
    }

    @Test func aNonASCIIOrLongFilenameIsEncodedAsRFC2231Continuations() throws {
        let name = "Rapport annuel — Écoles amies des enfants 2026 (version définitive).pdf"
        let text = Self.message(attachments: [.init(filename: name, contentType: "application/pdf", data: [1])]).text
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: " ")
        let disposition = try #require(unfolded.firstMatch(of: /Content-Disposition: ([^\r]+)/)?.1)
        let pieces = disposition.matches(of: /filename\*(\d+)\*=([^;]+)/).map { (Int($0.1)!, String($0.2)) }
        #expect(pieces.map(\.0) == Array(0..<pieces.count) && pieces.count > 1)
        let joined = pieces.map(\.1).joined()
        #expect(joined.hasPrefix("utf-8''"))
        #expect(joined.dropFirst(7).removingPercentEncoding == name)
    }

    @Test func aHostileFilenameOrContentTypeCannotBreakTheHeader() {
        let text = Self.message(attachments: [
            .init(filename: "evil\r\nBcc: victim@example.org\r\n../../etc/passwd", contentType: "text/html\r\nBcc: victim@example.org", data: [1]),
            .init(filename: "", contentType: "image/png; name=\"x\"\r\n", data: [2]),
        ]).text
        #expect(!text.contains("\r\nBcc:"))
        #expect(text.contains("Content-Type: application/octet-stream;"))
        #expect(!text.contains("../"))
        #expect(text.contains("filename=\"attachment\""))
        #expect(MailMessage.safeFilename(String(repeating: "a", count: 300) + ".docx").count == 120)
        #expect(MailMessage.safeFilename(String(repeating: "a", count: 300) + ".docx").hasSuffix("a.docx"))
    }

    @Test func theBoundaryNeverOccursInWhatItEncloses() {
        // Text sent as it is that holds the boundary the writer would choose first.
        let first = Self.message(html: "<p>x</p>").text
        let boundary = String(first.firstMatch(of: /boundary="([^"]+)"/)!.1)
        let tricky = "Hi.\n--\(boundary)\n--\(boundary)--"
        let text = Self.message(body: tricky, html: "<p>x</p>").text
        let chosen = String(text.firstMatch(of: /boundary="([^"]+)"/)!.1)
        let parts = text.components(separatedBy: "\r\n--\(chosen)")
        #expect(parts.count == 4, "the text's own lines are not taken for boundaries")
        #expect(parts[1].contains("Hi.\r\n--\(boundary)\r\n--\(boundary)--"))
    }

    @Test func replyToIsKeptOnlyAsOnePlainAddress() {
        var message = Self.message()
        message.headers = ["Reply-To": "visitor@example.org\r\nBcc: victim@example.org"]
        let fields = MailMessageTests.fields(message.text)
        #expect(!fields.contains { $0.name == "Reply-To" || $0.name == "Bcc" })
        message.headers = ["reply-to": "visitor@example.org"]
        #expect(message.text.contains("\r\nReply-To: visitor@example.org\r\n"))
    }
}
