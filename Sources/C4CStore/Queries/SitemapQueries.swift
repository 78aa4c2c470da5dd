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
        /// The item's listed translations, itself included, for its hreflang alternates.
        public var translations = TranslatedSlugs()
        var group: String?

        init(row: any SQLRow) throws {
            section = try row.decode(column: "section")
            slug = try row.decode(column: "slug")
            lang = try row.decode(column: "lang")
            updatedAt = try row.decode(column: "updated_at")
            group = try row.decode(column: "translation_group")
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
                total += try await sql.count("SELECT COUNT(*) AS n FROM \(ident: source.table) x WHERE \(Self.listed(source, "x", now, hiddenPages))")
            }
            return total
        }
    }

    /// The public items from `offset`, at most `limit`, in a fixed order: section by section, then
    /// by id, each with its listed translations. Without a limit, all of them. Two queries a
    /// section, whatever the number of items.
    public func entries(now: Date, hiddenPages: Set<String> = [], offset: Int = 0, limit: Int = .max) async throws -> [Entry] {
        try await database.read { sql in
            var entries: [Entry] = []
            var skip = max(0, offset)
            for source in Self.sections where entries.count < limit {
                let condition = Self.listed(source, "x", now, hiddenPages)
                if skip > 0 {
                    let count = try await sql.count("SELECT COUNT(*) AS n FROM \(ident: source.table) x WHERE \(condition)")
                    if skip >= count {
                        skip -= count
                        continue
                    }
                }
                let wanted = min(limit - entries.count, 1_000_000)
                let page: SQLQueryString = "WHERE \(condition) ORDER BY x.id LIMIT \(literal: wanted) OFFSET \(literal: skip)"
                guard source.table != "newsletter_issues" else {
                    // An issue is sent in one language and has no translations.
                    entries += try await sql.rows("""
                        SELECT \(literal: source.section) AS section, x.slug, x.lang, x.updated_at, NULL AS translation_group
                        FROM newsletter_issues x \(page)
                        """).map { (entry: Entry) in
                            var entry = entry
                            if let language = Language(rawValue: entry.lang) { entry.translations = TranslatedSlugs(slugs: [language: entry.slug], original: language) }
                            return entry
                        }
                    skip = 0
                    continue
                }
                var found: [Entry] = try await sql.rows("""
                    SELECT \(literal: source.section) AS section, x.slug, x.lang, x.updated_at, x.translation_group
                    FROM \(ident: source.table) x \(page)
                    """)
                let siblings = try await sql.raw("""
                    SELECT t.translation_group, t.lang, t.slug FROM \(ident: source.table) t
                    WHERE \(Self.listed(source, "t", now, hiddenPages)) AND t.translation_group IN (
                    SELECT x.translation_group FROM \(ident: source.table) x \(page)) ORDER BY t.id
                    """).all()
                var groups: [String: TranslatedSlugs] = [:]
                for row in siblings {
                    guard let language = Language(rawValue: try row.decode(column: "lang", as: String.self)) else { continue }
                    let group = try row.decode(column: "translation_group", as: String.self)
                    groups[group, default: TranslatedSlugs()].slugs[language] = try row.decode(column: "slug", as: String.self)
                    if groups[group]?.original == nil { groups[group]?.original = language }
                }
                for index in found.indices {
                    found[index].translations = found[index].group.flatMap { groups[$0] } ?? TranslatedSlugs()
                }
                entries += found
                skip = 0
            }
            return entries
        }
    }

    static func listed(_ source: (section: String, table: String), _ alias: String, _ now: Date, _ hiddenPages: Set<String>) -> SQLQueryString {
        // Newsletter issues are public once sent, in the archive.
        if source.table == "newsletter_issues" { return "\(ident: alias).status = 'sent'" }
        let visible = Visibility.isPublic(alias, now: now.epochSeconds)
        guard source.table == "pages", !hiddenPages.isEmpty else { return visible }
        return visible + " AND \(ident: alias).slug NOT IN (\(binds: hiddenPages.sorted()))"
    }
}
