import C4CCore
import SQLKit

/// The SQL conditions that decide what a visitor may see, written once for every content table.
enum Visibility {
    /// Published, or scheduled with its time come.
    static func isPublic(_ alias: String, now: Int64) -> SQLQueryString {
        "\(ident: alias).status IN ('published', 'scheduled') AND COALESCE(\(ident: alias).publish_at, 0) <= \(bind: now)"
    }

    /// Public, and in the reader's language — or in English where that item has no public
    /// translation in the reader's language.
    static func isPublic(_ alias: String, table: String, language: Language, now: Int64) -> SQLQueryString {
        let base = isPublic(alias, now: now)
        if language == .default {
            return base + " AND \(ident: alias).lang = 'en'"
        }
        // `lang IN (…)` rather than one OR of the two cases: SQLite then reads each language's rows
        // through an index in date order and stops at the page's end, where the OR read them all.
        return base + """
             AND \(ident: alias).lang IN (\(bind: language.rawValue), 'en') AND (\(ident: alias).lang = \(bind: language.rawValue) OR NOT EXISTS (\
            SELECT 1 FROM \(ident: table) translation WHERE translation.translation_group = \(ident: alias).translation_group \
            AND translation.lang = \(bind: language.rawValue) AND \(isPublic("translation", now: now))))
            """
    }

    /// As above, and also the one item being previewed in the back office, whatever its status.
    static func isPublic(_ alias: String, table: String, language: Language, now: Int64, preview: Int64?) -> SQLQueryString {
        let visible = isPublic(alias, table: table, language: language, now: now)
        guard let preview else { return visible }
        return "((\(visible)) OR \(ident: alias).id = \(bind: preview))"
    }

    /// A home-page block whose 'featured until' date has not passed.
    static func isFeatured(_ alias: String, now: Int64) -> SQLQueryString {
        "(\(ident: alias).featured_until IS NULL OR \(ident: alias).featured_until > \(bind: now))"
    }
}
