import C4CCore
import Foundation
import SQLKit

/// Where each translation of a list's items stands. A group's original is its English row, or
/// where it has none its oldest; a translation is out of date when it was last changed before
/// the original was.
extension ContentEditorQueries {
    public enum TranslationState: String, Sendable {
        case original, current, outdated, missing
    }

    /// The id of the original of the row aliased `alias`, as a correlated subquery.
    static func originalID(_ type: ContentType, of alias: String) -> SQLQueryString {
        """
        (SELECT g.id FROM \(ident: type.table) g WHERE g.translation_group = \(unsafeRaw: alias).translation_group
        ORDER BY CASE WHEN g.lang = 'en' THEN 0 ELSE 1 END, g.created_at, g.id LIMIT 1)
        """
    }

    /// For each translation group named, every language's state: one statement over those
    /// groups' rows alone (the unique key on `translation_group, lang` is its index), so a page
    /// of fifty items costs the same whatever the table's size.
    public func translationStates(_ type: ContentType, groups: Set<String>) async throws -> [String: [Language: TranslationState]] {
        guard !groups.isEmpty else { return [:] }
        let rows = try await database.read { sql in
            try await sql.raw("""
                SELECT translation_group, lang, created_at, updated_at, id FROM \(ident: type.table)
                WHERE translation_group IN (\(binds: groups.sorted()))
                """).all()
        }
        struct Version { let lang: String; let created: Int64; let updated: Int64; let id: Int64 }
        var byGroup: [String: [Version]] = [:]
        for row in rows {
            byGroup[try row.decode(column: "translation_group", as: String.self), default: []].append(Version(
                lang: try row.decode(column: "lang"), created: try row.decode(column: "created_at"),
                updated: try row.decode(column: "updated_at"), id: try row.decode(column: "id")))
        }
        return byGroup.mapValues { versions in
            let original = versions.first { $0.lang == Language.default.rawValue }
                ?? versions.min { ($0.created, $0.id) < ($1.created, $1.id) }
            var states: [Language: TranslationState] = [:]
            for language in Language.allCases {
                guard let version = versions.first(where: { $0.lang == language.rawValue }) else {
                    states[language] = .missing
                    continue
                }
                if version.id == original?.id { states[language] = .original }
                else { states[language] = version.updated < (original?.updated ?? .min) ? .outdated : .current }
            }
            return states
        }
    }
}
