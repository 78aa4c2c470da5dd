import C4CCore
import Foundation
import SQLKit

/// One search box over every kind of content, results grouped by kind. A plain title and summary
/// match for now; full-text search (FTS5 / tsvector) replaces it behind the same call.
public struct SearchQueries: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public struct Hit: Sendable, Decodable {
        public var kind: String
        public var slug: String
        public var title: String
        public var summary: String
    }

    static let sources: [(kind: String, table: String, title: String, summary: String)] = [
        ("resources", "resources", "title", "summary"),
        ("events", "events", "title", "summary"),
        ("blog", "blog_posts", "title", "summary"),
        ("vacancies", "vacancies", "title", "summary"),
        ("members", "organisations", "name", "description"),
        ("pages", "pages", "title", "summary"),
    ]

    public func search(_ text: String, language: Language, now: Date, perKind: Int = 10) async throws -> [Hit] {
        let words = text.lowercased().split(whereSeparator: \.isWhitespace).prefix(6)
        guard !words.isEmpty else { return [] }
        return try await database.read { sql in
            var hits: [Hit] = []
            for source in Self.sources {
                let matches: [SQLQueryString] = words.map { word in
                    let pattern = "%" + word.replacingOccurrences(of: "\\", with: "\\\\")
                        .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
                    return "(LOWER(x.\(unsafeRaw: source.title)) LIKE \(bind: pattern) ESCAPE '\\' OR LOWER(x.\(unsafeRaw: source.summary)) LIKE \(bind: pattern) ESCAPE '\\')"
                }
                hits += try await sql.rows("""
                    SELECT \(literal: source.kind) AS kind, x.slug, x.\(unsafeRaw: source.title) AS title, x.\(unsafeRaw: source.summary) AS summary
                    FROM \(ident: source.table) x
                    WHERE \(Visibility.isPublic("x", table: source.table, language: language, now: now.epochSeconds)) AND \(matches.joined(" AND "))
                    ORDER BY x.updated_at DESC LIMIT \(literal: perKind)
                    """)
            }
            return hits
        }
    }
}
