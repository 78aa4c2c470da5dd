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
        ("blog", "blog_posts"), ("members", "organisations"), ("", "pages"),
    ]

    public func entries(now: Date) async throws -> [Entry] {
        try await database.read { sql in
            var entries: [Entry] = []
            for source in Self.sections {
                entries += try await sql.rows("""
                    SELECT \(literal: source.section) AS section, x.slug, x.lang, x.updated_at FROM \(ident: source.table) x
                    WHERE \(Visibility.isPublic("x", now: now.epochSeconds)) ORDER BY x.id
                    """)
            }
            return entries
        }
    }
}
