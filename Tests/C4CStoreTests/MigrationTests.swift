import C4CCore
import C4CStore
import C4CTestSupport
import Foundation
import SQLKit
import Testing

@Suite struct MigrationTests {
    @Test(arguments: TestDatabases.engines)
    func migratingTwiceAppliesNothingTheSecondTime(engine: Engine) async throws {
        try await TestDatabases.with(engine) { database async throws in
            let again = try await Migrator(database: database).migrate()
            #expect(again.isEmpty)
            let applied = try await database.read { sql in
                try await sql.raw("SELECT id FROM schema_migrations ORDER BY id").all().map { try $0.decode(column: "id", as: String.self) }
            }
            #expect(applied == Schema.migrations.map(\.id))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func everyContentTableCarriesLanguageAndTranslationGroup(engine: Engine) async throws {
        try await TestDatabases.with(engine) { database async throws in
            for table in ["key_facts", "hero_slides", "pages", "organisations", "affiliates", "people", "resources",
                          "event_series", "events", "vacancies", "blog_posts"] {
                try await database.read { sql in
                    try await sql.raw("SELECT lang, translation_group, slug, status, publish_at, author_id, created_at, updated_at FROM \(ident: table) LIMIT 1").run()
                }
            }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aFailedWriteLeavesNothingBehind(engine: Engine) async throws {
        try await TestDatabases.with(engine) { database async throws in
            struct Boom: Error {}
            await #expect(throws: Boom.self) {
                try await database.write { sql in
                    try await sql.raw("INSERT INTO settings (key, value) VALUES ('half', 'done')").run()
                    throw Boom()
                }
            }
            let stored = try await SettingsQueries(database: database).all()
            #expect(stored["half"] == nil)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func foreignKeysAreEnforced(engine: Engine) async throws {
        try await TestDatabases.with(engine) { database async throws in
            await #expect(throws: (any Error).self) {
                try await database.write { sql in
                    try await sql.raw("INSERT INTO media (file_id, kind, created_at) VALUES (999999, 'image', 0)").run()
                }
            }
        }
    }

    @Test func databaseURLsAreRead() throws {
        #expect(try DatabaseLocation(databaseURL: nil) == .sqlite(path: "c4c.sqlite"))
        #expect(try DatabaseLocation(databaseURL: "sqlite:///var/lib/c4c/site.sqlite") == .sqlite(path: "/var/lib/c4c/site.sqlite"))
        #expect(try DatabaseLocation(databaseURL: "sqlite://data/site.sqlite") == .sqlite(path: "data/site.sqlite"))
        #expect(try DatabaseLocation(databaseURL: "postgres://u:p@db:5433/c4c") == .postgres(url: URL(string: "postgres://u:p@db:5433/c4c")!))
        #expect(throws: DatabaseLocationError.self) { try DatabaseLocation(databaseURL: "mysql://x") }
        #expect(!"\(try DatabaseLocation(databaseURL: "postgres://u:secret@db/c4c"))".contains("secret"))
    }
}
