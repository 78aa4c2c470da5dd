import C4CCore
import Foundation
import SQLKit

/// Every public address with its last change, for sitemap.xml.
public struct SitemapQueries: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public struct Entry: Sendable, RowDecodable {
        public var section: String
        public var slug: String
        public var lang: String
        public var updatedAt: Int64

        init(row: any SQLRow) throws {
            section = try row.decode(column: "section")
            slug = try row.decode(column: "slug")
            lang = try row.decode(column: "lang")
            updatedAt = try row.decode(column: "updated_at")
        }
    }

    static let sections: [(section: String, table: String)] = [
        ("resources", "resources"), ("events", "events"), ("events/series", "event_series"), ("vacancies", "vacancies"),
        ("blog", "blog_posts"), ("members", "organisations"), ("", "pages"), ("newsletter/archive", "newsletter_issues"),
    ]

    /// How many public items the sitemap lists: free pages whose slug is in `hiddenPages` (a
    /// fixed address hides them) are left out.
    public func count(now: Date, hiddenPages: Set<String> = []) async throws -> Int {
        try await database.read { sql in
            var total = 0
            for source in Self.sections {
                total += try await sql.count("SELECT COUNT(*) AS n FROM \(ident: source.table) x WHERE \(Self.listed(source, now, hiddenPages))")
            }
            return total
        }
    }

    /// The public items from `offset`, at most `limit`, in a fixed order: section by section, then
    /// by id. Without a limit, all of them.
    public func entries(now: Date, hiddenPages: Set<String> = [], offset: Int = 0, limit: Int = .max) async throws -> [Entry] {
        try await database.read { sql in
            var entries: [Entry] = []
            var skip = max(0, offset)
            for source in Self.sections where entries.count < limit {
                let condition = Self.listed(source, now, hiddenPages)
                if skip > 0 {
                    let count = try await sql.count("SELECT COUNT(*) AS n FROM \(ident: source.table) x WHERE \(condition)")
                    if skip >= count {
                        skip -= count
                        continue
                    }
                }
                let wanted = min(limit - entries.count, 1_000_000)
                entries += try await sql.rows("""
                    SELECT \(literal: source.section) AS section, x.slug, x.lang, x.updated_at FROM \(ident: source.table) x
                    WHERE \(condition) ORDER BY x.id LIMIT \(literal: wanted) OFFSET \(literal: skip)
                    """)
                skip = 0
            }
            return entries
        }
    }

    static func listed(_ source: (section: String, table: String), _ now: Date, _ hiddenPages: Set<String>) -> SQLQueryString {
        // Newsletter issues are public once sent, in the archive.
        if source.table == "newsletter_issues" { return "x.status = 'sent'" }
        let visible = Visibility.isPublic("x", now: now.epochSeconds)
        guard source.table == "pages", !hiddenPages.isEmpty else { return visible }
        return visible + " AND x.slug NOT IN (\(binds: hiddenPages.sorted()))"
    }
}
