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
            throw HTTPError(.forbidden, message: "This form was sent from another website, so it was refused. Please use the form on this site.")
        }
        return try await next(request, context)
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
