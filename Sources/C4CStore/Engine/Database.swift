import Logging
import SQLKit

public enum Engine: String, Sendable {
    case sqlite, postgres
}

/// The one door to storage. Reads run on any connection; writes run one transaction at a time on
/// SQLite's single writer, or in a pooled transaction on PostgreSQL. Queries are written once in
/// SQLKit and run on both engines; raw SQL only where the dialects differ.
public protocol Database: Sendable {
    var engine: Engine { get }
    /// False while the server is known to be unreachable: reads and writes then fail at once with
    /// `DatabaseUnavailable` instead of waiting.
    var isAvailable: Bool { get }
    func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// Runs `body` in a transaction: all of it is stored, or none.
    func write<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// Whether the database answers `SELECT 1`, giving up after `limit` if no connection came.
    func ping(within limit: Duration) async -> Bool
    /// How long requests have waited for a connection since the engine opened.
    var connectionWaits: ConnectionWaits { get }
    func close() async throws
    // Last: modules an incremental build does not recompile keep the offsets of the others.
    /// Runs `body` in one read-only transaction on a connection no other read shares, so every
    /// query in it sees the same instant while writers carry on (an export).
    func readSnapshot<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T
}

/// The database could not be reached: no connection within the wait allowed, the server went
/// away, or an outage is under way. Pages answer 503 rather than hang.
public struct DatabaseUnavailable: Error, CustomStringConvertible {
    public let reason: String

    public init(_ reason: String) { self.reason = reason }

    public var description: String { "Database unavailable: \(reason)" }
}

extension DatabaseLocation {
    /// Opens the database this location names.
    public func open(logger: Logger) async throws -> any Database {
        switch self {
        case .sqlite(let path): try await SQLiteEngine.open(path: path, logger: logger)
        case .postgres(let url): try await PostgresEngine.open(url: url, logger: logger)
        }
    }
}
