import Foundation

/// Instants are stored as whole seconds since 1970 in UTC, the same integer on SQLite and
/// PostgreSQL, so comparisons and ordering happen in SQL on both engines alike.
extension Date {
    public var epochSeconds: Int64 { Int64(timeIntervalSince1970.rounded(.down)) }
    public init(epochSeconds: Int64) { self.init(timeIntervalSince1970: TimeInterval(epochSeconds)) }
}
