import C4CCore
import Foundation
import SQLKit

/// The knowledge hub: filtered, counted and paginated lists, and one resource with everything
/// its page shows.
public struct ResourceQueries: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public static let pageSize = 20

    /// One page of resources matching every filter, newest first, with the count of each facet
    /// value under the other filters (so choosing a kind shows how many of each topic remain).
    public func list(filter: ResourceFilter, page: Int, language: Language, now: Date) async throws -> ResourcePage {
        let visible = Visibility.isPublic("r", table: "resources", language: language, now: now.epochSeconds)
        @Sendable func matching(except facet: String? = nil) -> SQLQueryString {
            ([visible] + Self.conditions(filter, except: facet)).joined(" AND ")
        }
        let offset = max(0, page - 1) * Self.pageSize
        return try await database.read { sql in
            let items: [ResourceListItem] = try await sql.rows("""
                SELECT r.id, r.slug, r.title, r.kind, r.summary, r.published_on FROM resources r
                WHERE \(matching()) ORDER BY r.published_on DESC, r.id DESC
                LIMIT \(literal: Self.pageSize) OFFSET \(literal: offset)
                """)
            let total = try await sql.count("SELECT COUNT(*) AS n FROM resources r WHERE \(matching())")
            let kinds: [FacetRow] = try await sql.rows("""
                SELECT r.kind AS value, COUNT(*) AS n FROM resources r WHERE \(matching(except: "kind"))
                GROUP BY r.kind ORDER BY r.kind
                """)
            let topics: [FacetRow] = try await sql.rows("""
                SELECT t.slug AS value, MAX(t.name) AS label, COUNT(DISTINCT r.id) AS n FROM resources r
                JOIN resource_topics rt ON rt.resource_id = r.id
                JOIN topics t ON t.id = rt.topic_id OR t.id = (SELECT c.parent_id FROM topics c WHERE c.id = rt.topic_id)
                WHERE \(matching(except: "topic")) GROUP BY t.slug ORDER BY MAX(t.name)
                """)
            let regions: [FacetRow] = try await sql.rows("""
                SELECT g.code AS value, MAX(g.name) AS label, COUNT(DISTINCT r.id) AS n FROM resources r
                JOIN resource_regions rr ON rr.resource_id = r.id
                JOIN regions g ON g.id = rr.region_id OR g.id = (SELECT c.parent_id FROM regions c WHERE c.id = rr.region_id)
                WHERE \(matching(except: "region")) GROUP BY g.code ORDER BY MAX(g.name)
                """)
            let languages: [FacetRow] = try await sql.rows("""
                SELECT rl.language AS value, COUNT(DISTINCT r.id) AS n FROM resources r
                JOIN resource_languages rl ON rl.resource_id = r.id
                WHERE \(matching(except: "language")) GROUP BY rl.language ORDER BY rl.language
                """)
            let years: [FacetRow] = try await sql.rows("""
                SELECT SUBSTR(r.published_on, 1, 4) AS value, COUNT(*) AS n FROM resources r
                WHERE \(matching(except: "year")) GROUP BY SUBSTR(r.published_on, 1, 4) ORDER BY SUBSTR(r.published_on, 1, 4) DESC
                """)
            let organisations: [FacetRow] = try await sql.rows("""
                SELECT o.slug AS value, MAX(o.name) AS label, COUNT(DISTINCT r.id) AS n FROM resources r
                JOIN resource_organisations ro ON ro.resource_id = r.id JOIN organisations o ON o.id = ro.organisation_id
                WHERE \(matching(except: "organisation")) GROUP BY o.slug ORDER BY MAX(o.name)
                """)
            func values(_ rows: [FacetRow]) -> [FacetValue] {
                rows.map { FacetValue(value: $0.value, label: $0.label ?? $0.value, count: $0.n) }
            }
            return ResourcePage(items: items, total: total, facets: ResourceFacets(
                kinds: values(kinds), topics: values(topics), regions: values(regions),
                languages: values(languages), years: values(years), organisations: values(organisations)))
        }
    }

    /// The SQL conditions for a filter, leaving out one facet when counting that facet's values.
    static func conditions(_ filter: ResourceFilter, except facet: String?) -> [SQLQueryString] {
        var conditions: [SQLQueryString] = []
        if let query = filter.query?.trimmingCharacters(in: .whitespaces), !query.isEmpty {
            let pattern = "%" + query.lowercased()
                .replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_") + "%"
            conditions.append("(LOWER(r.title) LIKE \(bind: pattern) ESCAPE '\\' OR LOWER(r.summary) LIKE \(bind: pattern) ESCAPE '\\')")
        }
        if facet != "kind", let kind = filter.kind {
            conditions.append("r.kind = \(bind: kind)")
        }
        if facet != "topic", let topic = filter.topic {
            conditions.append("""
                EXISTS (SELECT 1 FROM resource_topics rt JOIN topics t ON t.id = rt.topic_id LEFT JOIN topics tp ON tp.id = t.parent_id \
                WHERE rt.resource_id = r.id AND (t.slug = \(bind: topic) OR tp.slug = \(bind: topic)))
                """)
        }
        if facet != "region", let region = filter.region {
            conditions.append("""
                EXISTS (SELECT 1 FROM resource_regions rr JOIN regions g ON g.id = rr.region_id LEFT JOIN regions gp ON gp.id = g.parent_id \
                WHERE rr.resource_id = r.id AND (g.code = \(bind: region) OR gp.code = \(bind: region)))
                """)
        }
        if facet != "language", let language = filter.language {
            conditions.append("EXISTS (SELECT 1 FROM resource_languages rl WHERE rl.resource_id = r.id AND rl.language = \(bind: language))")
        }
        if facet != "year", let year = filter.year {
            conditions.append("SUBSTR(r.published_on, 1, 4) = \(bind: year)")
        }
        if facet != "organisation", let organisation = filter.organisation {
            conditions.append("""
                EXISTS (SELECT 1 FROM resource_organisations ro JOIN organisations o ON o.id = ro.organisation_id \
                WHERE ro.resource_id = r.id AND o.slug = \(bind: organisation))
                """)
        }
        return conditions
    }

    public struct Detail: Sendable {
        public var resource: ResourceDetail
        public var authors: [String]
        public var organisations: [FacetValue]
        public var topics: [TopicRef]
        public var regions: [FacetValue]
        public var languages: [String]
        public var files: [ResourceFile]
        public var related: [ResourceListItem]
        public var cover: ImageRef?
    }

    public func resource(slug: String, language: Language, now: Date, preview: Int64? = nil) async throws -> Detail? {
        let visible = Visibility.isPublic("r", table: "resources", language: language, now: now.epochSeconds)
        let visibleOrPreviewed = Visibility.isPublic("r", table: "resources", language: language, now: now.epochSeconds, preview: preview)
        return try await database.read { sql in
            guard let resource: ResourceDetail = try await sql.row("""
                SELECT r.id, r.slug, r.lang, r.title, r.kind, r.summary, r.body, r.published_on, r.series_name, r.series_number,
                r.external_url, r.citation, r.updated_at FROM resources r
                WHERE r.slug = \(bind: slug) AND \(visibleOrPreviewed)
                ORDER BY CASE WHEN r.lang = \(bind: language.rawValue) THEN 0 ELSE 1 END LIMIT 1
                """) else { return nil }
            let id = resource.id
            let authors = try await sql.raw("SELECT name FROM resource_authors WHERE resource_id = \(bind: id) ORDER BY position")
                .all().map { try $0.decode(column: "name", as: String.self) }
            let organisations: [FacetRow] = try await sql.rows("""
                SELECT o.slug AS value, o.name AS label, 0 AS n FROM resource_organisations ro
                JOIN organisations o ON o.id = ro.organisation_id
                WHERE ro.resource_id = \(bind: id) AND \(Visibility.isPublic("o", now: now.epochSeconds)) ORDER BY o.name
                """)
            let topics: [TopicRef] = try await sql.rows("""
                SELECT t.slug, t.name, p.name AS parent_name FROM resource_topics rt JOIN topics t ON t.id = rt.topic_id
                LEFT JOIN topics p ON p.id = t.parent_id WHERE rt.resource_id = \(bind: id) ORDER BY t.name
                """)
            let regions: [FacetRow] = try await sql.rows("""
                SELECT g.code AS value, g.name AS label, 0 AS n FROM resource_regions rr JOIN regions g ON g.id = rr.region_id
                WHERE rr.resource_id = \(bind: id) ORDER BY g.name
                """)
            let languages = try await sql.raw("SELECT language FROM resource_languages WHERE resource_id = \(bind: id) ORDER BY language")
                .all().map { try $0.decode(column: "language", as: String.self) }
            let files: [ResourceFile] = try await sql.rows("""
                SELECT f.id AS file_id, f.name, f.content_type, f.byte_size, rf.language, rf.label FROM resource_files rf
                JOIN files f ON f.id = rf.file_id WHERE rf.resource_id = \(bind: id) ORDER BY rf.position, rf.id
                """)
            let related: [ResourceListItem] = try await sql.rows("""
                SELECT r.id, r.slug, r.title, r.kind, r.summary, r.published_on FROM resources r
                WHERE \(visible) AND r.id <> \(bind: id) AND EXISTS (SELECT 1 FROM resource_topics a JOIN resource_topics b
                ON a.topic_id = b.topic_id WHERE a.resource_id = r.id AND b.resource_id = \(bind: id))
                ORDER BY r.published_on DESC LIMIT 3
                """)
            let coverRow = try await sql.raw("""
                SELECT \(unsafeRaw: ImageColumns.select(media: "m", file: "f", prefix: "img_")) FROM resources r
                JOIN media m ON m.id = r.cover_image_id JOIN files f ON f.id = m.file_id WHERE r.id = \(bind: id)
                """).first()
            let cover = try coverRow?.decode(model: ImageColumns.self, with: SQLRowDecoder(prefix: "img_", keyDecodingStrategy: .convertFromSnakeCase)).publishableImage
            func values(_ rows: [FacetRow]) -> [FacetValue] { rows.map { FacetValue(value: $0.value, label: $0.label ?? $0.value, count: 0) } }
            return Detail(resource: resource, authors: authors, organisations: values(organisations), topics: topics,
                          regions: values(regions), languages: languages, files: files, related: related, cover: cover)
        }
    }

    /// The newest resources, for the feed.
    public func latest(language: Language, now: Date, limit: Int) async throws -> [ResourceDetail] {
        try await database.read { sql in
            try await sql.rows("""
                SELECT r.id, r.slug, r.lang, r.title, r.kind, r.summary, r.body, r.published_on, r.series_name, r.series_number,
                r.external_url, r.citation, r.updated_at FROM resources r
                WHERE \(Visibility.isPublic("r", table: "resources", language: language, now: now.epochSeconds))
                ORDER BY r.published_on DESC, r.id DESC LIMIT \(literal: limit)
                """)
        }
    }

    /// Resources linked to a member organisation.
    public func byOrganisation(id: Int64, language: Language, now: Date) async throws -> [ResourceListItem] {
        try await database.read { sql in
            try await sql.rows("""
                SELECT r.id, r.slug, r.title, r.kind, r.summary, r.published_on FROM resources r
                JOIN resource_organisations ro ON ro.resource_id = r.id AND ro.organisation_id = \(bind: id)
                WHERE \(Visibility.isPublic("r", table: "resources", language: language, now: now.epochSeconds))
                ORDER BY r.published_on DESC LIMIT 50
                """)
        }
    }
}
