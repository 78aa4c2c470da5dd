import C4CCore
import Foundation
import SQLKit

/// Site settings live as key/value rows so a new setting needs no migration.
public struct SettingsQueries: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    /// The settings; with `now`, also the free pages placed in menus at that moment.
    public func siteSettings(now: Date? = nil) async throws -> SiteSettings {
        let values = try await all()
        let menuPages: [MenuPage] = try await now.asyncMenuPages(database)
        let links = (values["social_links"]?.data(using: .utf8))
            .flatMap { try? JSONDecoder().decode([SocialLink].self, from: $0) } ?? []
        let fallback = SiteSettings.fallback
        var settings = SiteSettings(
            name: values["site_name"] ?? fallback.name,
            tagline: values["tagline"] ?? fallback.tagline,
            oneLiner: values["one_liner"] ?? fallback.oneLiner,
            contactEmail: values["contact_email"] ?? fallback.contactEmail,
            socialLinks: links
        )
        settings.menuPages = menuPages
        for key in SiteSettings.translatableKeys {
            for language in Language.allCases where language != .default {
                settings.translations["\(key).\(language.rawValue)"] = values["\(key).\(language.rawValue)"]
            }
        }
        settings.timeZone = SiteSettings.timeZone(named: values["time_zone"])
        return settings
    }

    /// The site's zone, read within another query's transaction.
    public static func timeZone(_ sql: any SQLDatabase) async throws -> TimeZone {
        let row = try await sql.raw("SELECT value FROM settings WHERE key = 'time_zone'").first()
        return SiteSettings.timeZone(named: try row?.decode(column: "value", as: String.self))
    }

    public func all() async throws -> [String: String] {
        try await database.read { sql in
            let rows = try await sql.raw("SELECT key, value FROM settings").all()
            var values: [String: String] = [:]
            for row in rows {
                values[try row.decode(column: "key", as: String.self)] = try row.decode(column: "value", as: String.self)
            }
            return values
        }
    }

    public func set(_ values: [String: String]) async throws {
        try await database.write { sql in
            for (key, value) in values {
                try await SettingsQueries.upsert(sql, key: key, value: value)
            }
            try await ContentVersionQueries.bump(sql)
        }
    }

    public static func upsert(_ sql: any SQLDatabase, key: String, value: String) async throws {
        try await sql.raw("""
            INSERT INTO settings (key, value) VALUES (\(bind: key), \(bind: value))
            ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """).run()
    }
}

extension Optional where Wrapped == Date {
    /// The public pages placed in a menu, in every language, in their menu order.
    func asyncMenuPages(_ database: any Database) async throws -> [MenuPage] {
        guard let now = self else { return [] }
        return try await database.read { sql in
            try await sql.rows("""
                SELECT p.slug, p.title, p.menu, p.lang, p.translation_group FROM pages p
                WHERE p.menu <> '' AND \(Visibility.isPublic("p", now: now.epochSeconds))
                ORDER BY p.menu_position, p.title
                """)
        }
    }
}

extension MenuPage: RowDecodable {
    init(row: any SQLRow) throws {
        self.init(slug: try row.decode(column: "slug"), title: try row.decode(column: "title"), menu: try row.decode(column: "menu"),
                  lang: try row.decode(column: "lang"), group: try row.decode(column: "translation_group"))
    }
}
