import SMTPTestSupport
import Foundation
@testable import SMTP
import Testing

/// The client against a real SMTP server (aiosmtpd, `Tests/smtp/server.py`), reading back what
/// the server saved.
@Suite struct SMTPServerTests {
    static let message = "From: site@c4c.test\r\nTo: reader@c4c.test\r\nSubject: Hello\r\n\r\nHello there.\r\n"

    static func client(_ url: String, _ server: SMTPTestServer, trust: Bool = true, adjust: (inout SMTPConfiguration) -> Void = { _ in }) throws -> SMTPClient {
        var configuration = try SMTPConfiguration(url: url, clientName: "www.c4c.test", extraTrustedCertificates: trust ? server.certificateFile : nil)
        adjust(&configuration)
        return try SMTPClient(configuration: configuration)
    }

    static func refusal(_ body: () async throws -> Void) async -> SMTPError? {
        do {
            try await body()
            return nil
        } catch let error as SMTPError {
            return error
        } catch {
            Issue.record("not an SMTPError: \(error)")
            return nil
        }
    }

    @Test func aMessageSentInClearTextToALocalServerArrivesWithItsEnvelope() async throws {
        let server = try await SMTPTestServer()
        let client = try Self.client("smtp://127.0.0.1:\(server.port)?tls=none", server)
        let delivery = try await client.send(Self.message, from: "site@c4c.test", to: ["reader@c4c.test", "editor@c4c.test"])
        #expect(delivery.accepted == ["reader@c4c.test", "editor@c4c.test"] && delivery.refused.isEmpty)
        #expect(delivery.reply.code == 250)
        let received = try #require(try server.received().first)
        #expect(received.mail_from == "site@c4c.test")
        #expect(received.rcpt_tos == ["reader@c4c.test", "editor@c4c.test"])
        #expect(!received.tls && received.login == nil)
        #expect(received.data == Self.message)
    }

    @Test(arguments: ["PLAIN", "LOGIN"])
    func startTLSThenLoginWithPercentEncodedCredentialsDelivers(mechanism: String) async throws {
        let server = try await SMTPTestServer(.init(tls: .startTLS, login: "mailer@c4c.test:p@ss word:é", authOnly: mechanism))
        let client = try Self.client("smtp://mailer%40c4c.test:p%40ss%20word%3A%C3%A9@localhost:\(server.port)", server)
        _ = try await client.send(Self.message, from: "site@c4c.test", to: ["reader@c4c.test"])
        let received = try #require(try server.received().first)
        #expect(received.tls, "the message went after STARTTLS")
        #expect(received.login == "mailer@c4c.test")
        #expect(received.data == Self.message)
    }

    @Test func implicitTLSToAnAddressDelivers() async throws {
        let server = try await SMTPTestServer(.init(tls: .implicit, login: "mailer:secret"))
        let client = try Self.client("smtps://mailer:secret@127.0.0.1:\(server.port)", server)
        _ = try await client.send(Self.message, from: "site@c4c.test", to: ["reader@c4c.test"])
        let received = try #require(try server.received().first)
        #expect(received.tls && received.login == "mailer")
    }

    @Test func linesStartingWithADotAndBareLineEndsArriveAsWritten() async throws {
        let server = try await SMTPTestServer()
        let client = try Self.client("smtp://localhost:\(server.port)?tls=none", server)
        let body = "Subject: Dots\n\n.\n.hidden line\n..two dots\nbare CR\rend"
        _ = try await client.send(body, from: "site@c4c.test", to: ["reader@c4c.test"])
        let received = try #require(try server.received().first)
        #expect(received.data == "Subject: Dots\r\n\r\n.\r\n.hidden line\r\n..two dots\r\nbare CR\r\nend\r\n",
                "the server un-stuffs the dots it was sent; no line ended the data early")
    }

    @Test func eightBitTextIsAnnouncedAndArrivesIntact() async throws {
        let server = try await SMTPTestServer()
        let client = try Self.client("smtp://localhost:\(server.port)?tls=none", server)
        let body = "Subject: x\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nÉcoles et crèches, 子供\r\n"
        _ = try await client.send(body, from: "site@c4c.test", to: ["reader@c4c.test"])
        let received = try #require(try server.received().first)
        #expect(received.mail_options.contains("BODY=8BITMIME"))
        #expect(received.decoded.parts.first?.text?.trimmingCharacters(in: .newlines) == "Écoles et crèches, 子供")
    }

    @Test func oneRefusedRecipientAmongSeveralIsReportedAndTheOthersGetTheMessage() async throws {
        let server = try await SMTPTestServer()
        let client = try Self.client("smtp://localhost:\(server.port)?tls=none", server)
        let delivery = try await client.send(Self.message, from: "site@c4c.test", to: ["refused@c4c.test", "reader@c4c.test"])
        #expect(delivery.accepted == ["reader@c4c.test"])
        #expect(delivery.refused["refused@c4c.test"]?.code == 550)
        #expect(try server.received().map(\.rcpt_tos) == [["reader@c4c.test"]])
    }

    @Test func aRecipientRefusedWith550IsAPermanentRefusalOfTheMessage() async throws {
        let server = try await SMTPTestServer(.init(refuseRecipients: 550))
        let client = try Self.client("smtp://localhost:\(server.port)?tls=none", server)
        let error = try #require(await Self.refusal { _ = try await client.send(Self.message, from: "site@c4c.test", to: ["reader@c4c.test"]) })
        #expect(error.isPermanent && error.concernsMessage)
        #expect(error.description.contains("550"))
        #expect(try server.received().isEmpty)
    }

    @Test func aRecipientRefusedWith451IsWorthRetrying() async throws {
        let server = try await SMTPTestServer(.init(refuseRecipients: 451))
        let client = try Self.client("smtp://localhost:\(server.port)?tls=none", server)
        let error = try #require(await Self.refusal { _ = try await client.send(Self.message, from: "site@c4c.test", to: ["reader@c4c.test"]) })
        #expect(!error.isPermanent)
        #expect(error.description.contains("451"))
    }

    @Test(arguments: [(554, true), (452, false)])
    func theMessageRefusedAfterItsDataIsPermanentOnlyFor5xx(code: Int, permanent: Bool) async throws {
        let server = try await SMTPTestServer(.init(refuseData: code))
        let client = try Self.client("smtp://localhost:\(server.port)?tls=none", server)
        let error = try #require(await Self.refusal { _ = try await client.send(Self.message, from: "site@c4c.test", to: ["reader@c4c.test"]) })
        #expect(error.isPermanent == permanent && error.concernsMessage)
        #expect(error.reason == .refused(command: "message", reply: SMTPReply(code: code, lines: [code == 554 ? "5.6.0 Message refused" : "4.3.1 Insufficient storage, try later"])))
    }

    @Test func aServerWithoutSTARTTLSGetsNothingUnlessClearTextWasChosen() async throws {
        let server = try await SMTPTestServer()
        let client = try Self.client("smtp://user:secret@localhost:\(server.port)", server, trust: false)
        let error = try #require(await Self.refusal { _ = try await client.send(Self.message, from: "site@c4c.test", to: ["reader@c4c.test"]) })
        #expect(error.reason == .startTLSUnavailable && !error.isPermanent)
        #expect(try server.received().isEmpty)
    }

    @Test func aCertificateTheSystemDoesNotTrustStopsTheMessageBeforeItLeaves() async throws {
        let server = try await SMTPTestServer(.init(tls: .startTLS, login: "mailer:secret"))
        let client = try Self.client("smtp://mailer:secret@localhost:\(server.port)", server, trust: false)
        let error = try #require(await Self.refusal { _ = try await client.send(Self.message, from: "site@c4c.test", to: ["reader@c4c.test"]) })
        guard case .tls = error.reason else { Issue.record("expected a TLS failure, got \(error)"); return }
        #expect(!error.isPermanent)
        #expect(try server.received().isEmpty)
    }

    @Test func aCertificateForAnotherNameIsRefused() async throws {
        let server = try await SMTPTestServer(.init(tls: .implicit, certificateFor: "mail.elsewhere.test"))
        for host in ["127.0.0.1", "localhost"] {
            let client = try Self.client("smtps://\(host):\(server.port)", server)
            let error = try #require(await Self.refusal { _ = try await client.send(Self.message, from: "site@c4c.test", to: ["reader@c4c.test"]) })
            guard case .tls = error.reason else { Issue.record("expected a TLS failure, got \(error)"); return }
        }
        #expect(try server.received().isEmpty)
    }

    @Test func implicitTLSToAHostNameDelivers() async throws {
        let server = try await SMTPTestServer(.init(tls: .implicit))
        let client = try Self.client("smtps://localhost:\(server.port)", server)
        _ = try await client.send(Self.message, from: "site@c4c.test", to: ["reader@c4c.test"])
        #expect(try server.received().count == 1)
    }

    @Test func aWrongPasswordIsRefusedAsTheSessionsProblem() async throws {
        let server = try await SMTPTestServer(.init(tls: .startTLS, login: "mailer:secret"))
        let client = try Self.client("smtp://mailer:wrong@localhost:\(server.port)", server)
        let error = try #require(await Self.refusal { _ = try await client.send(Self.message, from: "site@c4c.test", to: ["reader@c4c.test"]) })
        #expect(error.isPermanent && !error.concernsMessage)
        #expect(error.description.contains("AUTH PLAIN") && !error.description.contains("d3Jvbmc"), "the credentials are not shown")
    }

    @Test func aStoppedServerIsATransientFailure() async throws {
        let server = try await SMTPTestServer()
        server.stop()
        let client = try Self.client("smtp://localhost:\(server.port)?tls=none", server)
        let error = try #require(await Self.refusal { _ = try await client.send(Self.message, from: "site@c4c.test", to: ["reader@c4c.test"]) })
        guard case .connectionFailed = error.reason else { Issue.record("expected a connection failure, got \(error)"); return }
        #expect(!error.isPermanent)
    }

    @Test func aServerThatNeverGreetsTimesOut() async throws {
        let listener = try SilentListener()
        let client = try SMTPClient(configuration: {
            var configuration = try SMTPConfiguration(url: "smtp://127.0.0.1:\(listener.port)?tls=none")
            configuration.commandTimeout = .milliseconds(300)
            return configuration
        }())
        let error = try #require(await Self.refusal { _ = try await client.send(Self.message, from: "site@c4c.test", to: ["reader@c4c.test"]) })
        #expect(error.reason == .timedOut(waitingFor: "the greeting") && !error.isPermanent)
    }

    @Test func anAddressThatCouldCarryACommandIsRefusedBeforeConnecting() async throws {
        let client = try SMTPClient(configuration: try SMTPConfiguration(url: "smtp://127.0.0.1:9?tls=none"))
        let error = try #require(await Self.refusal {
            _ = try await client.send(Self.message, from: "site@c4c.test", to: ["x@c4c.test>\r\nRCPT TO:<y@c4c.test"])
        })
        #expect(error.isPermanent && error.concernsMessage)
    }
}

/// A socket that accepts connections into its backlog and never says a word.
final class SilentListener: Sendable {
    let descriptor: Int32
    let port: Int

    init() throws {
        #if canImport(Glibc)
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let descriptor = descriptor
        let listening = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && listen(descriptor, 8) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard listening else { throw SMTPTestServer.StartFailure(description: "could not listen") }
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(descriptor) }
}
