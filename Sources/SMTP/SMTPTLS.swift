import NIOCore
import NIOSSL

/// TLS as a mail client needs it: TLS 1.2 or newer, the certificate checked against the system's
/// trust store (plus any configured extra certificates) and against the server's name.
enum SMTPTLS {
    static func context(for configuration: SMTPConfiguration) throws -> NIOSSLContext {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        tls.certificateVerification = .fullVerification
        tls.trustRoots = .default
        if let file = configuration.extraTrustedCertificates {
            tls.additionalTrustRoots = [.file(file)]
        }
        do {
            return try NIOSSLContext(configuration: tls)
        } catch {
            throw SMTPError(.tls("could not load trusted certificates\(configuration.extraTrustedCertificates.map { " from \($0)" } ?? ""): \(error)"))
        }
    }

    /// The handler that wraps the connection. A host given as an IP address is not sent as the
    /// server name (SNI forbids it); the certificate is then checked against the address itself.
    static func handler(_ context: NIOSSLContext, host: String) throws -> NIOSSLClientHandler {
        let isAddress = (try? SocketAddress(ipAddress: host, port: 0)) != nil
        return try NIOSSLClientHandler(context: context, serverHostname: isAddress ? nil : host)
    }
}
