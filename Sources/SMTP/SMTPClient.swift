import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// What the server accepted: the recipients it took, those it refused (when others were taken),
/// and its reply to the message.
public struct SMTPDelivery: Sendable, Equatable {
    public var accepted: [String]
    public var refused: [String: SMTPReply]
    public var reply: SMTPReply
}

/// Delivers an already-written RFC 5322 message to one server, over one connection per message:
/// greeting, EHLO (HELO when EHLO is not understood), STARTTLS and EHLO again, AUTH PLAIN or
/// LOGIN when configured, MAIL FROM, RCPT TO for each recipient, DATA, QUIT.
public struct SMTPClient: Sendable {
    public let configuration: SMTPConfiguration
    let tls: NIOSSLContext?
    let group: any EventLoopGroup

    /// Loads the trusted certificates once; fails when a configured certificate file cannot be read.
    public init(configuration: SMTPConfiguration, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) throws {
        self.configuration = configuration
        self.tls = configuration.security == .none ? nil : try SMTPTLS.context(for: configuration)
        self.group = group
    }

    public func send(_ message: String, from sender: String, to recipients: [String]) async throws -> SMTPDelivery {
        try await send(bytes: message.utf8, from: sender, to: recipients)
    }

    public func send(bytes message: some Sequence<UInt8>, from sender: String, to recipients: [String]) async throws -> SMTPDelivery {
        guard Self.isEnvelopeAddress(sender, allowEmpty: true) else { throw SMTPError(.invalidSender(sender)) }
        guard !recipients.isEmpty else { throw SMTPError(.invalidRecipient("")) }
        for recipient in recipients where !Self.isEnvelopeAddress(recipient, allowEmpty: false) {
            throw SMTPError(.invalidRecipient(recipient))
        }
        let data = SMTPData.encode(message)
        let connection = try await SMTPConnection.open(
            host: configuration.host, port: configuration.port, tls: tls, implicitTLS: configuration.security == .implicitTLS,
            connectTimeout: configuration.connectTimeout, group: group)
        do {
            let delivery = try await converse(connection, data: data, sender: sender, recipients: recipients)
            // The message is the server's now; a QUIT that goes wrong changes nothing.
            _ = try? await connection.command("QUIT", shown: "QUIT", timeout: .seconds(5))
            await connection.close()
            return delivery
        } catch {
            await connection.close()
            throw error
        }
    }

    private func converse(_ connection: SMTPConnection, data: ByteBuffer, sender: String, recipients: [String]) async throws -> SMTPDelivery {
        let timeout = configuration.commandTimeout
        try expect(try await connection.reply(to: "the greeting", timeout: timeout), 220, "the greeting")
        var capabilities = try await hello(connection)
        if configuration.security == .startTLS {
            guard capabilities.offers("STARTTLS") else { throw SMTPError(.startTLSUnavailable) }
            try expect(try await connection.startTLS(timeout: timeout), 220, "STARTTLS")
            capabilities = try await hello(connection)
        }
        if let username = configuration.username {
            try await authenticate(connection, username: username, password: configuration.password ?? "", capabilities: capabilities)
        }
        let body = capabilities.offers("8BITMIME") && SMTPData.hasEightBitBytes(data) ? " BODY=8BITMIME" : ""
        try expect(try await connection.command("MAIL FROM:<\(sender)>\(body)", shown: "MAIL FROM", timeout: timeout), 250, "MAIL FROM")

        var accepted: [String] = []
        var refused: [String: SMTPReply] = [:]
        for recipient in recipients {
            let reply = try await connection.command("RCPT TO:<\(recipient)>", shown: "RCPT TO", timeout: timeout)
            if reply.code == 250 || reply.code == 251 {
                accepted.append(recipient)
            } else if reply.isTransientFailure || reply.isPermanentFailure {
                refused[recipient] = reply
            } else {
                throw SMTPError(.refused(command: "RCPT TO", reply: reply))
            }
        }
        guard !accepted.isEmpty else {
            // One that might pass later makes the whole refusal worth retrying.
            let replies = recipients.compactMap { refused[$0] }
            throw SMTPError(.refused(command: "RCPT TO", reply: replies.first(where: \.isTransientFailure) ?? replies[0]))
        }
        try expect(try await connection.command("DATA", shown: "DATA", timeout: timeout), 354, "DATA")
        try await connection.write(data)
        let reply = try await connection.reply(to: "the message", timeout: configuration.dataTimeout)
        try expect(reply, 250, "message")
        return SMTPDelivery(accepted: accepted, refused: refused, reply: reply)
    }

    /// EHLO, or HELO from a server that does not know EHLO (it then offers no extensions).
    private func hello(_ connection: SMTPConnection) async throws -> SMTPCapabilities {
        let name = Self.clientName(configuration.clientName)
        let reply = try await connection.command("EHLO \(name)", shown: "EHLO", timeout: configuration.commandTimeout)
        if reply.code == 250 { return SMTPCapabilities(ehlo: reply) }
        guard [500, 501, 502, 504, 550].contains(reply.code) else { throw SMTPError(.refused(command: "EHLO", reply: reply)) }
        try expect(try await connection.command("HELO \(name)", shown: "HELO", timeout: configuration.commandTimeout), 250, "HELO")
        return SMTPCapabilities()
    }

    /// PLAIN when offered (one round trip), else LOGIN. Only ever over TLS, or to a server on
    /// this machine when TLS is switched off for it.
    private func authenticate(_ connection: SMTPConnection, username: String, password: String, capabilities: SMTPCapabilities) async throws {
        let mechanisms = capabilities.authenticationMechanisms
        let timeout = configuration.commandTimeout
        func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
        if mechanisms.contains("PLAIN") {
            let reply = try await connection.command("AUTH PLAIN \(base64("\0\(username)\0\(password)"))", shown: "AUTH PLAIN", timeout: timeout)
            try expect(reply, 235, "AUTH PLAIN")
        } else if mechanisms.contains("LOGIN") {
            try expect(try await connection.command("AUTH LOGIN", shown: "AUTH LOGIN", timeout: timeout), 334, "AUTH LOGIN")
            try expect(try await connection.command(base64(username), shown: "AUTH LOGIN (user name)", timeout: timeout), 334, "AUTH LOGIN (user name)")
            try expect(try await connection.command(base64(password), shown: "AUTH LOGIN (password)", timeout: timeout), 235, "AUTH LOGIN (password)")
        } else {
            throw SMTPError(.authenticationUnavailable(offered: mechanisms))
        }
    }

    private func expect(_ reply: SMTPReply, _ code: Int, _ command: String) throws {
        guard reply.code == code else { throw SMTPError(.refused(command: command, reply: reply)) }
    }

    /// An address as it goes between `<` and `>`: printable ASCII without spaces or angle
    /// brackets, so no address can end the command or start another. The sender may be empty
    /// (the null reverse path of RFC 5321, for messages that must never bounce).
    static func isEnvelopeAddress(_ address: String, allowEmpty: Bool) -> Bool {
        if address.isEmpty { return allowEmpty }
        return address.utf8.count <= 254 && address.contains("@")
            && address.utf8.allSatisfy { (33...126).contains($0) && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") }
    }

    /// The EHLO argument: a domain, or an address literal for an IP address (RFC 5321 4.1.1.1).
    static func clientName(_ name: String) -> String {
        if let address = try? SocketAddress(ipAddress: name, port: 0) {
            if case .v6 = address { return "[IPv6:\(name)]" }
            return "[\(name)]"
        }
        let kept = name.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }
        return kept.isEmpty ? "localhost" : kept
    }
}
