import C4CCore
import Foundation
import SQLKit

/// Facts, free pages, people, members and affiliates: the alliance's own pages.
public struct SiteQueries: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    /// Every country the site knows, with its stored name: what visitors choose from in the public
    /// forms, which name and sort them in the reader's language (`Site.countryChoices`).
    public func countries() async throws -> [(code: String, name: String)] {
        try await database.read { sql in
            try await sql.raw("SELECT code, name FROM regions WHERE kind = 'country'").all().map {
                (try $0.decode(column: "code", as: String.self), try $0.decode(column: "name", as: String.self))
            }
        }
    }

    public func facts(language: Language, now: Date) async throws -> [KeyFact] {
        try await database.read { sql in
            try await sql.rows("""
                SELECT k.slug, k.lang, k.figure, k.headline, k.source_name, k.source_url, k.source_year FROM key_facts k
                WHERE \(Visibility.isPublic("k", table: "key_facts", language: language, now: now.epochSeconds))
                ORDER BY k.id
                """)
        }
    }

    /// A free page in the reader's language, or in English when it has no translation.
    public func page(slug: String, language: Language, now: Date, preview: Int64? = nil) async throws -> FreePage? {
        try await database.read { sql in
            try await sql.row("""
                SELECT p.slug, p.lang, p.title, p.summary, p.body, p.updated_at FROM pages p
                WHERE p.slug = \(bind: slug) AND \(Visibility.isPublic("p", table: "pages", language: language, now: now.epochSeconds, preview: preview))
                ORDER BY CASE WHEN p.lang = \(bind: language.rawValue) THEN 0 ELSE 1 END LIMIT 1
                """)
        }
    }

    public func people(language: Language, now: Date) async throws -> [Person] {
        try await database.read { sql in
            try await sql.rows("""
                SELECT p.slug, p.lang, p.name, p.role, o.name AS organisation, p.bio, p.team FROM people p
                LEFT JOIN organisations o ON o.id = p.organisation_id
                WHERE \(Visibility.isPublic("p", table: "people", language: language, now: now.epochSeconds))
                ORDER BY p.position, p.name
                """)
        }
    }

    static func memberColumns() -> SQLQueryString {
        """
        o.id, o.slug, o.lang, o.name, o.kind, o.country_code, g.name AS country_name, o.description, o.steering_committee,
        o.member_since, o.website, f.id AS logo_file_id, f.name AS logo_file_name
        FROM organisations o LEFT JOIN regions g ON g.code = o.country_code
        LEFT JOIN media m ON m.id = o.logo_id LEFT JOIN files f ON f.id = m.file_id
        """
    }

    /// Members, narrowed by kind and country when given, with the counts for each filter value.
    public func members(language: Language, now: Date, kind: String?, country: String?) async throws
        -> (members: [MemberSummary], kinds: [FacetValue], countries: [FacetValue]) {
        let visible = Visibility.isPublic("o", table: "organisations", language: language, now: now.epochSeconds)
        let kindCondition: SQLQueryString = kind.map { "o.kind = \(bind: $0)" } ?? "1 = 1"
        let countryCondition: SQLQueryString = country.map { "o.country_code = \(bind: $0)" } ?? "1 = 1"
        return try await database.read { sql in
            let members: [MemberSummary] = try await sql.rows("""
                SELECT \(Self.memberColumns()) WHERE \(visible) AND \(kindCondition) AND \(countryCondition) ORDER BY o.sort_name, o.id
                """)
            let kinds: [FacetRow] = try await sql.rows("""
                SELECT o.kind AS value, COUNT(*) AS n FROM organisations o WHERE \(visible) AND \(countryCondition)
                GROUP BY o.kind ORDER BY o.kind
                """)
            let countries: [FacetRow] = try await sql.rows("""
                SELECT o.country_code AS value, MAX(g.name) AS label, COUNT(*) AS n FROM organisations o
                LEFT JOIN regions g ON g.code = o.country_code
                WHERE \(visible) AND \(kindCondition) AND o.country_code <> ''
                GROUP BY o.country_code ORDER BY MAX(g.name), o.country_code
                """)
            return (members,
                    kinds.map { FacetValue(value: $0.value, label: $0.value, count: $0.n) },
                    countries.map { FacetValue(value: $0.value, label: $0.label ?? $0.value, count: $0.n) })
        }
    }

    public func member(slug: String, language: Language, now: Date, preview: Int64? = nil) async throws -> MemberSummary? {
        try await database.read { sql in
            try await sql.row("""
                SELECT \(Self.memberColumns())
                WHERE o.slug = \(bind: slug) AND \(Visibility.isPublic("o", table: "organisations", language: language, now: now.epochSeconds, preview: preview))
                LIMIT 1
                """)
        }
    }

    public func affiliates(language: Language, now: Date) async throws -> [Affiliate] {
        try await database.read { sql in
            try await sql.rows("""
                SELECT a.slug, a.name, a.country_code, g.name AS country_name, a.lead_organisation, a.contact_name,
                a.contact_email, a.website FROM affiliates a LEFT JOIN regions g ON g.code = a.country_code
                WHERE \(Visibility.isPublic("a", table: "affiliates", language: language, now: now.epochSeconds))
                ORDER BY a.name
                """)
        }
    }

    /// Where an old address now leads: a new path with its status, or 410 with no path.
    public func redirect(from path: String) async throws -> (to: String, status: Int)? {
        try await database.read { sql in
            guard let row = try await sql.raw("SELECT to_path, status_code FROM redirects WHERE from_path = \(bind: path)").first() else {
                return nil
            }
            return (try row.decode(column: "to_path", as: String.self), try row.decode(column: "status_code", as: Int.self))
        }
    }
}

extension KeyFact: RowDecodable {
    init(row: any SQLRow) throws {
        self.init(slug: try row.decode(column: "slug"), figure: try row.decode(column: "figure"), headline: try row.decode(column: "headline"),
                  sourceName: try row.decode(column: "source_name"), sourceUrl: try row.decode(column: "source_url"),
                  sourceYear: try row.decode(column: "source_year"), lang: try row.decode(column: "lang"))
    }
}

extension FreePage: RowDecodable {
    init(row: any SQLRow) throws {
        self.init(slug: try row.decode(column: "slug"), lang: try row.decode(column: "lang"), title: try row.decode(column: "title"),
                  summary: try row.decode(column: "summary"), body: try row.decode(column: "body"),
                  updatedAt: try row.decode(column: "updated_at"))
    }
}

extension Person: RowDecodable {
    init(row: any SQLRow) throws {
        self.init(slug: try row.decode(column: "slug"), name: try row.decode(column: "name"), role: try row.decode(column: "role"),
                  organisation: try row.decode(column: "organisation"), bio: try row.decode(column: "bio"),
                  team: try row.decode(column: "team"), lang: try row.decode(column: "lang"))
    }
}

extension MemberSummary: RowDecodable {
    init(row: any SQLRow) throws {
        self.init(
            id: try row.decode(column: "id"), slug: try row.decode(column: "slug"), lang: try row.decode(column: "lang"),
            name: try row.decode(column: "name"), kind: try row.decode(column: "kind"), countryCode: try row.decode(column: "country_code"),
            countryName: try row.decode(column: "country_name"), description: try row.decode(column: "description"),
            steeringCommittee: try row.decode(column: "steering_committee"), memberSince: try row.decode(column: "member_since"),
            website: try row.decode(column: "website"), logoFileId: try row.decode(column: "logo_file_id"),
            logoFileName: try row.decode(column: "logo_file_name"))
    }
}

extension Affiliate: RowDecodable {
    init(row: any SQLRow) throws {
        self.init(
            slug: try row.decode(column: "slug"), name: try row.decode(column: "name"), countryCode: try row.decode(column: "country_code"),
            countryName: try row.decode(column: "country_name"), leadOrganisation: try row.decode(column: "lead_organisation"),
            contactName: try row.decode(column: "contact_name"), contactEmail: try row.decode(column: "contact_email"),
            website: try row.decode(column: "website"))
    }
}
