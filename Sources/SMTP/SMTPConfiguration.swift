import Foundation

/// Where and how to reach one mail server, read from a URL:
///
/// - `smtp://user:pass@host:587`: STARTTLS, always. A server that does not offer it is not sent
///   anything, because a connection that silently stays in clear text is what an attacker on
///   the path would arrange by hiding the offer.
/// - `smtp://host:25?tls=none`: clear text, accepted only for a server on this machine
///   (`localhost`, `127.0.0.0/8`, `::1`), such as a local relay or a development catcher.
/// - `smtps://host:465`: TLS from the first byte.
///
/// User and password are percent-decoded, so `%40` in a user name is `@`.
public struct SMTPConfiguration: Sendable, Equatable, CustomStringConvertible {
    public enum Security: String, Sendable, Equatable {
        case startTLS, implicitTLS, none
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var username: String?
    public var password: String?
    /// The name this client gives in EHLO: the site's own host name.
    public var clientName: String
    /// PEM certificates trusted on top of the system's, for a server with a private CA (or a test's self-signed one).
    public var extraTrustedCertificates: String?
    public var connectTimeout: Duration = .seconds(15)
    /// How long any reply may take, except the one after the message's final dot.
    public var commandTimeout: Duration = .seconds(120)
    /// How long the server may take to accept the message once it has all of it. RFC 5321
    /// (4.5.3.2.6) asks for ten minutes: giving up sooner risks a second copy when it did accept.
    public var dataTimeout: Duration = .seconds(600)

    public init(host: String, port: Int, security: Security, username: String? = nil, password: String? = nil,
                clientName: String = "localhost", extraTrustedCertificates: String? = nil) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.clientName = clientName
        self.extraTrustedCertificates = extraTrustedCertificates
    }

    /// Reads `smtp://` and `smtps://` URLs; the port defaults to 587 and 465.
    public init(url text: String, clientName: String = "localhost", extraTrustedCertificates: String? = nil) throws {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            throw SMTPConfigurationError("\(Self.redacted(text)) is not a URL; expected smtp://user:password@host:587 or smtps://host:465")
        }
        guard let host = components.host, !host.isEmpty else {
            throw SMTPConfigurationError("\(Self.redacted(text)) names no host")
        }
        var security: Security
        switch scheme {
        case "smtp": security = .startTLS
        case "smtps": security = .implicitTLS
        default: throw SMTPConfigurationError("\(scheme):// is not a mail server URL; use smtp:// (STARTTLS) or smtps:// (implicit TLS)")
        }
        for item in components.queryItems ?? [] {
            switch (item.name, item.value?.lowercased()) {
            case ("tls", "none") where scheme == "smtp":
                security = .none
            case ("tls", "starttls") where scheme == "smtp":
                security = .startTLS
            default:
                throw SMTPConfigurationError("Unknown option \(item.name)=\(item.value ?? "") in the mail server URL; the one option is tls=none, for smtp:// to a local server")
            }
        }
        // URLComponents keeps an IPv6 host in brackets.
        let bareHost = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if security == .none && !Self.isLoopback(bareHost) {
            throw SMTPConfigurationError("tls=none sends mail and passwords in clear text, so it is accepted only for a server on this machine (localhost, 127.0.0.1, ::1), not \(bareHost)")
        }
        self.init(host: bareHost, port: components.port ?? (security == .implicitTLS ? 465 : 587), security: security,
                  username: components.percentEncodedUser.map { $0.removingPercentEncoding ?? $0 },
                  password: components.percentEncodedPassword.map { $0.removingPercentEncoding ?? $0 },
                  clientName: clientName, extraTrustedCertificates: extraTrustedCertificates)
        if username?.isEmpty == true { username = nil }
        if password != nil && username == nil {
            throw SMTPConfigurationError("The mail server URL has a password but no user name")
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased()
        if host == "localhost" || host.hasSuffix(".localhost") || host == "::1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets.first == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    /// Never shows the password.
    public var description: String {
        let scheme = security == .implicitTLS ? "smtps" : "smtp"
        let user = username.map { "\($0):***@" } ?? ""
        let host = self.host.contains(":") ? "[\(self.host)]" : self.host
        return "\(scheme)://\(user)\(host):\(port)\(security == .none ? "?tls=none" : "")"
    }

    /// The URL with anything between `//` and `@` hidden, for error messages.
    static func redacted(_ text: String) -> String {
        guard let start = text.range(of: "//"), let at = text.range(of: "@", range: start.upperBound..<text.endIndex) else { return text }
        return text.replacingCharacters(in: start.upperBound..<at.lowerBound, with: "***")
    }
}

public struct SMTPConfigurationError: Error, CustomStringConvertible, Equatable {
    public let description: String

    init(_ description: String) { self.description = description }
}
