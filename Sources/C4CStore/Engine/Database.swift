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
    func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// Runs `body` in a transaction: all of it is stored, or none.
    func write<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    func close() async throws
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
