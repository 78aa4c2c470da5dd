import C4CCore
import Foundation
import SQLKit

/// What an editor should act on, for the dashboard: one query per kind, each reading only the rows
/// that are due through an index and returning the first few with the total.
public struct AttentionQueries: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public enum Kind: String, Sendable, CaseIterable {
        case facts, contributions, mail, images, vacancies, recordings
    }

    public struct Item: Sendable, Equatable {
        public let id: Int64
        public let label: String
        /// Plain data beside the label: a fact's source and year, a reference, a recipient, a file name.
        public let detail: String
        /// The instant that makes it due, where there is one: a deadline, an event's end.
        public let at: Int64?
    }

    public struct Group: Sendable, Equatable {
        public let kind: Kind
        public let total: Int
        public let items: [Item]
    }

    public static let shownPerGroup = 10
    public static let defaultFactReviewMonths = 24
    public static let factReviewMonthsRange = 1...240
    static let week: Int64 = 7 * 86_400
    /// A recording comes within weeks or never: older webinars stop being flagged, so past events
    /// (or imported ones) do not fill the list for ever.
    static let recordingWindow: Int64 = 90 * 86_400

    /// The groups that have something in them, in the order of `Kind`; failed mail only with `mail`.
    public func groups(now: Date, mail: Bool) async throws -> [Group] {
        let seconds = now.epochSeconds
        return try await database.read { sql in
            let months = try await Self.factReviewMonths(sql)
            let cutoff = Self.factCutoff(now: now, months: months)
            var groups: [Group] = []
            for kind in Kind.allCases where kind != .mail || mail {
                let rows = try await sql.raw(Self.query(kind, now: seconds, factCutoff: cutoff)).all()
                guard let first = rows.first else { continue }
                groups.append(Group(kind: kind, total: try first.decode(column: "total", as: Int.self), items: try rows.map { row in
                    Item(id: try row.decode(column: "id"), label: try row.decode(column: "label"),
                         detail: try row.decode(column: "detail"), at: try row.decode(column: "at"))
                }))
            }
            return groups
        }
    }

    /// A fact counts its age from the later of 1 January of its source year and its last save (or
    /// review): due when both are older than the cutoff.
    static func factCutoff(now: Date, months: Int) -> (instant: Int64, latestYear: Int) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = SiteSettings.utc
        let cutoff = calendar.date(byAdding: .month, value: -months, to: now) ?? now
        let year = calendar.component(.year, from: cutoff)
        let startOfYear = calendar.date(from: DateComponents(year: year, month: 1, day: 1)) ?? cutoff
        return (cutoff.epochSeconds, cutoff > startOfYear ? year : year - 1)
    }

    static func query(_ kind: Kind, now: Int64, factCutoff: (instant: Int64, latestYear: Int)) -> SQLQueryString {
        let total: SQLQueryString = "COUNT(*) OVER () AS total"
        let limit: SQLQueryString = "LIMIT \(literal: shownPerGroup)"
        switch kind {
        case .facts:
            return """
                SELECT f.id, f.headline AS label, f.source_name || ', ' || CAST(f.source_year AS TEXT) AS detail,
                CAST(NULL AS BIGINT) AS at, \(total) FROM key_facts f
                WHERE f.updated_at < \(bind: factCutoff.instant) AND f.source_year <= \(bind: factCutoff.latestYear)
                AND (f.reviewed_at IS NULL OR f.reviewed_at < \(bind: factCutoff.instant)) AND \(Visibility.isPublic("f", now: now))
                ORDER BY f.source_year, f.id \(limit)
                """
        case .contributions:
            return """
                SELECT c.id, c.title AS label, c.reference AS detail, c.created_at AS at, \(total) FROM contributions c
                WHERE c.status IN ('received', 'changes_requested') ORDER BY c.created_at, c.id \(limit)
                """
        case .mail:
            return """
                SELECT o.id, o.subject AS label, o.to_address AS detail, o.created_at AS at, \(total) FROM mail_outbox o
                WHERE o.status = 'failed' ORDER BY o.id DESC \(limit)
                """
        case .images:
            return """
                SELECT m.id, m.title AS label, fl.name AS detail, m.created_at AS at, \(total) FROM media m
                JOIN files fl ON fl.id = m.file_id
                WHERE m.safeguarding_answered_at IS NULL AND m.kind = 'image' ORDER BY m.id \(limit)
                """
        case .vacancies:
            return """
                SELECT v.id, v.title AS label, v.lang AS detail, v.deadline_at AS at, \(total) FROM vacancies v
                WHERE v.deadline_at > \(bind: now) AND v.deadline_at <= \(bind: now + week) AND \(Visibility.isPublic("v", now: now))
                ORDER BY v.deadline_at, v.id \(limit)
                """
        case .recordings:
            return """
                SELECT e.id, e.title AS label, e.lang AS detail, e.ends_at AS at, \(total) FROM events e
                WHERE e.ends_at < \(bind: now - week) AND e.ends_at >= \(bind: now - recordingWindow)
                AND e.online = TRUE AND e.recording_url = '' AND \(Visibility.isPublic("e", now: now))
                ORDER BY e.ends_at DESC, e.id \(limit)
                """
        }
    }

    /// The review age in months an administrator set, or the default.
    static func factReviewMonths(_ sql: any SQLDatabase) async throws -> Int {
        let row = try await sql.raw("SELECT value FROM settings WHERE key = \(bind: Self.factReviewMonthsKey)").first()
        return Self.factReviewMonths(stored: try row?.decode(column: "value", as: String.self))
    }

    public static let factReviewMonthsKey = "fact_review_months"

    public static func factReviewMonths(stored: String?) -> Int {
        stored.flatMap(Int.init).flatMap { factReviewMonthsRange.contains($0) ? $0 : nil } ?? defaultFactReviewMonths
    }
}
