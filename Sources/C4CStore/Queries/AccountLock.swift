import SQLKit

/// Serialises the account changes whose check and write must not interleave (the first
/// administrator, the last one). SQLite's single writer does this already; PostgreSQL runs
/// transactions side by side, so they take a transaction-level advisory lock.
enum AccountLock {
    static let key = 4_242_018

    static func take(_ sql: any SQLDatabase) async throws {
        if sql.dialect.name == "postgresql" {
            try await sql.raw("SELECT pg_advisory_xact_lock(\(literal: key))").run()
        }
    }
}
