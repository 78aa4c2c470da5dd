import C4CCore
import Foundation
import SQLKit

/// Webinars and events: upcoming and past lists, one event, a series and its calendar.
public struct EventQueries: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    /// With the cover joined, so a list of events costs one statement, not one more per card.
    static let columns: SQLQueryString = """
        e.id, e.slug, e.lang, e.title, e.summary, e.description, s.slug AS series_slug, s.title AS series_title,
        e.starts_at, e.ends_at, e.time_zone, e.online, e.venue, e.registration, e.registration_url,
        e.registration_closes_at, e.recording_url, e.captions_url, e.transcript, e.updated_at,
        \(unsafeRaw: ImageColumns.select(media: "cm", file: "cf"))
        FROM events e LEFT JOIN event_series s ON s.id = e.series_id
        LEFT JOIN media cm ON cm.id = e.cover_image_id LEFT JOIN files cf ON cf.id = cm.file_id
        """

    /// Events not yet over, soonest first.
    public func upcoming(language: Language, now: Date, limit: Int = 500) async throws -> [EventDetail] {
        try await list(language: language, now: now, condition: "e.ends_at >= \(bind: now.epochSeconds)", order: "e.starts_at ASC", limit: limit)
    }

    /// Events that have ended, latest first.
    public func past(language: Language, now: Date) async throws -> [EventDetail] {
        try await list(language: language, now: now, condition: "e.ends_at < \(bind: now.epochSeconds)", order: "e.starts_at DESC")
    }

    public func inSeries(id: Int64, language: Language, now: Date) async throws -> [EventDetail] {
        try await list(language: language, now: now, condition: "e.series_id = \(bind: id)", order: "e.starts_at ASC")
    }

    /// The latest events a member organisation holds, or whose speakers come from it. The two sets
    /// are found through their own indexes and joined, rather than testing every event for either.
    public func withOrganisation(id: Int64, name: String, language: Language, now: Date, limit: Int = 20) async throws -> [EventDetail] {
        try await list(language: language, now: now, condition: """
            e.id IN (SELECT o.id FROM events o WHERE o.organisation_id = \(bind: id)
            UNION SELECT sp.event_id FROM event_speakers sp WHERE sp.organisation = \(bind: name))
            """, order: "e.starts_at DESC", limit: limit)
    }

    private func list(language: Language, now: Date, condition: SQLQueryString, order: String, limit: Int = 500) async throws -> [EventDetail] {
        try await database.read { sql in
            try await sql.rows("""
                SELECT \(Self.columns)
                WHERE \(Visibility.isPublic("e", table: "events", language: language, now: now.epochSeconds)) AND \(condition)
                ORDER BY \(unsafeRaw: order), e.id LIMIT \(literal: limit)
                """)
        }
    }

    public func event(slug: String, language: Language, now: Date, preview: Int64? = nil) async throws -> (event: EventDetail, speakers: [Speaker])? {
        try await database.read { sql in
            guard let event: EventDetail = try await sql.row("""
                SELECT \(Self.columns)
                WHERE e.slug = \(bind: slug) AND \(Visibility.isPublic("e", table: "events", language: language, now: now.epochSeconds, preview: preview))
                ORDER BY CASE WHEN e.lang = \(bind: language.rawValue) THEN 0 ELSE 1 END LIMIT 1
                """) else { return nil }
            let speakers: [Speaker] = try await sql.rows(
                "SELECT name, role, organisation FROM event_speakers WHERE event_id = \(bind: event.id) ORDER BY position, id")
            return (event, speakers)
        }
    }

    public func series(slug: String, language: Language, now: Date, preview: Int64? = nil) async throws -> EventSeries? {
        try await database.read { sql in
            try await sql.row("""
                SELECT s.id, s.slug, s.lang, s.title, s.summary, s.description FROM event_series s
                WHERE s.slug = \(bind: slug) AND \(Visibility.isPublic("s", table: "event_series", language: language, now: now.epochSeconds, preview: preview))
                ORDER BY CASE WHEN s.lang = \(bind: language.rawValue) THEN 0 ELSE 1 END LIMIT 1
                """)
        }
    }

    public func allSeries(language: Language, now: Date) async throws -> [EventSeries] {
        try await database.read { sql in
            try await sql.rows("""
                SELECT s.id, s.slug, s.lang, s.title, s.summary, s.description FROM event_series s
                WHERE \(Visibility.isPublic("s", table: "event_series", language: language, now: now.epochSeconds)) ORDER BY s.title
                """)
        }
    }
}

extension EventDetail: RowDecodable {
    init(row: any SQLRow) throws {
        self.init(
            id: try row.decode(column: "id"), slug: try row.decode(column: "slug"), lang: try row.decode(column: "lang"),
            title: try row.decode(column: "title"), summary: try row.decode(column: "summary"),
            description: try row.decode(column: "description"), seriesSlug: try row.decode(column: "series_slug"),
            seriesTitle: try row.decode(column: "series_title"), startsAt: try row.decode(column: "starts_at"),
            endsAt: try row.decode(column: "ends_at"), timeZone: try row.decode(column: "time_zone"),
            online: try row.decode(column: "online"), venue: try row.decode(column: "venue"),
            registration: try row.decode(column: "registration"), registrationUrl: try row.decode(column: "registration_url"),
            registrationClosesAt: try row.decode(column: "registration_closes_at"),
            recordingUrl: try row.decode(column: "recording_url"), captionsUrl: try row.decode(column: "captions_url"),
            transcript: try row.decode(column: "transcript"), updatedAt: try row.decode(column: "updated_at"),
            cover: try ImageColumns(row: row).publishableImage)
    }
}

extension Speaker: RowDecodable {
    init(row: any SQLRow) throws {
        self.init(name: try row.decode(column: "name"), role: try row.decode(column: "role"),
                  organisation: try row.decode(column: "organisation"))
    }
}

extension EventSeries: RowDecodable {
    init(row: any SQLRow) throws {
        self.init(id: try row.decode(column: "id"), slug: try row.decode(column: "slug"), title: try row.decode(column: "title"),
                  summary: try row.decode(column: "summary"), description: try row.decode(column: "description"),
                  lang: try row.decode(column: "lang"))
    }
}
