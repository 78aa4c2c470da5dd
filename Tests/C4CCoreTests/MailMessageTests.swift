@testable import C4CCore
import Foundation
import Testing

@Suite struct MailMessageTests {
    static let sunday = Date(timeIntervalSince1970: 1_795_947_660) // 2026-11-29T10:21:00Z

    static func message(subject: String = "Hello", fromName: String? = nil, toName: String? = nil, headers: [String: String] = [:],
                        body: String = "Hi.\nBye.", host: String = "c4c.test") -> MailMessage {
        MailMessage(from: .init(name: fromName, address: "site@c4c.test"), to: .init(name: toName, address: "ada@c4c.test"),
                    subject: subject, date: sunday, uniqueID: "outbox-7.1795694400", host: host, headers: headers, body: body)
    }

    /// Splits the header section into fields, checking every line against RFC 5322: ASCII only,
    /// at most 998 octets, no CR or LF of its own, a field name of printable ASCII without a colon,
    /// continuation lines that start with white space and are not only white space.
    static func fields(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> [(name: String, value: String)] {
        let head = text.components(separatedBy: "\r\n\r\n")[0]
        var fields: [(name: String, value: String)] = []
        for line in head.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 998, "line of \(line.utf8.count) octets", sourceLocation: sourceLocation)
            #expect(line.utf8.allSatisfy { $0 < 128 }, "non-ASCII in \(line)", sourceLocation: sourceLocation)
            #expect(!line.utf8.contains(13) && !line.utf8.contains(10), "bare CR or LF in \(line)", sourceLocation: sourceLocation)
            if line.hasPrefix(" ") || line.hasPrefix("\t") {
                #expect(!fields.isEmpty && line.contains(where: { $0 != " " && $0 != "\t" }), "bad continuation \(line)",
                        sourceLocation: sourceLocation)
                if !fields.isEmpty { fields[fields.count - 1].value += line }
                continue
            }
            let name = line.prefix { $0 != ":" }
            #expect(!name.isEmpty && name.count < line.count, "no field name in \(line)", sourceLocation: sourceLocation)
            #expect(name.utf8.allSatisfy { (33...126).contains($0) }, "bad field name \(name)", sourceLocation: sourceLocation)
            fields.append((String(name), String(line.dropFirst(name.count + 1))))
        }
        return fields
    }

    /// The text an RFC 2047 reader shows for an unstructured value.
    static func decoded(_ value: String) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        let words = trimmed.split(separator: " ", omittingEmptySubsequences: true)
        guard words.allSatisfy({ $0.hasPrefix("=?utf-8?B?") && $0.hasSuffix("?=") }) else { return trimmed }
        let bytes = words.flatMap { Data(base64Encoded: String($0.dropFirst(10).dropLast(2))).map(Array.init) ?? [] }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A hostile value, named by a short label so test reports stay readable.
    struct Hostile: CustomTestStringConvertible, Sendable {
        let label: String
        let text: String
        var testDescription: String { label }
    }

    static let hostile = [
        Hostile(label: "plain", text: "Plain subject"),
        Hostile(label: "header injection", text: "Line one\r\nBcc: victim@example.org\r\n\r\nInjected body"),
        Hostile(label: "lone CR, LF and tab", text: "Lone\rreturn and lone\nnewline and tab\there"),
        Hostile(label: "non-ASCII", text: "Réunion du comité — 2026 ✓ 👩‍👩‍👧‍👦"),
        Hostile(label: "2,000 characters, no space", text: String(repeating: "a", count: 2000)),
        Hostile(label: "2,000 characters in words", text: String(repeating: "word ", count: 400)),
        Hostile(label: "2,000 accented characters", text: String(repeating: "é", count: 2000)),
        Hostile(label: "looks encoded", text: "Looks encoded =?utf-8?B?SGk=?= but is not"),
        Hostile(label: "controls", text: "Control \u{0} \u{7} \u{7F} \u{85} \u{2028} chars"),
        Hostile(label: "empty", text: ""),
    ]

    @Test func dateIsRFC5322InUTCFromTheGivenInstant() {
        #expect(MailMessage.date(Self.sunday) == "Sun, 29 Nov 2026 10:21:00 +0000")
        #expect(MailMessage.date(Date(timeIntervalSince1970: 0)) == "Thu, 01 Jan 1970 00:00:00 +0000")
        #expect(Self.message().text.contains("\r\nDate: Sun, 29 Nov 2026 10:21:00 +0000\r\n"))
    }

    @Test(arguments: hostile)
    func everyHeaderLineIsValidWhateverTheSubject(subject: Hostile) {
        let fields = Self.fields(Self.message(subject: subject.text).text)
        #expect(fields.map(\.name) == ["From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type",
                                       "Content-Transfer-Encoding"], "no field injected")
        let shown = Self.decoded(fields[2].value)
        let expected = MailMessage.flattened(subject.text)
        #expect(shown.split(separator: " ") == expected.split(separator: " "), "the subject reads as it was, line breaks made spaces")
    }

    @Test(arguments: hostile)
    func everyHeaderLineIsValidWhateverTheDisplayNames(name: Hostile) {
        let fields = Self.fields(Self.message(fromName: name.text, toName: name.text + " \"quoted\" \\ back").text)
        #expect(fields.map(\.name).prefix(3) == ["From", "To", "Subject"])
        #expect(fields[0].value.hasSuffix("<site@c4c.test>") || fields[0].value == " site@c4c.test")
        #expect(fields[1].value.hasSuffix("<ada@c4c.test>"))
    }

    @Test func displayNamesAreAtomsQuotedOrEncodedAsTheyNeed() {
        #expect(Self.message(fromName: "Cities4Children").text.contains("From: Cities4Children <site@c4c.test>\r\n"))
        #expect(Self.message(fromName: "Ada \"the\" Admin, C4C").text.contains("From: \"Ada \\\"the\\\" Admin, C4C\" <site@c4c.test>\r\n"))
        let encoded = Self.fields(Self.message(fromName: "Zoë Ünal").text)[0].value
        #expect(Self.decoded(String(encoded.prefix { $0 != "<" })) == "Zoë Ünal")
    }

    @Test(arguments: hostile)
    func everyHeaderLineIsValidWhateverTheExtraHeaders(value: Hostile) {
        let headers = ["List-Unsubscribe": value.text, "X-Note": value.text, "Bad Name": "x", "Bad:Name": "x", "Ünicode": "x",
                       String(repeating: "X", count: 2000): "x", "": "x", "Bcc": "victim@example.org", "subject": "second"]
        let fields = Self.fields(Self.message(headers: headers).text)
        #expect(fields.map(\.name) == ["From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type",
                                       "Content-Transfer-Encoding", "List-Unsubscribe", "X-Note"],
                "invalid names and the writer's own fields are left out")
    }

    @Test func messageIDNamesTheSiteHost() {
        #expect(Self.message().text.contains("\r\nMessage-ID: <outbox-7.1795694400@c4c.test>\r\n"))
        #expect(Self.message(host: "::1").text.contains("@[::1]>\r\n"))
        #expect(Self.message(host: "[::1]").text.contains("@[::1]>\r\n"))
        #expect(Self.message(host: "").text.contains("@localhost>\r\n"))
        for host in ["evil>\r\nBcc: x@y", "bad host", "ünï.example", "[::1]", "::1]\r\nX: y"] {
            let id = Self.fields(Self.message(host: host).text)[4].value
            #expect(id.wholeMatch(of: /^ <[A-Za-z0-9!#$%&'*+\/=?^_`{|}~.-]+@([A-Za-z0-9!#$%&'*+\/=?^_`{|}~.-]+|\[[0-9A-Fa-f:.]+\])>$/) != nil, "\(id)")
        }
    }

    @Test func bodyLinesEndInCRLFAndLongOrNonASCIITextIsEncoded() {
        let plain = Self.message(body: "One\nTwo\r\nThree\rFour").text
        #expect(plain.hasSuffix("\r\n\r\nOne\r\nTwo\r\nThree\r\nFour\r\n"))
        #expect(plain.contains("Content-Transfer-Encoding: 7bit\r\n"))
        let french = Self.message(body: "Réunion").text
        #expect(french.contains("Content-Transfer-Encoding: quoted-printable\r\n") && french.hasSuffix("\r\n\r\nR=C3=A9union\r\n"))
        let arabic = Self.message(body: "اجتماع اللجنة").text
        #expect(arabic.contains("Content-Transfer-Encoding: base64\r\n"), "mostly escaped text goes as base64")
        let long = Self.message(body: String(repeating: "x", count: 1200)).text
        #expect(long.contains("Content-Transfer-Encoding: quoted-printable\r\n"))
        for line in long.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 76) }
        #expect(long.utf8.allSatisfy { $0 < 128 } && arabic.utf8.allSatisfy { $0 < 128 } && french.utf8.allSatisfy { $0 < 128 })
    }
}
