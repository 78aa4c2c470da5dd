import C4CCore
import Foundation
import SQLKit

/// The public rows of one item's translation group: each language's own slug, and which row is
/// the original (the group's first public row), which stands in where English is missing.
public struct TranslatedSlugs: Sendable, Equatable {
    public var slugs: [Language: String]
    public var original: Language?

    public init(slugs: [Language: String] = [:], original: Language? = nil) {
        self.slugs = slugs
        self.original = original
    }

    public var isEmpty: Bool { slugs.isEmpty }

    public subscript(_ language: Language) -> String? { slugs[language] }
}

extension SiteQueries {
    /// The translation group that a public row slugged `slug` belongs to, in any language. A
    /// slug can name rows of two groups in two languages; the reader's language wins, then English.
    public func slugs(table: String, slug: String, language: Language, now: Date) async throws -> TranslatedSlugs {
        let languages = Language.allCases.map(\.rawValue)
        let now = now.epochSeconds
        return try await database.read { sql in
            // Naming every language lets the (lang, slug) key find the slug instead of a scan of the table.
            let rows = try await sql.raw("""
                SELECT t.lang, t.slug FROM \(ident: table) t WHERE \(Visibility.isPublic("t", now: now))
                AND t.translation_group = (SELECT s.translation_group FROM \(ident: table) s
                WHERE s.lang IN (\(binds: languages)) AND s.slug = \(bind: slug) AND \(Visibility.isPublic("s", now: now))
                ORDER BY CASE WHEN s.lang = \(bind: language.rawValue) THEN 0 WHEN s.lang = 'en' THEN 1 ELSE 2 END, s.id LIMIT 1)
                ORDER BY t.id
                """).all()
            var found = TranslatedSlugs()
            for row in rows {
                guard let language = Language(rawValue: try row.decode(column: "lang", as: String.self)) else { continue }
                found.slugs[language] = try row.decode(column: "slug", as: String.self)
                if found.original == nil { found.original = language }
            }
            return found
        }
    }
}
