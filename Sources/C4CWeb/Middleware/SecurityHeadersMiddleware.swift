import HTTPTypes
import Hummingbird

/// Sends the security headers on every response, error pages included. Scripts and styles come
/// only from this site; no inline script; no framing; recordings embed only from the one
/// privacy-enhanced video host, and only after a click. Only the embeds, which say so in their
/// own policy, may be framed by other sites.
public struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    let behindTLS: Bool

    public init(behindTLS: Bool) { self.behindTLS = behindTLS }

    static var contentSecurityPolicy: String {
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "frame-src https://www.youtube-nocookie.com https://player.vimeo.com",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ].joined(separator: "; ")
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        if response.headers[.contentSecurityPolicy] == nil {
            response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        // A page that states its own framers (the embeds) is framed by that rule alone.
        if !(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors *") ?? false) {
            response.headers[.xFrameOptions] = "DENY"
        }
        response.headers[.referrerPolicy] = "strict-origin-when-cross-origin"
        response.headers[.permissionsPolicy] = "camera=(), microphone=(), geolocation=(), interest-cohort=()"
        response.headers[.crossOriginOpenerPolicy] = "same-origin"
        if behindTLS {
            response.headers[.strictTransportSecurity] = "max-age=63072000; includeSubDomains"
        }
        return response
    }
}
