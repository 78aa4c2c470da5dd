import C4CAPI
import C4CCore
import HTTPTypes
import Hummingbird
import Synchronization

/// At most `perMinute` requests to `/api/` a minute from one address, on this instance, answered
/// from the page cache or not: it stands before the cache, so a partner's loop cannot take the
/// site's CPU. Every API answer says what is left (`RateLimit-*`, IETF draft); past the limit, a
/// 429 in `application/problem+json` with `Retry-After`. Other paths pass untouched.
struct APIRateLimit<Context: RequestContext>: RouterMiddleware {
    let perMinute: Int
    let trustForwardedFor: Bool
    let clock: WallClock
    private let counts = RequestCounts()

    init(perMinute: Int, trustForwardedFor: Bool, clock: WallClock) {
        self.perMinute = perMinute
        self.trustForwardedFor = trustForwardedFor
        self.clock = clock
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path.hasPrefix("/api/") else { return try await next(request, context) }
        let now = clock.now.epochSeconds
        let address = request.clientAddress(context: context, trustForwardedFor: trustForwardedFor)
        let count = counts.add(address, minute: now / 60)
        let reset = String(60 - now % 60)
        guard count <= perMinute else {
            var response = APIProblem.response(.tooManyRequests, detail: "More than \(perMinute) requests a minute from this address.")
            response.headers[.retryAfter] = reset
            setHeaders(&response.headers, remaining: 0, reset: reset)
            return response
        }
        var response = try await next(request, context)
        setHeaders(&response.headers, remaining: perMinute - count, reset: reset)
        return response
    }

    private func setHeaders(_ headers: inout HTTPFields, remaining: Int, reset: String) {
        headers[.rateLimitLimit] = String(perMinute)
        headers[.rateLimitRemaining] = String(remaining)
        headers[.rateLimitReset] = reset
    }
}

/// Requests per address in the current minute. One window for every address: the old minute's
/// counts go all at once, so memory holds only the addresses seen this minute.
final class RequestCounts: Sendable {
    private struct Window {
        var minute: Int64
        var counts: [String: Int]
    }

    private let window = Mutex(Window(minute: 0, counts: [:]))

    /// Counts one request and returns how many this address made this minute.
    func add(_ address: String, minute: Int64) -> Int {
        window.withLock { window in
            if window.minute != minute { window = Window(minute: minute, counts: [:]) }
            window.counts[address, default: 0] += 1
            return window.counts[address, default: 0]
        }
    }
}
