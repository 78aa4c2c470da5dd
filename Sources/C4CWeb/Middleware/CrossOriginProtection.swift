import Foundation
import HTTPTypes
import Hummingbird

/// Refuses unsafe requests (POST, PUT, PATCH, DELETE) sent by a browser from another site, on
/// every route. Browsers say where a request comes from in `Sec-Fetch-Site`; where that header is
/// missing (older browsers), `Origin` is compared with the host asked for. Requests with neither
/// come from non-browser clients, which carry no visitor's cookies to abuse. This needs no token,
/// so public pages with forms stay cacheable; back-office forms add a session token on top.
public struct CrossOriginProtection<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.isAllowed(method: request.method, headers: request.headers, authority: request.head.authority) else {
            if let oneClick = try await Self.oneClickUnsubscribe(request) { return try await next(oneClick, context) }
            throw HTTPError(.forbidden, message: "error_cross_origin_form")
        }
        return try await next(request, context)
    }

    /// The one cross-origin post let through: an RFC 8058 one-click unsubscribe, a POST to
    /// `/newsletter/unsubscribe/{token}` whose whole body is `List-Unsubscribe=One-Click`
    /// (`OneClickUnsubscribe` says why). Returns the request with its body read, or nil.
    static func oneClickUnsubscribe(_ request: Request) async throws -> Request? {
        guard request.method == .post, OneClickUnsubscribe.isUnsubscribeAddress(request.uri.path) else { return nil }
        guard let body = try? await request.body.collect(upTo: OneClickUnsubscribe.bodyLimit),
              OneClickUnsubscribe.isOneClickBody(contentType: request.headers[.contentType], body: body) else { return nil }
        return Request(head: request.head, body: .init(buffer: body))
    }

    static func isAllowed(method: HTTPRequest.Method, headers: HTTPFields, authority: String?) -> Bool {
        switch method {
        case .get, .head, .options, .trace: return true
        default: break
        }
        if let site = headers[.secFetchSite]?.lowercased() {
            // "none" is a navigation the user typed or bookmarked.
            return site == "same-origin" || site == "none"
        }
        if let origin = headers[.origin] {
            guard origin != "null", let url = URL(string: origin), let host = url.host, let authority else { return false }
            let originAuthority = url.port.map { "\(host):\($0)" } ?? host
            return originAuthority.lowercased() == authority.lowercased()
                || (url.port == nil && authority.lowercased() == "\(host.lowercased()):\(url.scheme == "https" ? 443 : 80)")
        }
        return true
    }
}
