import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// The outermost middleware: gives each request an id (the proxy's `X-Request-Id` when it is a
/// plain token, else a new one), sends it back, logs one line when the answer is ready, and counts
/// it in the metrics by route, status and page-cache result.
struct RequestTelemetry<Context: RequestContext>: RouterMiddleware {
    let metrics: SiteMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let id = Self.requestID(request.headers[.xRequestID])
        var context = context
        context.logger[metadataKey: "request_id"] = .string(id)
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        } catch {
            finish(request, context: context, status: 500, cache: nil, started: started)
            throw error
        }
        response.headers[.xRequestID] = id
        finish(request, context: context, status: response.status.code, cache: response.headers[.xCache], started: started)
        return response
    }

    private func finish(_ request: Request, context: Context, status: Int, cache: String?, started: ContinuousClock.Instant) {
        let duration = ContinuousClock.now - started
        let route = context.endpointPath ?? "unmatched"
        metrics.recordRequest(route: route, method: request.method.rawValue, status: status, cache: cache, duration: duration)
        let milliseconds = Double(duration.components.attoseconds) / 1e15 + Double(duration.components.seconds) * 1000
        context.logger.info("request", metadata: [
            "method": .string(request.method.rawValue), "path": .string(request.uri.path), "route": .string(route),
            "status": .stringConvertible(status), "duration_ms": .string(String(format: "%.2f", milliseconds)),
            "cache": .string(cache ?? "none"),
        ])
    }

    /// The proxy's id when it is 1–64 letters, digits, `-`, `_` or `.`; otherwise 16 random hex digits.
    static func requestID(_ given: String?) -> String {
        if let given, (1...64).contains(given.utf8.count),
           given.utf8.allSatisfy({ $0 == 45 || $0 == 46 || $0 == 95 || (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) }) {
            return given
        }
        return String(UInt64.random(in: .min ... .max), radix: 16).leftPadded(to: 16)
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
