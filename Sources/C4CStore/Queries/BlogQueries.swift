import C4CCore
import Foundation
import SQLKit

public struct BlogQueries: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public static let pageSize = 10

    /// Links to the organisation only while its own page is public. `posts` is the table, or a
    /// subquery choosing a page of it. The cover is joined, so a page of posts is one statement.
    static func columns(now: Int64, posts: SQLQueryString = "blog_posts") -> SQLQueryString {
        """
        p.id, p.slug, p.lang, p.title, p.summary, p.body, COALESCE(pe.name, o.name, p.byline) AS byline,
        CASE WHEN \(Visibility.isPublic("o", now: now)) THEN o.slug END AS author_organisation_slug, p.contributor_credit, p.series_name, p.publish_at, p.created_at, p.updated_at,
        \(unsafeRaw: ImageColumns.select(media: "cm", file: "cf"))
        FROM \(posts) p LEFT JOIN people pe ON pe.id = p.author_person_id
        LEFT JOIN organisations o ON o.id = p.author_organisation_id
        LEFT JOIN media cm ON cm.id = p.cover_image_id LEFT JOIN files cf ON cf.id = cm.file_id
        """
    }

    static let newestFirst: SQLQueryString = "COALESCE(p.publish_at, p.created_at) DESC, p.id DESC"

    /// One page of posts, newest first. The page is chosen before the joins: with them in the same
    /// query SQLite sorted every public post, alone it reads the date index and stops at the page.
    static func page(now: Int64, where condition: SQLQueryString, limit: Int, offset: Int = 0) -> SQLQueryString {
        let chosen: SQLQueryString = """
            (SELECT * FROM blog_posts p WHERE \(condition) ORDER BY \(newestFirst) LIMIT \(literal: limit) OFFSET \(literal: offset))
            """
        return "SELECT \(columns(now: now, posts: chosen)) ORDER BY \(newestFirst)"
    }

    /// A page of posts, newest first; only those under a topic (or its subtopics) when given.
    public func posts(language: Language, now: Date, page: Int, topic: String? = nil, organisationID: Int64? = nil) async throws
        -> (posts: [PostDetail], total: Int) {
        var conditions: [SQLQueryString] = [Visibility.isPublic("p", table: "blog_posts", language: language, now: now.epochSeconds)]
        if let topic {
            conditions.append("""
                EXISTS (SELECT 1 FROM blog_post_topics bt JOIN topics t ON t.id = bt.topic_id LEFT JOIN topics tp ON tp.id = t.parent_id \
                WHERE bt.post_id = p.id AND (t.slug = \(bind: topic) OR tp.slug = \(bind: topic)))
                """)
        }
        if let organisationID { conditions.append("p.author_organisation_id = \(bind: organisationID)") }
        let condition = conditions.joined(" AND ")
        let offset = max(0, page - 1) * Self.pageSize
        return try await database.read { sql in
            let posts: [PostDetail] = try await sql.rows(
                Self.page(now: now.epochSeconds, where: condition, limit: Self.pageSize, offset: offset))
            let total = try await sql.count("SELECT COUNT(*) AS n FROM blog_posts p WHERE \(condition)")
            return (posts, total)
        }
    }

    /// The newest posts, without counting them: for feeds and member pages.
    public func latest(language: Language, now: Date, organisationID: Int64? = nil, limit: Int = pageSize) async throws -> [PostDetail] {
        var conditions: [SQLQueryString] = [Visibility.isPublic("p", table: "blog_posts", language: language, now: now.epochSeconds)]
        if let organisationID { conditions.append("p.author_organisation_id = \(bind: organisationID)") }
        let condition = conditions.joined(" AND ")
        return try await database.read { sql in
            try await sql.rows(Self.page(now: now.epochSeconds, where: condition, limit: limit))
        }
    }

    public func post(slug: String, language: Language, now: Date, preview: Int64? = nil) async throws -> (post: PostDetail, topics: [TopicRef])? {
        try await database.read { sql in
            guard let post: PostDetail = try await sql.row("""
                SELECT \(Self.columns(now: now.epochSeconds))
                WHERE p.slug = \(bind: slug) AND \(Visibility.isPublic("p", table: "blog_posts", language: language, now: now.epochSeconds, preview: preview))
                ORDER BY CASE WHEN p.lang = \(bind: language.rawValue) THEN 0 ELSE 1 END LIMIT 1
                """) else { return nil }
            let topics: [TopicRef] = try await sql.rows("""
                SELECT t.slug, \(TopicNames.name("t", language)) AS name, \(TopicNames.name("tp", language)) AS parent_name
                FROM blog_post_topics bt JOIN topics t ON t.id = bt.topic_id
                LEFT JOIN topics tp ON tp.id = t.parent_id WHERE bt.post_id = \(bind: post.id) ORDER BY t.name
                """)
            return (post, topics)
        }
    }

    public func topic(slug: String, language: Language = .default) async throws -> TopicRef? {
        try await database.read { sql in
            try await sql.row("""
                SELECT t.slug, \(TopicNames.name("t", language)) AS name, \(TopicNames.name("tp", language)) AS parent_name
                FROM topics t LEFT JOIN topics tp ON tp.id = t.parent_id
                WHERE t.slug = \(bind: slug) AND t.lang = 'en'
                """)
        }
    }

    /// Every topic named in `language`, subtopics after their parent.
    public func topics(language: Language = .default) async throws -> [TopicRef] {
        try await database.read { sql in
            try await sql.rows("""
                SELECT t.slug, \(TopicNames.name("t", language)) AS name, \(TopicNames.name("tp", language)) AS parent_name
                FROM topics t LEFT JOIN topics tp ON tp.id = t.parent_id WHERE t.lang = 'en'
                """).sorted { ($0.parentName ?? $0.name, $0.parentName == nil ? 0 : 1, $0.name) < ($1.parentName ?? $1.name, $1.parentName == nil ? 0 : 1, $1.name) }
        }
    }
}

extension PostDetail: RowDecodable {
    init(row: any SQLRow) throws {
        self.init(
            id: try row.decode(column: "id"), slug: try row.decode(column: "slug"), lang: try row.decode(column: "lang"),
            title: try row.decode(column: "title"), summary: try row.decode(column: "summary"), body: try row.decode(column: "body"),
            byline: try row.decode(column: "byline"), authorOrganisationSlug: try row.decode(column: "author_organisation_slug"),
            contributorCredit: try row.decode(column: "contributor_credit"), seriesName: try row.decode(column: "series_name"),
            publishAt: try row.decode(column: "publish_at"), createdAt: try row.decode(column: "created_at"),
            updatedAt: try row.decode(column: "updated_at"), cover: try ImageColumns(row: row).publishableImage)
    }
}

extension TopicRef: RowDecodable {
    init(row: any SQLRow) throws {
        self.init(slug: try row.decode(column: "slug"), name: try row.decode(column: "name"),
                  parentName: try row.decode(column: "parent_name"))
    }
}
