import Hummingbird

/// Refuses an address longer than any page of ours needs with 414 and a readable page (the error
/// page middleware sits before this one). The HTTP decoder is configured to let such requests
/// through up to `decoderLimit`, so they get this page rather than the empty 400 NIO writes.
struct AddressLengthLimit<Context: RequestContext>: RouterMiddleware {
    static var maximumBytes: Int { 8 * 1024 }
    /// What the HTTP decoder accepts for the request line and headers together.
    static var decoderLimit: Int { 512 * 1024 }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.description.utf8.count <= Self.maximumBytes else {
            throw HTTPError(.uriTooLong, message: "error_address_too_long")
        }
        return try await next(request, context)
    }
}
