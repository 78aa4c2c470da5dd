import Foundation
import Logging
import NIOCore
import SQLKit
import Synchronization

/// A database that asks the engine for its plan of every read before running it, and keeps each
/// query's text, plan and time: `c4c explain-public-queries` serves pages through it to show what
/// each public page costs (SQLite `EXPLAIN QUERY PLAN`, PostgreSQL `EXPLAIN`). Not for serving.
public final class ExplainingDatabase: Database {
    public struct Query: Sendable {
        public let sql: String
        public let plan: [String]
        public let duration: Duration
    }

    private let base: any Database
    private let queries = Mutex<[Query]>([])

    public init(_ base: any Database) { self.base = base }

    public var engine: Engine { base.engine }
    public var isAvailable: Bool { base.isAvailable }

    public func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await base.read { sql in try await body(ExplainingSQLDatabase(base: sql, owner: self)) }
    }

    public func write<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await base.write { sql in try await body(ExplainingSQLDatabase(base: sql, owner: self)) }
    }

    public func readSnapshot<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await base.readSnapshot { sql in try await body(ExplainingSQLDatabase(base: sql, owner: self)) }
    }

    public func ping(within limit: Duration) async -> Bool { await base.ping(within: limit) }
    public var connectionWaits: ConnectionWaits { base.connectionWaits }

    public func close() async throws { try await base.close() }

    /// The queries run since the last call, oldest first.
    public func take() -> [Query] {
        queries.withLock { taken in
            defer { taken.removeAll() }
            return taken
        }
    }

    func record(_ query: Query) { queries.withLock { $0.append(query) } }
}

/// Explains each SELECT, then runs it and times it; anything else runs as it is.
private struct ExplainingSQLDatabase: SQLDatabase {
    let base: any SQLDatabase
    let owner: ExplainingDatabase

    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { base.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        let promise = eventLoop.makePromise(of: Void.self)
        promise.completeWithTask { try await execute(sql: query, onRow) }
        return promise.futureResult
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        let text = base.serialize(query).sql.trimmingCharacters(in: .whitespacesAndNewlines)
        let upper = text.prefix(6).uppercased()
        guard upper.hasPrefix("SELECT") || upper.hasPrefix("WITH") else { return try await base.execute(sql: query, onRow) }
        let postgres = dialect.name == "postgresql"
        let rows = Mutex<[any SQLRow]>([])
        try await base.execute(sql: Prefixed(prefix: postgres ? "EXPLAIN " : "EXPLAIN QUERY PLAN ", query: query)) { row in
            rows.withLock { $0.append(row) }
        }
        let plan = try rows.withLock { rows in
            postgres ? try rows.map { try $0.decode(column: "QUERY PLAN", as: String.self) } : try Self.sqliteTree(rows)
        }
        let started = ContinuousClock.now
        try await base.execute(sql: query, onRow)
        owner.record(.init(sql: text, plan: plan, duration: ContinuousClock.now - started))
    }

    /// SQLite's plan rows (`id`, `parent`, `detail`) as an indented tree.
    static func sqliteTree(_ rows: [any SQLRow]) throws -> [String] {
        var depth: [Int: Int] = [0: -1]
        return try rows.map { row in
            let id = try row.decode(column: "id", as: Int.self)
            let level = (depth[try row.decode(column: "parent", as: Int.self)] ?? -1) + 1
            depth[id] = level
            return String(repeating: "  ", count: level) + (try row.decode(column: "detail", as: String.self))
        }
    }
}

/// A query with text before it, its binds kept: `EXPLAIN …`.
private struct Prefixed: SQLExpression {
    let prefix: String
    let query: any SQLExpression

    func serialize(to serializer: inout SQLSerializer) {
        serializer.write(prefix)
        query.serialize(to: &serializer)
    }
}
