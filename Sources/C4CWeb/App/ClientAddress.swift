import Hummingbird

extension Request {
    /// The visitor's address: the proxy's `X-Forwarded-For` when the site is configured to sit
    /// behind one (its last entry, the one the proxy itself wrote), else the connection's peer.
    func clientAddress(context: some RequestContext, trustForwardedFor: Bool) -> String {
        if trustForwardedFor, let forwarded = headers[.xForwardedFor]?.split(separator: ",").last {
            return forwarded.trimmingCharacters(in: .whitespaces)
        }
        return (context as? any RemoteAddressRequestContext)?.remoteAddress?.ipAddress ?? "unknown"
    }
}
