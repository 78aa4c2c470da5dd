import C4CCore
import C4CStore
import C4CTestSupport
import C4CWeb
import Foundation
import SQLKit
import Testing

/// `c4c serve` seeds only the database it created, and nothing seeds or overwrites a live site.
@Suite struct SiteSetupTests {
    /// Every table's row count and every setting, to compare a database before and after.
    struct Snapshot: Equatable {
        var counts: [String: Int]
        var settings: [String: String]

        static func of(_ database: any Database) async throws -> Snapshot {
            let engine = database.engine
            let counts = try await database.read { sql in
                var counts: [String: Int] = [:]
                for table in try await SchemaInspection.tables(sql, engine) {
                    counts[table] = try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()!.decode(column: "n", as: Int.self)
                }
                return counts
            }
            return Snapshot(counts: counts, settings: try await SettingsQueries(database: database).all())
        }
    }

    static func restart(_ database: any Database) async throws -> Bool {
        try await SiteSetup.prepare(database: database, seedDemo: true, clock: .fixed(TestDatabases.referenceNow),
                                    logger: TestDatabases.logger)
    }

    @Test(arguments: TestDatabases.engines)
    func aFreshDatabaseIsSeededAndMarkedAsADemoSite(engine: Engine) async throws {
        try await TestDatabases.withBlank(engine) { database async throws in
            #expect(try await Self.restart(database))
            let settings = try await SettingsQueries(database: database).all()
            #expect(settings[DemoSeeder.demoSiteKey] != nil)
            #expect(settings["site_name"] == "Cities4Children")
            let members = try await database.read { sql in
                try await sql.raw("SELECT COUNT(*) AS n FROM organisations").first()!.decode(column: "n", as: Int.self)
            }
            #expect(members >= 25)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aFreshDatabaseStaysEmptyWhenDemoContentIsDeclined(engine: Engine) async throws {
        try await TestDatabases.withBlank(engine) { database async throws in
            let seeded = try await SiteSetup.prepare(database: database, seedDemo: false, clock: .fixed(TestDatabases.referenceNow),
                                                     logger: TestDatabases.logger)
            #expect(!seeded)
            #expect(try await DemoSeeder(database: database).tableHoldingASite() == nil)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func restartingASiteWhoseMembersWereAllDeletedChangesNothing(engine: Engine) async throws {
        try await TestDatabases.with(engine, seeded: true) { database async throws in
            try await database.write { sql in
                try await sql.raw("UPDATE users SET organisation_id = NULL").run()
                try await sql.raw("DELETE FROM organisations").run()
            }
            let before = try await Snapshot.of(database)
            #expect(before.counts["organisations"] == 0)
            #expect(!(try await Self.restart(database)))
            #expect(try await Snapshot.of(database) == before)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func restartingAMigratedButEmptyDatabaseSeedsNothing(engine: Engine) async throws {
        try await TestDatabases.with(engine) { database async throws in
            let before = try await Snapshot.of(database)
            #expect(!(try await Self.restart(database)))
            #expect(try await Snapshot.of(database) == before)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func seedingASiteWhoseMembersWereAllDeletedIsRefusedAndWritesNothing(engine: Engine) async throws {
        try await TestDatabases.with(engine, seeded: true) { database async throws in
            try await database.write { sql in
                try await sql.raw("DELETE FROM organisations").run()
                try await sql.raw("UPDATE settings SET value = 'Our own alliance' WHERE key = 'site_name'").run()
            }
            let before = try await Snapshot.of(database)
            await #expect(throws: DemoSeedError.self) { try await DemoSeeder(database: database).seed() }
            #expect(try await Snapshot.of(database) == before)
            #expect(before.settings["site_name"] == "Our own alliance")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aSiteWithOnlyAUserOrOnlyASettingIsStillASite(engine: Engine) async throws {
        try await TestDatabases.with(engine) { database async throws in
            try await database.write { sql in
                try await sql.raw("INSERT INTO settings (key, value) VALUES ('site_name', 'Our own alliance')").run()
            }
            await #expect(throws: DemoSeedError.siteExists(table: "settings")) { try await DemoSeeder(database: database).seed() }
        }
        try await TestDatabases.with(engine) { database async throws in
            _ = try await UserQueries(database: database).create(email: "admin@example.org", name: "Admin", passwordHash: "x",
                                                                 role: .administrator, now: TestDatabases.referenceNow)
            await #expect(throws: DemoSeedError.self) { try await DemoSeeder(database: database).seed() }
            #expect(try await SettingsQueries(database: database).all().isEmpty)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func seedDemoFillsAMigratedDatabaseThatHoldsNoSite(engine: Engine) async throws {
        try await TestDatabases.with(engine) { database async throws in
            #expect(try await DemoSeeder(database: database).tableHoldingASite() == nil)
            try await DemoSeeder(database: database, clock: .fixed(TestDatabases.referenceNow)).seed()
            #expect(try await SettingsQueries(database: database).all()[DemoSeeder.demoSiteKey] != nil)
        }
    }
}
