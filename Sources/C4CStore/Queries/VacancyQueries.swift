import C4CCore
import Foundation
import SQLKit

/// Vacancies. Whether one is open is decided here, against the request's now, every time.
public struct VacancyQueries: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    /// Links to the organisation only while its own page is public.
    static func columns(now: Int64) -> SQLQueryString {
        """
        v.id, v.slug, v.lang, v.title, v.kind, COALESCE(o.name, v.organisation_name) AS organisation, CASE WHEN \(Visibility.isPublic("o", now: now)) THEN o.slug END AS organisation_slug,
        v.location, v.remote, v.summary, v.body, v.deadline_at, v.deadline_zone, v.apply_email, v.apply_subject, v.apply_url,
        f.id AS terms_file_id, f.name AS terms_file_name, f.content_type AS terms_content_type, f.byte_size AS terms_byte_size,
        v.publish_at, v.created_at
        FROM vacancies v LEFT JOIN organisations o ON o.id = v.organisation_id LEFT JOIN files f ON f.id = v.terms_file_id
        """
    }

    /// Open vacancies, closing soonest first.
    public func open(language: Language, now: Date) async throws -> [VacancyDetail] {
        try await database.read { sql in
            try await sql.rows("""
                SELECT \(Self.columns(now: now.epochSeconds))
                WHERE \(Visibility.isPublic("v", table: "vacancies", language: language, now: now.epochSeconds))
                AND v.deadline_at >= \(bind: now.epochSeconds) ORDER BY v.deadline_at ASC
                """)
        }
    }

    /// A vacancy, open or closed: its address never stops working.
    public func vacancy(slug: String, language: Language, now: Date, preview: Int64? = nil) async throws -> VacancyDetail? {
        try await database.read { sql in
            try await sql.row("""
                SELECT \(Self.columns(now: now.epochSeconds))
                WHERE v.slug = \(bind: slug) AND \(Visibility.isPublic("v", table: "vacancies", language: language, now: now.epochSeconds, preview: preview))
                ORDER BY CASE WHEN v.lang = \(bind: language.rawValue) THEN 0 ELSE 1 END LIMIT 1
                """)
        }
    }
}

extension VacancyDetail: RowDecodable {
    init(row: any SQLRow) throws {
        self.init(
            id: try row.decode(column: "id"), slug: try row.decode(column: "slug"), lang: try row.decode(column: "lang"),
            title: try row.decode(column: "title"), kind: try row.decode(column: "kind"),
            organisation: try row.decode(column: "organisation"), organisationSlug: try row.decode(column: "organisation_slug"),
            location: try row.decode(column: "location"), remote: try row.decode(column: "remote"),
            summary: try row.decode(column: "summary"), body: try row.decode(column: "body"),
            deadlineAt: try row.decode(column: "deadline_at"), deadlineZone: try row.decode(column: "deadline_zone"),
            applyEmail: try row.decode(column: "apply_email"), applySubject: try row.decode(column: "apply_subject"),
            applyUrl: try row.decode(column: "apply_url"), termsFileId: try row.decode(column: "terms_file_id"),
            termsFileName: try row.decode(column: "terms_file_name"), termsContentType: try row.decode(column: "terms_content_type"),
            termsByteSize: try row.decode(column: "terms_byte_size"), publishAt: try row.decode(column: "publish_at"),
            createdAt: try row.decode(column: "created_at"))
    }
}
