import C4CCore
import Foundation
import SQLKit

/// Topics that resources and posts are filed under; one level of nesting (Mobility › Road safety).
public struct TopicQueries: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public struct Row: Sendable, RowDecodable {
        public var id: Int64
        public var slug: String
        public var name: String
        public var parentId: Int64?
        public var parentName: String?
        public var uses: Int

        init(row: any SQLRow) throws {
            id = try row.decode(column: "id")
            slug = try row.decode(column: "slug")
            name = try row.decode(column: "name")
            parentId = try row.decode(column: "parent_id")
            parentName = try row.decode(column: "parent_name")
            uses = try row.decode(column: "uses")
        }
    }

    /// Every topic, named in `language` where a translation exists.
    public func all(language: Language = .default) async throws -> [Row] {
        try await database.read { sql in
            try await sql.rows("""
                SELECT t.id, t.slug, \(TopicNames.name("t", language)) AS name, t.parent_id, \(TopicNames.name("p", language)) AS parent_name,
                (SELECT COUNT(*) FROM resource_topics rt WHERE rt.topic_id = t.id)
                  + (SELECT COUNT(*) FROM blog_post_topics bt WHERE bt.topic_id = t.id) AS uses
                FROM topics t LEFT JOIN topics p ON p.id = t.parent_id WHERE t.lang = 'en'
                ORDER BY COALESCE(p.name, t.name), t.parent_id IS NOT NULL, t.name
                """)
        }
    }

    /// Every topic's names in the other languages, as written so far, by the English row's id.
    public func translations() async throws -> [Int64: [Language: String]] {
        try await database.read { sql in
            var names: [Int64: [Language: String]] = [:]
            for row in try await sql.raw("""
                SELECT topic_id, lang, name FROM topic_names
                """).all() {
                if let language = Language(rawValue: try row.decode(column: "lang", as: String.self)) {
                    names[try row.decode(column: "topic_id", as: Int64.self), default: [:]][language] = try row.decode(column: "name", as: String.self)
                }
            }
            return names
        }
    }

    /// Writes a topic's name in other languages; an empty name removes that translation, so
    /// the English name shows again.
    public func setTranslations(id: Int64, names: [Language: String]) async throws {
        try await database.write { sql in
            guard try await sql.count("SELECT COUNT(*) AS n FROM topics WHERE id = \(bind: id)") > 0 else { throw TopicError.missing }
            for (language, name) in names where language != .default {
                try await sql.raw("DELETE FROM topic_names WHERE topic_id = \(bind: id) AND lang = \(bind: language.rawValue)").run()
                guard !name.isEmpty else { continue }
                try await sql.raw("""
                    INSERT INTO topic_names (topic_id, lang, name) VALUES (\(bind: id), \(bind: language.rawValue), \(bind: name))
                    """).run()
            }
            try await ContentVersionQueries.bump(sql)
        }
    }

    public enum TopicError: Error, Equatable { case slugTaken, parentNested, missing }

    /// Creates a topic under an optional top-level parent; returns its id. A name with no Latin
    /// letter or digit (Arabic, Japanese, symbols) gets the address `topic-{next number}`.
    public func create(name: String, parentID: Int64?, userID: Int64, now: Date) async throws -> Int64 {
        return try await database.write { sql in
            var slug = Slug.make(from: name)
            if slug.isEmpty {
                slug = "topic-\(try await sql.count("SELECT COALESCE(MAX(id), 0) + 1 AS n FROM topics"))"
            }
            if try await sql.count("SELECT COUNT(*) AS n FROM topics WHERE slug = \(bind: slug) AND lang = 'en'") > 0 { throw TopicError.slugTaken }
            if let parentID, try await sql.count("SELECT COUNT(*) AS n FROM topics WHERE id = \(bind: parentID) AND parent_id IS NULL") == 0 {
                throw TopicError.parentNested
            }
            let id = try await Inserter(sql).insert("topics", [
                "lang": "en", "translation_group": "topics/\(slug)", "slug": slug, "name": name, "parent_id": parentID,
            ])
            try await AuditQueries.record(sql, userID: userID, action: "create", itemType: "topics", itemID: id, summary: name, now: now)
            try await sql.raw("UPDATE content_version SET version = version + 1 WHERE id = 1").run()
            return id
        }
    }

    /// Renames a topic; its address (slug) stays, so links to it keep working.
    public func rename(id: Int64, name: String, userID: Int64, now: Date) async throws {
        try await database.write { sql in
            guard try await sql.count("SELECT COUNT(*) AS n FROM topics WHERE id = \(bind: id)") > 0 else { throw TopicError.missing }
            try await sql.raw("UPDATE topics SET name = \(bind: name) WHERE id = \(bind: id)").run()
            try await SearchIndex.refresh(filedUnderTopics: [id], in: sql)
            try await AuditQueries.record(sql, userID: userID, action: "update", itemType: "topics", itemID: id, summary: name, now: now)
            try await sql.raw("UPDATE content_version SET version = version + 1 WHERE id = 1").run()
        }
    }
}
