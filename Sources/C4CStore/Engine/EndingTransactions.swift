import SQLKit

extension Database {
    /// For engines whose `read` holds its connection alone until `body` returns (PostgreSQL's
    /// pool), and for wrappers of them: a transaction inside that read is the reader's own.
    public func readSnapshot<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let begin: SQLQueryString = engine == .sqlite ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
        return try await read { sql in try await Transaction.run(on: sql, begin: begin) { try await body(sql) } }
    }
}

/// A transaction that always ends. sqlite-nio runs each statement through
/// `NIOThreadPool.runIfActive`, which skips a statement queued by a cancelled task and throws
/// `CancellationError`: a COMMIT or ROLLBACK skipped that way left the connection inside its
/// transaction, and every later BEGIN on it failed with "cannot start a transaction within a
/// transaction". So the ending statements run in a task of their own, which no cancellation reaches.
enum Transaction {
    static func run<T>(on sql: any SQLDatabase, begin: SQLQueryString, _ body: () async throws -> T) async throws -> T {
        try await sql.raw(begin).run()
        let result: T
        do {
            result = try await body()
        } catch {
            try? await runEvenIfCancelled("ROLLBACK", on: sql)
            throw error
        }
        do {
            try await runEvenIfCancelled("COMMIT", on: sql)
        } catch {
            try? await runEvenIfCancelled("ROLLBACK", on: sql)
            throw error
        }
        return result
    }

    static func runEvenIfCancelled(_ statement: SQLQueryString, on sql: any SQLDatabase) async throws {
        try await Task { try await sql.raw(statement).run() }.value
    }
}
