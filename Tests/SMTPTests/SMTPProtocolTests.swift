import NIOCore
@testable import SMTP
import Testing

@Suite struct SMTPProtocolTests {
    @Test func aMultiLineReplyIsOneReplyWithEveryLine() throws {
        var parser = SMTPReplyParser()
        #expect(try parser.parse("250-mail.c4c.test greets you") == nil)
        #expect(try parser.parse("250-AUTH PLAIN LOGIN") == nil)
        #expect(try parser.parse("250-8BITMIME") == nil)
        let reply = try #require(try parser.parse("250 STARTTLS"))
        #expect(reply.code == 250)
        #expect(reply.lines == ["mail.c4c.test greets you", "AUTH PLAIN LOGIN", "8BITMIME", "STARTTLS"])
        let capabilities = SMTPCapabilities(ehlo: reply)
        #expect(capabilities.offers("STARTTLS") && capabilities.offers("8BITMIME") && !capabilities.offers("SMTPUTF8"))
        #expect(capabilities.authenticationMechanisms == ["PLAIN", "LOGIN"])
        #expect(try parser.parse("354") == SMTPReply(code: 354, lines: [""]), "a bare code is a whole reply, and the parser starts afresh")
    }

    @Test func repliesAreClassedByTheirFirstDigit() {
        #expect(SMTPReply(code: 250, lines: []).isPositive)
        #expect(SMTPReply(code: 451, lines: []).isTransientFailure)
        #expect(SMTPReply(code: 550, lines: []).isPermanentFailure)
        #expect(SMTPError(.refused(command: "RCPT TO", reply: SMTPReply(code: 550, lines: []))).isPermanent)
        #expect(!SMTPError(.refused(command: "RCPT TO", reply: SMTPReply(code: 451, lines: []))).isPermanent)
        #expect(!SMTPError(.timedOut(waitingFor: "DATA")).isPermanent)
        #expect(!SMTPError(.connectionFailed("refused")).isPermanent)
        let badLogin = SMTPError(.refused(command: "AUTH PLAIN", reply: SMTPReply(code: 535, lines: [])))
        #expect(badLogin.isPermanent && !badLogin.concernsMessage, "a refused login is the session's, not the message's")
    }

    @Test func aLineThatIsNotAReplyOrMixesCodesBreaksTheProtocol() {
        for lines in [["hello"], ["25"], ["250x"], ["650 no"], ["250-one", "251 two"]] {
            var parser = SMTPReplyParser()
            #expect(throws: SMTPError.self, "\(lines)") { for line in lines { _ = try parser.parse(line) } }
        }
        var parser = SMTPReplyParser()
        #expect(throws: SMTPError.self, "an endless reply") {
            for _ in 0..<1_000 { _ = try parser.parse("250-again") }
        }
    }

    @Test func theDataHasCRLFLinesDotStuffingAndTheFinalDot() {
        let message = "Subject: x\n\n.\n.hidden\r\n..two\rlone CR\r\nend"
        let encoded = String(buffer: SMTPData.encode(message.utf8))
        #expect(encoded == "Subject: x\r\n\r\n..\r\n..hidden\r\n...two\r\nlone CR\r\nend\r\n.\r\n")
        #expect(String(buffer: SMTPData.encode("ends with newline\r\n".utf8)) == "ends with newline\r\n.\r\n")
        #expect(String(buffer: SMTPData.encode("".utf8)) == ".\r\n")
        #expect(String(buffer: SMTPData.encode("a\r".utf8)) == "a\r\n.\r\n")
    }

    @Test func anEnvelopeAddressCannotSmuggleACommand() {
        #expect(SMTPClient.isEnvelopeAddress("reader@c4c.test", allowEmpty: false))
        #expect(SMTPClient.isEnvelopeAddress("", allowEmpty: true))
        for address in ["", "no-at-sign", "a@b>\r\nRCPT TO:<x@y", "a b@c.test", "é@c4c.test", "a@b\0c", "<a@b.c>"] {
            #expect(!SMTPClient.isEnvelopeAddress(address, allowEmpty: false), "\(address.debugDescription)")
        }
        #expect(SMTPClient.clientName("www.c4c.test") == "www.c4c.test")
        #expect(SMTPClient.clientName("127.0.0.1") == "[127.0.0.1]")
        #expect(SMTPClient.clientName("::1") == "[IPv6:::1]")
        #expect(SMTPClient.clientName("bad name\r\n") == "badname")
    }
}
