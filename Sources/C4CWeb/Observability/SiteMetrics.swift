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
        Counter(label: "c4c_http_requests_total", dimensions: [("route", route), ("method", method), ("status", String(status))],
                factory: factory).increment()
        Timer(label: "c4c_http_request_duration_seconds", dimensions: [("route", route)], factory: factory)
            .recordNanoseconds(duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
        if let cache {
            Counter(label: "c4c_page_cache_responses_total", dimensions: [("result", cache)], factory: factory).increment()
        }
    }

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
