import C4CCore
import Foundation
import SQLKit

/// Site settings live as key/value rows so a new setting needs no migration.
public struct SettingsQueries: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public func siteSettings() async throws -> SiteSettings {
        let values = try await all()
        let links = (values["social_links"]?.data(using: .utf8))
            .flatMap { try? JSONDecoder().decode([SocialLink].self, from: $0) } ?? []
        let fallback = SiteSettings.fallback
        return SiteSettings(
            name: values["site_name"] ?? fallback.name,
            tagline: values["tagline"] ?? fallback.tagline,
            oneLiner: values["one_liner"] ?? fallback.oneLiner,
            contactEmail: values["contact_email"] ?? fallback.contactEmail,
            socialLinks: links
        )
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
        }
    }

    public static func upsert(_ sql: any SQLDatabase, key: String, value: String) async throws {
        try await sql.raw("""
            INSERT INTO settings (key, value) VALUES (\(bind: key), \(bind: value))
            ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """).run()
    }
}
