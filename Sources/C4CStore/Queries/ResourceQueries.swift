import C4CCore
import Foundation
import SQLKit

/// The knowledge hub: filtered, counted and paginated lists, and one resource with everything
/// its page shows.
public struct ResourceQueries: Sendable {
    let database: any Database
    let facetIndexes: ResourceFacetIndexes

    public init(database: any Database) {
        self.database = database
        self.facetIndexes = ResourceFacetIndexes(database: database)
    }

    public static let pageSize = 20

    /// One page of resources matching every filter, newest first, with the count of each facet
    /// value under the other filters (so choosing a kind shows how many of each topic remain).
    /// Filters and counts come from the facet index; only the page's rows are read.
    /// Search words go through the same full-text index as the search page and narrow the count
    /// and facets; the best matches come first (ranked among the newest 1,000 matches as on the
    /// search page: titles holding every word, then the rest, newest first), then older matches.
    public func list(filter: ResourceFilter, page: Int, language: Language, now: Date) async throws -> ResourcePage {
        let index = try await facetIndexes.index(language: language, now: now.epochSeconds)
        let visible = Visibility.isPublic("r", table: "resources", language: language, now: now.epochSeconds)
        let match = Self.searchMatch(filter, engine: database.engine)
        @Sendable func matching(except facet: String? = nil) -> SQLQueryString {
            ([visible] + Self.conditions(filter, match: match, except: facet)).joined(" AND ")
        }
        let offset = max(0, page - 1) * Self.pageSize
        return try await database.read { sql in
            var matches: Bitset?
            if let match {
                matches = index.members(try await match.allIDs(.resources, in: sql))
            } else if let query = filter.query, !query.trimmingCharacters(in: .whitespaces).isEmpty {
                matches = Bitset(capacity: index.ids.count)
            }
            let selected = index.selection(filter, matches: matches)
            let items: [ResourceListItem]
            if let match {
                items = try await Self.ranked(match, matching: matching, offset: offset, in: sql)
            } else {
                items = try await Self.items(selected.positions(skipping: offset, limit: Self.pageSize).map { index.ids[$0] }, in: sql)
            }
            return ResourcePage(items: items, total: selected.count, facets: index.facets(filter, matches: matches))
        }
    }

    /// The list rows of these resources, in this order.
    static func items(_ ids: [Int64], in sql: any SQLDatabase) async throws -> [ResourceListItem] {
        guard !ids.isEmpty else { return [] }
        let byID = Dictionary(uniqueKeysWithValues: try await sql.raw("""
            SELECT r.id, r.slug, r.lang, r.title, r.kind, r.summary, r.published_on FROM resources r WHERE r.id IN (\(binds: ids))
            """).all().map(Self.listItem).map { ($0.id, $0) })
        return ids.compactMap { byID[$0] }
    }

    /// One page of a search in the hub: the ranked candidates under the filters, then, past
    /// them, the older matches the candidates left out, newest first.
    static func ranked(_ match: SearchMatch, matching: @Sendable (String?) -> SQLQueryString, offset: Int,
                       in sql: any SQLDatabase) async throws -> [ResourceListItem] {
        // Every candidate comes back, with `r.id` NULL where the filters refuse it, so `found`
        // is known even when none passes.
        let rows = try await sql.raw("""
            SELECT r.id, m.found FROM (\(match.candidates(.resources))) m
            LEFT JOIN resources r ON r.id = m.item_id AND \(matching("q"))
            ORDER BY CASE WHEN r.id IS NULL THEN 1 ELSE 0 END, m.tier DESC, r.published_on DESC, r.id DESC
            """).all()
        let found = try rows.first?.decode(column: "found", as: Int.self) ?? 0
        let ranked = try rows.compactMap { try $0.decode(column: "id", as: Int64?.self) }
        let page = Array(ranked.dropFirst(offset).prefix(pageSize))
        var items = try await Self.items(page, in: sql)
        if items.count < pageSize, found > SearchMatch.candidateLimit {
            items += try await sql.raw("""
                SELECT r.id, r.slug, r.lang, r.title, r.kind, r.summary, r.published_on FROM resources r
                WHERE \(matching(nil)) AND r.id NOT IN (SELECT m.item_id FROM (\(match.candidates(.resources))) m)
                ORDER BY r.published_on DESC, r.id DESC
                LIMIT \(literal: pageSize - items.count) OFFSET \(literal: max(0, offset - ranked.count))
                """).all().map(Self.listItem)
        }
        return items
    }

    /// The full-text match for the filter's words; nil when it has none to search for.
    static func searchMatch(_ filter: ResourceFilter, engine: Engine) -> SearchMatch? {
        filter.query.flatMap { SearchMatch($0, engine: engine) }
    }

    /// The SQL conditions for a filter, leaving out one facet when counting that facet's values.
    /// Words with no letter or digit in them match nothing, as on the search page.
    static func conditions(_ filter: ResourceFilter, match: SearchMatch?, except facet: String?) -> [SQLQueryString] {
        var conditions: [SQLQueryString] = []
        if facet == "q" {
            // The caller joins the candidates itself, to rank them.
        } else if let match {
            conditions.append("r.id IN (\(match.ids(.resources)))")
        } else if let query = filter.query, !query.trimmingCharacters(in: .whitespaces).isEmpty {
            conditions.append("1 = 0")
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
        let engine = database.engine
        return try await database.read { sql in
            // Its authors, languages and cover come with its row: three statements fewer a page.
            guard let row = try await sql.raw("""
                SELECT r.id, r.slug, r.lang, r.title, r.kind, r.summary, r.body, r.published_on, r.series_name, r.series_number,
                r.external_url, r.citation, r.updated_at,
                \(OrderedList.select(engine, "a.name", orderBy: "a.position", "FROM resource_authors a WHERE a.resource_id = r.id")) AS authors,
                \(OrderedList.select(engine, "l.language", orderBy: "l.language", "FROM resource_languages l WHERE l.resource_id = r.id")) AS languages,
                \(unsafeRaw: ImageColumns.select(media: "m", file: "f", prefix: "img_"))
                FROM resources r LEFT JOIN media m ON m.id = r.cover_image_id LEFT JOIN files f ON f.id = m.file_id
                WHERE r.slug = \(bind: slug) AND \(visibleOrPreviewed)
                ORDER BY CASE WHEN r.lang = \(bind: language.rawValue) THEN 0 ELSE 1 END LIMIT 1
                """).first() else { return nil }
            let resource = try Self.detail(row)
            let id = resource.id
            let authors = try OrderedList.decode(row, column: "authors")
            let languages = try OrderedList.decode(row, column: "languages")
            let cover = try Self.publishableCover(row)
            let organisations = try await sql.raw("""
                SELECT o.slug AS value, o.name AS label, 0 AS n FROM resource_organisations ro
                JOIN organisations o ON o.id = ro.organisation_id
                WHERE ro.resource_id = \(bind: id) AND \(Visibility.isPublic("o", now: now.epochSeconds)) ORDER BY o.sort_name, o.id
                """).all().map(Self.facetValue)
            let topics = try await sql.raw("""
                SELECT t.slug, \(TopicNames.name("t", language)) AS name, \(TopicNames.name("p", language)) AS parent_name
                FROM resource_topics rt JOIN topics t ON t.id = rt.topic_id
                LEFT JOIN topics p ON p.id = t.parent_id WHERE rt.resource_id = \(bind: id)
                """).all().map { row in
                    TopicRef(slug: try row.decode(column: "slug", as: String.self), name: try row.decode(column: "name", as: String.self),
                             parentName: try row.decode(column: "parent_name", as: String?.self))
                }.sorted { TextFolding.precedes($0.name, $1.name) }
            let regions = try await sql.raw("""
                SELECT g.code AS value, g.name AS label, 0 AS n FROM resource_regions rr JOIN regions g ON g.id = rr.region_id
                WHERE rr.resource_id = \(bind: id)
                """).all().map(Self.facetValue).sorted { TextFolding.precedes($0.label, $1.label) }
            let files = try await sql.raw("""
                SELECT f.id AS file_id, f.name, f.content_type, f.byte_size, rf.language, rf.label FROM resource_files rf
                JOIN files f ON f.id = rf.file_id WHERE rf.resource_id = \(bind: id) ORDER BY rf.position, rf.id
                """).all().map(Self.file)
            let related = try await sql.raw("""
                SELECT r.id, r.slug, r.lang, r.title, r.kind, r.summary, r.published_on FROM resources r
                WHERE \(visible) AND r.id <> \(bind: id) AND EXISTS (SELECT 1 FROM resource_topics a JOIN resource_topics b
                ON a.topic_id = b.topic_id WHERE a.resource_id = r.id AND b.resource_id = \(bind: id))
                ORDER BY r.published_on DESC LIMIT 3
                """).all().map(Self.listItem)
            return Detail(resource: resource, authors: authors, organisations: organisations, topics: topics,
                          regions: regions, languages: languages, files: files, related: related, cover: cover)
        }
    }

    static func listItem(_ row: any SQLRow) throws -> ResourceListItem {
        ResourceListItem(
            id: try row.decode(column: "id", as: Int64.self), slug: try row.decode(column: "slug", as: String.self),
            title: try row.decode(column: "title", as: String.self), kind: try row.decode(column: "kind", as: String.self),
            summary: try row.decode(column: "summary", as: String.self), publishedOn: try row.decode(column: "published_on", as: String.self),
            lang: try row.decode(column: "lang", as: String.self))
    }

    static func detail(_ row: any SQLRow) throws -> ResourceDetail {
        ResourceDetail(
            id: try row.decode(column: "id", as: Int64.self), slug: try row.decode(column: "slug", as: String.self),
            lang: try row.decode(column: "lang", as: String.self), title: try row.decode(column: "title", as: String.self),
            kind: try row.decode(column: "kind", as: String.self), summary: try row.decode(column: "summary", as: String.self),
            body: try row.decode(column: "body", as: String.self), publishedOn: try row.decode(column: "published_on", as: String.self),
            seriesName: try row.decode(column: "series_name", as: String.self),
            seriesNumber: try row.decode(column: "series_number", as: String.self),
            externalUrl: try row.decode(column: "external_url", as: String.self),
            citation: try row.decode(column: "citation", as: String.self), updatedAt: try row.decode(column: "updated_at", as: Int64.self))
    }

    static func file(_ row: any SQLRow) throws -> ResourceFile {
        ResourceFile(
            fileId: try row.decode(column: "file_id", as: Int64.self), name: try row.decode(column: "name", as: String.self),
            contentType: try row.decode(column: "content_type", as: String.self), byteSize: try row.decode(column: "byte_size", as: Int64.self),
            language: try row.decode(column: "language", as: String.self), label: try row.decode(column: "label", as: String.self))
    }

    /// A `value`, an optional `label` (the value when absent) and a count `n`.
    static func facetValue(_ row: any SQLRow) throws -> FacetValue {
        let value = try row.decode(column: "value", as: String.self)
        let label = row.contains(column: "label") ? try row.decode(column: "label", as: String?.self) : nil
        return FacetValue(value: value, label: label ?? value, count: try row.decode(column: "n", as: Int.self))
    }

    /// The cover selected by `ImageColumns.select(…, prefix: "img_")`, when it may be shown publicly.
    static func publishableCover(_ row: any SQLRow) throws -> ImageRef? {
        guard let fileID = try row.decode(column: "img_file_id", as: Int64?.self),
              let fileName = try row.decode(column: "img_file_name", as: String?.self) else { return nil }
        let image = ImageRef(
            fileID: fileID, fileName: fileName, altText: try row.decode(column: "img_alt_text", as: String.self),
            credit: try row.decode(column: "img_credit", as: String.self), width: try row.decode(column: "img_width", as: Int?.self) ?? 0,
            height: try row.decode(column: "img_height", as: Int?.self) ?? 0,
            showsIdentifiableChildren: try row.decode(column: "img_shows_identifiable_children", as: Bool.self),
            consentOnFile: try row.decode(column: "img_consent_on_file", as: Bool.self),
            variantsReady: try row.decode(column: "img_variants_ready", as: Bool.self))
        return image.isPublishable && image.isServable ? image : nil
    }

    /// The newest resources, for the feed.
    public func latest(language: Language, now: Date, limit: Int) async throws -> [ResourceDetail] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT r.id, r.slug, r.lang, r.title, r.kind, r.summary, r.body, r.published_on, r.series_name, r.series_number,
                r.external_url, r.citation, r.updated_at FROM resources r
                WHERE \(Visibility.isPublic("r", table: "resources", language: language, now: now.epochSeconds))
                ORDER BY r.published_on DESC, r.id DESC LIMIT \(literal: limit)
                """).all().map(Self.detail)
        }
    }

    /// Resources linked to a member organisation.
    public func byOrganisation(id: Int64, language: Language, now: Date) async throws -> [ResourceListItem] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT r.id, r.slug, r.lang, r.title, r.kind, r.summary, r.published_on FROM resources r
                JOIN resource_organisations ro ON ro.resource_id = r.id AND ro.organisation_id = \(bind: id)
                WHERE \(Visibility.isPublic("r", table: "resources", language: language, now: now.epochSeconds))
                ORDER BY r.published_on DESC LIMIT 50
                """).all().map(Self.listItem)
        }
    }
}
