import C4CStore
import CoreMetrics
import Foundation
import Prometheus
import Synchronization

/// The site's metrics in Prometheus form: requests by route and status with their latency, page
/// cache answers, the mail outbox, and waits for a database connection. Each application has its
/// own registry, so tests that build many in one process never mix their figures.
public final class SiteMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    let factory: PrometheusMetricsFactory
    private let reportedWaits = Mutex(ConnectionWaits())
    /// Each series' handles, made once: the factory checks and sanitises names and labels and
    /// looks the series up under a lock on every call, a fifth of a cached page's CPU.
    private let requestSeries = Mutex<[RequestSeries: RequestHandles]>([:])

    private struct RequestSeries: Hashable {
        let route: String, method: String, status: Int, cache: String?
    }

    private struct RequestHandles: @unchecked Sendable {  // swift-metrics handles are thread-safe classes
        let count: CoreMetrics.Counter
        let duration: CoreMetrics.Timer
        let cache: CoreMetrics.Counter?
    }

    public init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        // Cached pages answer in well under a millisecond: buckets start at a tenth of one.
        factory.defaultDurationHistogramBuckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                   0.5, 1, 2.5, 5].map { Duration.nanoseconds(Int64($0 * 1e9)) }
        self.factory = factory
    }

    /// One answered request. `route` is the route's pattern (`/resources/{slug}`), so the number of
    /// series stays bounded whatever addresses visitors ask for.
    func recordRequest(route: String, method: String, status: Int, cache: String?, duration: Duration) {
        // A visitor may send any method name; an unknown one must not become a series of its own.
        let method = Self.knownMethods.contains(method) ? method : "OTHER"
        let series = RequestSeries(route: route, method: method, status: status, cache: cache)
        let handles = requestSeries.withLock { known in
            if let handles = known[series] { return handles }
            let handles = RequestHandles(
                count: Counter(label: "c4c_http_requests_total",
                               dimensions: [("route", route), ("method", method), ("status", String(status))], factory: factory),
                duration: Timer(label: "c4c_http_request_duration_seconds", dimensions: [("route", route)], factory: factory),
                cache: cache.map { Counter(label: "c4c_page_cache_responses_total", dimensions: [("result", $0)], factory: factory) })
            known[series] = handles
            return handles
        }
        handles.count.increment()
        handles.duration.recordNanoseconds(duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
        handles.cache?.increment()
    }

    private static let knownMethods: Set<String> = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]

    /// The Prometheus text, with the outbox and pool figures read now.
    func exposition(database: any Database, outbox: [String: Int]) -> [UInt8] {
        for status in ["pending", "failed"] {
            Gauge(label: "c4c_outbox_messages", dimensions: [("status", status)], factory: factory).record(outbox[status] ?? 0)
        }
        let waits = database.connectionWaits
        let last = reportedWaits.withLock { last in
            defer { last = waits }
            return last
        }
        Counter(label: "c4c_database_connection_leases_total", factory: factory).increment(by: max(0, waits.leases - last.leases))
        Counter(label: "c4c_database_connection_waits_total", factory: factory).increment(by: max(0, waits.waited - last.waited))
        FloatingPointCounter(label: "c4c_database_connection_wait_seconds_total", factory: factory)
            .increment(by: max(0, waits.seconds - last.seconds))
        return registry.emitToBuffer()
    }
}
