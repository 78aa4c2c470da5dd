import Foundation

/// A closing time given as a date, time and zone, e.g. a vacancy that closes at 23:59 in Nairobi.
public struct Deadline: Sendable, Equatable {
    public let zoned: ZonedTime

    public init(_ zoned: ZonedTime) { self.zoned = zoned }

    /// Open until and including the closing instant; worked out each time from the clock's now,
    /// never by a scheduled job.
    public func isOpen(at now: Date) -> Bool { now <= zoned.instant }
}
