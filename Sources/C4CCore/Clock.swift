import Foundation

/// Where "now" comes from. Scheduling, deadlines and expiry read it instead of `Date()`,
/// so tests can set the time.
public struct WallClock: Sendable {
    private let read: @Sendable () -> Date

    public init(_ read: @escaping @Sendable () -> Date) { self.read = read }

    public var now: Date { read() }

    public static let system = WallClock { Date() }

    public static func fixed(_ date: Date) -> WallClock { WallClock { date } }
}
