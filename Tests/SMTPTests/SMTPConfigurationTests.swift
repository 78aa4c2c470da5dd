@testable import SMTP
import Testing

@Suite struct SMTPConfigurationTests {
    @Test func anSMTPURLMeansSTARTTLSOnPort587WithPercentDecodedCredentials() throws {
        let configuration = try SMTPConfiguration(url: "smtp://mailer%40c4c.test:p%C3%A4ss%3Aw%2Fo@mail.c4c.test")
        #expect(configuration.host == "mail.c4c.test")
        #expect(configuration.port == 587)
        #expect(configuration.security == .startTLS)
        #expect(configuration.username == "mailer@c4c.test")
        #expect(configuration.password == "päss:w/o")
        #expect(!configuration.description.contains("päss") && !configuration.description.contains("p%C3"), "the password is never shown")
    }

    @Test func anSMTPSURLMeansImplicitTLSOnPort465() throws {
        let configuration = try SMTPConfiguration(url: "smtps://relay.c4c.test")
        #expect(configuration.security == .implicitTLS)
        #expect(configuration.port == 465)
        #expect(configuration.username == nil && configuration.password == nil)
        #expect(try SMTPConfiguration(url: "SMTPS://relay.c4c.test:2465").port == 2465)
    }

    @Test func clearTextIsAcceptedOnlyForAServerOnThisMachine() throws {
        for host in ["localhost", "127.0.0.1", "127.8.9.10", "[::1]", "mail.localhost"] {
            let configuration = try SMTPConfiguration(url: "smtp://\(host):2525?tls=none")
            #expect(configuration.security == .none, "\(host)")
        }
        #expect(try SMTPConfiguration(url: "smtp://[::1]:25?tls=none").host == "::1")
        for host in ["mail.c4c.test", "10.0.0.5", "127.0.0.1.example.com", "[2001:db8::1]"] {
            #expect(throws: SMTPConfigurationError.self, "\(host)") { try SMTPConfiguration(url: "smtp://\(host)?tls=none") }
        }
        #expect(throws: SMTPConfigurationError.self, "implicit TLS cannot be switched off") {
            try SMTPConfiguration(url: "smtps://localhost?tls=none")
        }
    }

    @Test func aMistypedURLIsRefusedWithoutShowingItsPassword() throws {
        for url in ["http://mail.c4c.test", "smtp://", "mail.c4c.test:587", "smtp://mail.c4c.test?tls=off", "smtp://mail.c4c.test?tsl=none",
                    "smtp://:secret@mail.c4c.test"] {
            #expect(throws: SMTPConfigurationError.self, "\(url)") { try SMTPConfiguration(url: url) }
        }
        do {
            _ = try SMTPConfiguration(url: "smtp://user:hunter2@mail.c4c.test?tls=nope")
            Issue.record("accepted")
        } catch {
            #expect(!"\(error)".contains("hunter2"))
        }
    }

    @Test func theClientNameAndAnExtraCertificateFileAreKept() throws {
        let configuration = try SMTPConfiguration(url: "smtp://mail.c4c.test", clientName: "www.c4c.test", extraTrustedCertificates: "/etc/c4c/ca.pem")
        #expect(configuration.clientName == "www.c4c.test")
        #expect(configuration.extraTrustedCertificates == "/etc/c4c/ca.pem")
    }
}
