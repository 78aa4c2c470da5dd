import Hummingbird
import NIOCore

/// The request context of every route: Hummingbird's basic one plus the peer's address, which
/// sign-in throttling counts by.
public struct AppRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}
