import C4CStore
import SQLKit
import Synchronization

/// What a database holds, summarised so that any write shows: the row count of every table and
/// the values of the columns that record a change (times, statuses, roles, settings, names). Tests
/// take one before and after a refused request and expect them equal. It is read in one query.
public enum DatabaseFingerprint {
    static let watched = ["updated_at", "status", "role", "organisation_id", "disabled", "value", "name", "title", "alt_text", "slug"]

    /// The query for each engine, built once from the migrated schema (every test migrates the same).
    private static let queries = Mutex<[Engine: String]>([:])

    public static func of(_ database: any Database) async throws -> [String: String] {
        let engine = database.engine
        return try await database.read { sql in
            var query = queries.withLock { $0[engine] }
            if query == nil {
                query = try await Self.query(sql, engine)
                queries.withLock { $0[engine] = query }
            }
            guard let query else { return [:] }
            let rows = try await sql.raw(SQLQueryString(query)).all()
            var summary: [String: String] = [:]
            for row in rows { summary[try row.decode(column: "k", as: String.self)] = try row.decode(column: "v", as: String.self) }
            return summary
        }
    }

    static func query(_ sql: any SQLDatabase, _ engine: Engine) async throws -> String {
        do {
            var parts: [String] = []
            for table in try await SchemaInspection.tables(sql, engine) {
                parts.append("SELECT '\(table)' AS k, CAST(COUNT(*) AS TEXT) AS v FROM \(table)")
                let columns = try await SchemaInspection.columns(of: table, sql, engine)
                // The outbox's status is the delivery worker's to change, at any moment; a message a
                // request queued still shows in the row count.
                for column in watched where columns.contains(column) && !(table == "mail_outbox" && column == "status") {
                    let value = "COALESCE(CAST(\(column) AS TEXT), '∅')"
                    let joined = engine == .postgres ? "string_agg(\(value), '|' ORDER BY \(value))"
                                                     : "(SELECT group_concat(x, '|') FROM (SELECT \(value) AS x FROM \(table) ORDER BY 1))"
                    parts.append("SELECT '\(table).\(column)' AS k, \(engine == .postgres ? "COALESCE(\(joined), '')" : "COALESCE(\(joined), '')") AS v\(engine == .postgres ? " FROM \(table)" : "")")
                }
            }
            return parts.joined(separator: " UNION ALL ")
        }
    }

    /// The keys whose values differ, for a readable failure.
    public static func difference(_ before: [String: String], _ after: [String: String]) -> [String] {
        Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
    }
}
