import C4CCore
import Foundation
import SQLKit

/// Reads every block of the home page for one language at one instant.
public struct HomeQueries: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public func content(language: Language, now: Date) async throws -> HomeContent {
        let t = now.epochSeconds
        return try await database.read { sql in
            HomeContent(
                slides: try await Self.slides(sql, language, t),
                featuredEvent: try await Self.featuredEvent(sql, language, t),
                vacancies: try await Self.openVacancies(sql, language, t, limit: 3),
                spotlight: try await Self.spotlight(sql, language, t, limit: 3),
                posts: try await Self.latestPosts(sql, language, t, limit: 3),
                members: try await Self.memberLogos(sql, language, t)
            )
        }
    }

    private static func image(_ row: any SQLRow) throws -> ImageRef? {
        try ImageColumns(row: row).publishableImage
    }

    private struct SlideRow: RowDecodable {
        var headline: String
        var factHeadline: String?
        var figure: String?
        var sourceName: String?
        var sourceYear: Int?
        var linkUrl: String
        var lang: String
        var factLang: String?

        init(row: any SQLRow) throws {
            lang = try row.decode(column: "lang")
            factLang = try row.decode(column: "fact_lang")
            headline = try row.decode(column: "headline")
            factHeadline = try row.decode(column: "fact_headline")
            figure = try row.decode(column: "figure")
            sourceName = try row.decode(column: "source_name")
            sourceYear = try row.decode(column: "source_year")
            linkUrl = try row.decode(column: "link_url")
        }
    }

    static func slides(_ sql: any SQLDatabase, _ language: Language, _ now: Int64) async throws -> [HeroSlide] {
        let rows = try await sql.raw("""
            SELECT s.lang, s.headline, k.lang AS fact_lang, k.headline AS fact_headline, k.figure, k.source_name, k.source_year, s.link_url,
            \(unsafeRaw: ImageColumns.select(media: "m", file: "f", prefix: "img_"))
            FROM hero_slides s
            JOIN media m ON m.id = s.image_id JOIN files f ON f.id = m.file_id
            LEFT JOIN key_facts chosen ON chosen.id = s.fact_id
            LEFT JOIN key_facts k ON k.translation_group = chosen.translation_group
                AND \(Visibility.isPublic("k", table: "key_facts", language: language, now: now))
            WHERE \(Visibility.isPublic("s", table: "hero_slides", language: language, now: now))
            AND \(Visibility.isFeatured("s", now: now))
            ORDER BY s.position, s.id
            """).all()
        return try rows.compactMap { row in
            let slide = try SlideRow(row: row)
            guard let image = try image(row) else { return nil }
            return HeroSlide(
                headline: slide.factHeadline ?? slide.headline, figure: slide.figure ?? "",
                sourceName: slide.sourceName ?? "", sourceYear: slide.sourceYear,
                linkURL: slide.linkUrl, image: image, lang: slide.factLang ?? slide.lang
            )
        }
    }

    struct EventRow: RowDecodable {
        var slug: String
        var title: String
        var summary: String
        var seriesTitle: String?
        var startsAt: Int64
        var endsAt: Int64
        var timeZone: String
        var online: Bool
        var venue: String
        var recordingUrl: String
        var cover: ImageRef?
        var lang: String

        init(row: any SQLRow) throws {
            lang = try row.decode(column: "lang")
            slug = try row.decode(column: "slug")
            title = try row.decode(column: "title")
            summary = try row.decode(column: "summary")
            seriesTitle = try row.decode(column: "series_title")
            startsAt = try row.decode(column: "starts_at")
            endsAt = try row.decode(column: "ends_at")
            timeZone = try row.decode(column: "time_zone")
            online = try row.decode(column: "online")
            venue = try row.decode(column: "venue")
            recordingUrl = try row.decode(column: "recording_url")
            cover = try HomeQueries.image(row)
        }

        var summaryValue: EventSummary {
            let zone = TimeZone(identifier: timeZone) ?? .gmt
            return EventSummary(
                slug: slug, title: title, summary: summary, seriesTitle: seriesTitle ?? "",
                start: ZonedTime(instant: Date(epochSeconds: startsAt), zone: zone),
                end: ZonedTime(instant: Date(epochSeconds: endsAt), zone: zone),
                online: online, venue: venue, recordingURL: recordingUrl, cover: cover, lang: lang
            )
        }
    }

    /// The next webinar (an online event) to come, or, when none is planned, the latest one held.
    static func featuredEvent(_ sql: any SQLDatabase, _ language: Language, _ now: Int64) async throws -> EventSummary? {
        func query(upcoming: Bool) -> SQLQueryString {
            """
            SELECT e.lang, e.slug, e.title, e.summary, s.title AS series_title, e.starts_at, e.ends_at, e.time_zone,
            e.online, e.venue, e.recording_url, \(unsafeRaw: ImageColumns.select(media: "m", file: "f", prefix: "img_"))
            FROM events e LEFT JOIN event_series s ON s.id = e.series_id
            LEFT JOIN media m ON m.id = e.cover_image_id LEFT JOIN files f ON f.id = m.file_id
            WHERE \(Visibility.isPublic("e", table: "events", language: language, now: now))
            AND \(Visibility.isFeatured("e", now: now))
            AND e.online = TRUE AND e.ends_at \(unsafeRaw: upcoming ? ">=" : "<") \(bind: now)
            ORDER BY e.starts_at \(unsafeRaw: upcoming ? "ASC" : "DESC") LIMIT 1
            """
        }
        if let next = try await sql.row(query(upcoming: true), as: EventRow.self) {
            return next.summaryValue
        }
        return try await sql.row(query(upcoming: false), as: EventRow.self)?.summaryValue
    }

    private struct VacancyRow: RowDecodable {
        var slug: String
        var title: String
        var kind: String
        var organisation: String
        var location: String
        var remote: Bool
        var deadlineAt: Int64
        var deadlineZone: String
        var lang: String

        init(row: any SQLRow) throws {
            lang = try row.decode(column: "lang")
            slug = try row.decode(column: "slug")
            title = try row.decode(column: "title")
            kind = try row.decode(column: "kind")
            organisation = try row.decode(column: "organisation")
            location = try row.decode(column: "location")
            remote = try row.decode(column: "remote")
            deadlineAt = try row.decode(column: "deadline_at")
            deadlineZone = try row.decode(column: "deadline_zone")
        }
    }

    /// Vacancies whose deadline has not passed, soonest first. Decided against `now` on every
    /// request, so a vacancy leaves the list the moment it closes.
    static func openVacancies(_ sql: any SQLDatabase, _ language: Language, _ now: Int64, limit: Int) async throws -> [VacancySummary] {
        try await sql.rows("""
            SELECT v.lang, v.slug, v.title, v.kind, COALESCE(o.name, v.organisation_name) AS organisation, v.location,
            v.remote, v.deadline_at, v.deadline_zone
            FROM vacancies v LEFT JOIN organisations o ON o.id = v.organisation_id
            WHERE \(Visibility.isPublic("v", table: "vacancies", language: language, now: now))
            AND \(Visibility.isFeatured("v", now: now))
            AND v.deadline_at >= \(bind: now)
            ORDER BY v.deadline_at ASC LIMIT \(literal: limit)
            """, as: VacancyRow.self).map { row in
            VacancySummary(
                slug: row.slug, title: row.title, kind: row.kind, organisation: row.organisation,
                location: row.location, remote: row.remote,
                deadline: Deadline(ZonedTime(instant: Date(epochSeconds: row.deadlineAt), zone: TimeZone(identifier: row.deadlineZone) ?? .gmt)),
                lang: row.lang
            )
        }
    }

    private struct ResourceRow: RowDecodable {
        var slug: String
        var title: String
        var kind: String
        var summary: String
        var publishedOn: String
        var lang: String

        init(row: any SQLRow) throws {
            lang = try row.decode(column: "lang")
            slug = try row.decode(column: "slug")
            title = try row.decode(column: "title")
            kind = try row.decode(column: "kind")
            summary = try row.decode(column: "summary")
            publishedOn = try row.decode(column: "published_on")
        }
    }

    static func spotlight(_ sql: any SQLDatabase, _ language: Language, _ now: Int64, limit: Int) async throws -> [ResourceSummary] {
        let rows = try await sql.raw("""
            SELECT r.lang, r.slug, r.title, r.kind, r.summary, r.published_on,
            \(unsafeRaw: ImageColumns.select(media: "m", file: "f", prefix: "img_"))
            FROM resources r LEFT JOIN media m ON m.id = r.cover_image_id LEFT JOIN files f ON f.id = m.file_id
            WHERE \(Visibility.isPublic("r", table: "resources", language: language, now: now))
            AND r.featured = TRUE AND \(Visibility.isFeatured("r", now: now))
            ORDER BY r.published_on DESC, r.id DESC LIMIT \(literal: limit)
            """).all()
        return try rows.map { row in
            let r = try ResourceRow(row: row)
            return ResourceSummary(slug: r.slug, title: r.title, kind: r.kind, summary: r.summary,
                                   publishedOn: r.publishedOn, cover: try image(row), lang: r.lang)
        }
    }

    private struct PostRow: RowDecodable {
        var slug: String
        var title: String
        var summary: String
        var publishAt: Int64?
        var createdAt: Int64
        var byline: String
        var lang: String

        init(row: any SQLRow) throws {
            lang = try row.decode(column: "lang")
            slug = try row.decode(column: "slug")
            title = try row.decode(column: "title")
            summary = try row.decode(column: "summary")
            publishAt = try row.decode(column: "publish_at")
            createdAt = try row.decode(column: "created_at")
            byline = try row.decode(column: "byline")
        }
    }

    static func latestPosts(_ sql: any SQLDatabase, _ language: Language, _ now: Int64, limit: Int) async throws -> [PostSummary] {
        let rows = try await sql.raw("""
            SELECT p.lang, p.slug, p.title, p.summary, p.publish_at, p.created_at,
            COALESCE(pe.name, o.name, p.byline) AS byline,
            \(unsafeRaw: ImageColumns.select(media: "m", file: "f", prefix: "img_"))
            FROM (SELECT * FROM blog_posts p WHERE \(Visibility.isPublic("p", table: "blog_posts", language: language, now: now))
                AND \(Visibility.isFeatured("p", now: now)) ORDER BY \(BlogQueries.newestFirst) LIMIT \(literal: limit)) p
            LEFT JOIN people pe ON pe.id = p.author_person_id
            LEFT JOIN organisations o ON o.id = p.author_organisation_id
            LEFT JOIN media m ON m.id = p.cover_image_id LEFT JOIN files f ON f.id = m.file_id
            ORDER BY \(BlogQueries.newestFirst)
            """).all()
        return try rows.map { row in
            let p = try PostRow(row: row)
            return PostSummary(slug: p.slug, title: p.title, summary: p.summary,
                               publishedAt: Date(epochSeconds: p.publishAt ?? p.createdAt),
                               byline: p.byline, cover: try image(row), lang: p.lang)
        }
    }


    static func memberLogos(_ sql: any SQLDatabase, _ language: Language, _ now: Int64) async throws -> [MemberLogo] {
        let rows = try await sql.raw("""
            SELECT o.slug, o.name, \(unsafeRaw: ImageColumns.select(media: "m", file: "f", prefix: "img_"))
            FROM organisations o LEFT JOIN media m ON m.id = o.logo_id LEFT JOIN files f ON f.id = m.file_id
            WHERE \(Visibility.isPublic("o", table: "organisations", language: language, now: now))
            ORDER BY o.sort_name, o.id
            """).all()
        return try rows.map { row in
            MemberLogo(slug: try row.decode(column: "slug"), name: try row.decode(column: "name"), logo: try image(row))
        }
    }
}
