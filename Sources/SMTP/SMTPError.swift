/// Why a message was not delivered, and whether trying again could help.
public struct SMTPError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// The server answered `command` with a 4xx or 5xx reply, or with a reply the protocol does not allow there.
        case refused(command: String, reply: SMTPReply)
        /// No connection could be made (refused, unreachable, name unknown).
        case connectionFailed(String)
        /// The server closed the connection, or it broke, in the middle of the conversation.
        case connectionClosed
        /// No reply within the time allowed.
        case timedOut(waitingFor: String)
        /// The server does not offer STARTTLS, which this client requires unless told `tls=none`.
        case startTLSUnavailable
        /// The TLS handshake failed: most often a certificate that is not trusted or not for this host.
        case tls(String)
        /// Credentials are configured but the server offers no mechanism this client speaks (PLAIN, LOGIN).
        case authenticationUnavailable(offered: [String])
        case protocolViolation(String)
        /// An envelope address holds what SMTP cannot carry (a line break, `<`, `>`, text that is not ASCII).
        case invalidRecipient(String)
        case invalidSender(String)
    }

    public let reason: Reason

    public init(_ reason: Reason) { self.reason = reason }

    /// True when the same message to the same server will meet the same answer: a 5xx reply, or
    /// an address SMTP cannot carry. Everything else (4xx, network, timeouts, TLS) may pass later.
    public var isPermanent: Bool {
        switch reason {
        case .refused(_, let reply): reply.isPermanentFailure
        case .invalidRecipient, .invalidSender: true
        default: false
        }
    }

    /// True when the refusal is about this message, its recipients or its content, rather than
    /// about the session (greeting, EHLO, TLS, AUTH, the sender every message shares). A session
    /// refusal is a configuration to fix, and every message would meet it alike.
    public var concernsMessage: Bool {
        switch reason {
        case .refused(let command, _): ["RCPT TO", "DATA", "message"].contains(command)
        case .invalidRecipient: true
        default: false
        }
    }

    public var description: String {
        switch reason {
        case .refused(let command, let reply):
            "The mail server answered \(command) with \(reply)"
        case .connectionFailed(let detail):
            "The connection to the mail server failed: \(detail)"
        case .connectionClosed:
            "The mail server closed the connection"
        case .timedOut(let waitingFor):
            "The mail server did not answer \(waitingFor) in time"
        case .startTLSUnavailable:
            "The mail server does not offer STARTTLS, which is required (use smtps:// for implicit TLS, or tls=none for a server on this machine)"
        case .tls(let detail):
            "TLS with the mail server failed: \(detail)"
        case .authenticationUnavailable(let offered):
            "The mail server offers no login this client speaks (PLAIN or LOGIN)"
                + (offered.isEmpty ? ", or none at all before TLS" : "; it offers \(offered.joined(separator: ", "))")
        case .protocolViolation(let detail):
            "The mail server broke the protocol: \(detail)"
        case .invalidRecipient(let address):
            "The recipient address cannot be sent over SMTP: \(address.prefix(100).debugDescription)"
        case .invalidSender(let address):
            "The sender address cannot be sent over SMTP: \(address.prefix(100).debugDescription)"
        }
    }
}
