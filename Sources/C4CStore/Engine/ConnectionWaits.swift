import Synchronization

/// How long requests waited for a database connection (on SQLite, for the single writer): the
/// figures `/metrics` reports as pool waits. Counted since the engine opened.
public struct ConnectionWaits: Sendable, Equatable {
    /// Connections handed out.
    public var leases = 0
    /// Of those, the ones a request had to wait for: more than a millisecond.
    public var waited = 0
    /// Time spent waiting, in seconds, over all leases.
    public var seconds = 0.0

    public init() {}
}

/// Counts leases as they are handed out; shared by the engines.
final class ConnectionWaitCounter: Sendable {
    private let totals = Mutex(ConnectionWaits())

    func record(_ wait: Duration) {
        let seconds = Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18
        totals.withLock { totals in
            totals.leases += 1
            if seconds > 0.001 { totals.waited += 1 }
            totals.seconds += seconds
        }
    }

    var current: ConnectionWaits { totals.withLock { $0 } }
}
