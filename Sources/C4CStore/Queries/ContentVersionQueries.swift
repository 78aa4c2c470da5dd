import SQLKit

/// What a cached public page depends on besides its address: the content version, which every
/// write visitors can see bumps, and the next instant at which a scheduled change (a publication,
/// a deadline, an event starting or ending, a 'featured until') may make some page differ.
public struct ContentVersionQueries: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    /// Every column holding an instant at which a public page may change without a write.
    /// Each has an index (`Schema.scheduleIndexes`).
    static let scheduledColumns: [(table: String, column: String)] = [
        ("key_facts", "publish_at"), ("hero_slides", "publish_at"), ("hero_slides", "featured_until"),
        ("pages", "publish_at"), ("organisations", "publish_at"), ("affiliates", "publish_at"), ("people", "publish_at"),
        ("resources", "publish_at"), ("resources", "featured_until"), ("event_series", "publish_at"),
        ("events", "publish_at"), ("events", "featured_until"), ("events", "starts_at"), ("events", "ends_at"),
        ("events", "registration_closes_at"),
        ("vacancies", "publish_at"), ("vacancies", "featured_until"), ("vacancies", "deadline_at"),
        ("blog_posts", "publish_at"), ("blog_posts", "featured_until"),
    ]

    public func version() async throws -> Int64 {
        try await database.read { sql in
            try await sql.raw("SELECT version FROM content_version WHERE id = 1").first()?.decode(column: "version", as: Int64.self) ?? 0
        }
    }

    /// The earliest scheduled instant at or after `from` (epoch seconds) in any content table,
    /// drafts included (a spare recomputation costs less than a missed change); nil when none.
    /// One indexed probe per column: `ORDER BY … LIMIT 1` rather than `MIN`, which both engines
    /// answer from the index.
    public func nextScheduledInstant(from: Int64) async throws -> Int64? {
        let probes: [SQLQueryString] = Self.scheduledColumns.map { table, column in
            "SELECT (SELECT \(ident: column) FROM \(ident: table) WHERE \(ident: column) >= \(bind: from) ORDER BY \(ident: column) LIMIT 1) AS instant"
        }
        let query: SQLQueryString = "SELECT MIN(instant) AS next FROM (" + probes.joined(" UNION ALL ") + ") AS upcoming"
        return try await database.read { sql in
            try await sql.raw(query).first()?.decode(column: "next", as: Int64?.self)
        }
    }

    /// Marks every cached page stale: call inside the transaction of any write visitors can see.
    public static func bump(_ sql: any SQLDatabase) async throws {
        try await sql.raw("UPDATE content_version SET version = version + 1 WHERE id = 1").run()
    }
}
