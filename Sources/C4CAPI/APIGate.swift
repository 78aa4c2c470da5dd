import C4CStore
import Foundation
import HTTPTypes
import Hummingbird
import OpenAPIRuntime

/// What every API answer carries, and how the API says no. Answers may be read from any origin and
/// kept for a minute (the page cache in front keeps them, with their ETag, until content changes);
/// a bad parameter or cursor is a 400 in `application/problem+json` that says which, not a 500.
struct APIGate<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
            if response.status == .ok, response.headers[.cacheControl] == nil {
                response.headers[.cacheControl] = "public, max-age=60"
            }
        } catch let error as ServerError {
            if let bad = error.underlyingError as? APIBadParameter {
                response = APIProblem.response(.badRequest, detail: bad.detail)
            } else if error.underlyingError is InvalidCursor {
                response = APIProblem.response(.badRequest, detail: "cursor: not a cursor this API gave out; start again without it.")
            } else if (400..<500).contains(error.httpStatus.code) {
                response = APIProblem.response(.badRequest, detail: error.causeDescription)
            } else {
                throw error.underlyingError
            }
        }
        response.headers.allowAnyOriginToRead()
        return response
    }
}

extension HTTPFields {
    /// CORS for reading: any page may fetch the answer and see its tags and limits.
    public mutating func allowAnyOriginToRead() {
        self[.accessControlAllowOrigin] = "*"
        self[.accessControlExposeHeaders] = "ETag, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Retry-After"
    }
}

/// An API error as RFC 9457 problem details, readable from any origin and never kept.
public enum APIProblem {
    public static func response(_ status: HTTPResponse.Status, detail: String) -> Response {
        let body: [String: any Sendable] = ["title": status.reasonPhrase, "status": status.code, "detail": detail]
        let data = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data()
        var headers: HTTPFields = [.contentType: "application/problem+json", .cacheControl: "no-store"]
        headers.allowAnyOriginToRead()
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// A parameter the document allows by type but this API refuses by value.
struct APIBadParameter: Error, Sendable {
    let detail: String
}

/// Answers a browser's CORS preflight for any API address: a page elsewhere that sends
/// `If-None-Match` from script asks first. It stands before the routes, which know only GET.
public struct APIPreflight<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .options, request.uri.path.hasPrefix("/api/") else { return try await next(request, context) }
        var headers: HTTPFields = [
            .accessControlAllowMethods: "GET, HEAD", .accessControlAllowHeaders: "If-None-Match", .accessControlMaxAge: "86400",
        ]
        headers.allowAnyOriginToRead()
        return Response(status: .noContent, headers: headers)
    }
}
