import C4CStore
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// `/metrics` in Prometheus text. Open to a scraper on this machine (a loopback peer with no
/// proxy header: behind nginx every visitor arrives from loopback, but with `X-Forwarded-For`),
/// or anywhere with `Authorization: Bearer` and the token set in `C4C_METRICS_TOKEN`.
struct MetricsController<Context: RequestContext>: Sendable {
    let metrics: SiteMetrics
    let database: any Database
    let token: String?

    func addRoutes(to router: Router<Context>) {
        router.get("/metrics") { request, context in
            guard isAllowed(request, context: context) else {
                return Response(status: .forbidden, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
                                body: .init(byteBuffer: ByteBuffer(string: "Metrics are open to this machine, or with the metrics token.\n")))
            }
            let outbox = (try? await MailQueries(database: database).countsByStatus()) ?? [:]
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                            body: .init(byteBuffer: ByteBuffer(bytes: metrics.exposition(database: database, outbox: outbox))))
        }
    }

    func isAllowed(_ request: Request, context: Context) -> Bool {
        if let token, !token.isEmpty, let authorization = request.headers[.authorization] {
            // Digests compare in constant time: the answer's timing tells nothing of the token.
            return SHA256.hash(data: Data(authorization.utf8)) == SHA256.hash(data: Data("Bearer \(token)".utf8))
        }
        guard request.headers[.xForwardedFor] == nil, request.headers[.forwarded] == nil,
              let peer = (context as? any RemoteAddressRequestContext)?.remoteAddress?.ipAddress else { return false }
        return peer == "127.0.0.1" || peer == "::1" || peer.hasPrefix("127.") || peer == "::ffff:127.0.0.1"
    }
}
