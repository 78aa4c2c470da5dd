import C4CCore
import Foundation
import SQLKit

/// One search box over every kind of content, through the full-text index (`SearchIndex`):
/// FTS5 on SQLite, `tsvector` on PostgreSQL. Results come grouped by kind, best first, with the
/// items a visitor may see in their language; a closed vacancy or a past event comes after the
/// current ones and says so.
public struct SearchQueries: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public struct Hit: Sendable {
        public var kind: SearchKind
        public var slug: String
        public var lang: String
        public var title: String
        public var summary: String
        /// The start of the body, for a passage when the summary does not hold the words.
        public var body: String
        /// A vacancy whose deadline has passed, an event that has ended.
        public var isPast: Bool
    }

    public struct Group: Sendable {
        public var kind: SearchKind
        public var hits: [Hit]
        /// How many items of this kind match, of which `hits` is one page: of the newest
        /// `SearchMatch.candidateLimit` matches when `more` says older ones were left out.
        public var total: Int
        public var more: Bool
    }

    public struct Results: Sendable {
        /// The folded words searched for, to mark in titles and passages.
        public var terms: [String]
        public var groups: [Group]
        public var total: Int { groups.reduce(0) { $0 + $1.total } }
    }

    /// The best `limit` hits of each kind asked for, from `offset`: current before past, titles
    /// holding every word before the rest, newest first, among the newest 1,000 matches of each
    /// kind (`SearchMatch`). A query without a letter or digit in it finds nothing.
    public func search(_ text: String, language: Language, now: Date, kinds: [SearchKind] = SearchKind.allCases,
                       limit: Int = 5, offset: Int = 0) async throws -> Results {
        guard let match = SearchMatch(text, engine: database.engine) else { return Results(terms: [], groups: []) }
        let now = now.epochSeconds
        return try await database.read { sql in
            var groups: [Group] = []
            for kind in kinds {
                let display = Self.display(kind, now: now)
                // Ranked on ids alone; the text is read for the page's few hits only.
                let rows = try await sql.raw("""
                    SELECT x.slug, x.lang, \(display.title) AS title, \(display.summary) AS summary,
                    SUBSTR(\(display.body), 1, \(literal: Self.bodyExcerptLength)) AS body, p.past, p.total, p.found
                    FROM (SELECT m.item_id, \(display.isPast) AS past, m.tier, COUNT(*) OVER () AS total, m.found
                          FROM (\(match.candidates(kind))) m \(match.join) \(ident: kind.table) x ON x.id = m.item_id
                          WHERE \(Visibility.isPublic("x", table: kind.table, language: language, now: now))
                          ORDER BY past, m.tier DESC, m.item_id DESC
                          LIMIT \(literal: limit) OFFSET \(literal: max(0, offset))) p
                    \(match.join) \(ident: kind.table) x ON x.id = p.item_id
                    ORDER BY p.past, p.tier DESC, p.item_id DESC
                    """).all()
                guard let first = rows.first else { continue }
                let hits = try rows.map { row in
                    Hit(kind: kind, slug: try row.decode(column: "slug", as: String.self), lang: try row.decode(column: "lang", as: String.self),
                        title: try row.decode(column: "title", as: String.self), summary: try row.decode(column: "summary", as: String.self),
                        body: try row.decode(column: "body", as: String.self), isPast: try row.decode(column: "past", as: Int.self) == 1)
                }
                groups.append(Group(kind: kind, hits: hits, total: try first.decode(column: "total", as: Int.self),
                                    more: try first.decode(column: "found", as: Int.self) > SearchMatch.candidateLimit))
            }
            return Results(terms: match.terms, groups: groups)
        }
    }

    /// How many characters of a body a hit carries: enough for a passage, never a whole report.
    static let bodyExcerptLength = 4_000

    /// What a hit of each kind shows, and when it is past.
    static func display(_ kind: SearchKind, now: Int64) -> (title: SQLQueryString, summary: SQLQueryString, body: SQLQueryString, isPast: SQLQueryString) {
        let current: SQLQueryString = "0"
        return switch kind {
        case .resources, .blog, .pages: ("x.title", "x.summary", "x.body", current)
        case .events: ("x.title", "x.summary", "x.description", "(CASE WHEN x.ends_at < \(literal: now) THEN 1 ELSE 0 END)")
        case .vacancies: ("x.title", "x.summary", "x.body", "(CASE WHEN x.deadline_at < \(literal: now) THEN 1 ELSE 0 END)")
        case .members: ("x.name", "x.description", "CAST('' AS TEXT)", current)
        }
    }
}
