import C4CCore
import C4CStore
import C4CTestSupport
import Foundation
import SQLKit
import Testing

@Suite struct BulkSeedTests {
    static let counts = BulkSeeder.Counts(resources: 400, posts: 60, events: 50, vacancies: 40, members: 6)
    static let clock = WallClock.fixed(TestDatabases.referenceNow)

    static func count(_ database: any Database, _ table: String, _ condition: String = "1 = 1") async throws -> Int {
        try await database.read { sql in
            try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE \(unsafeRaw: condition)").first()!.decode(column: "n", as: Int.self)
        }
    }

    /// Every generated title and slug in id order: equal for equal seeds.
    static func titles(_ database: any Database) async throws -> [String] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT lang || ' ' || slug || ' ' || title AS line FROM resources
                UNION ALL SELECT lang || ' ' || slug || ' ' || title FROM events ORDER BY 1
                """).all().map { try $0.decode(column: "line", as: String.self) }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aNewDatabaseGetsTheDemoSiteThenVariedItemsInEveryLanguage(engine: Engine) async throws {
        try await TestDatabases.with(engine) { database in
            let report = try await BulkSeeder(database: database, clock: Self.clock).seed(Self.counts)
            #expect(report.seededDemoSite)
            #expect(try await Self.count(database, "settings", "key = '\(DemoSeeder.demoSiteKey)'") == 1)
            #expect(try await Self.count(database, "resources", "translation_group LIKE 'resources/bulk-%'") == Self.counts.resources)
            #expect(try await Self.count(database, "blog_posts", "translation_group LIKE 'blog_posts/bulk-%'") == Self.counts.posts)
            #expect(try await Self.count(database, "events", "translation_group LIKE 'events/bulk-%'") == Self.counts.events)
            for language in ["en", "fr", "es", "pt", "ar"] {
                #expect(try await Self.count(database, "resources", "lang = '\(language)'") > 0, "\(language)")
            }
            // Translations share their group and their address.
            #expect(try await Self.count(database, "resources r", """
                r.lang <> 'en' AND EXISTS (SELECT 1 FROM resources e WHERE e.translation_group = r.translation_group
                AND e.lang = 'en' AND e.slug = r.slug)
                """) > 20)
            #expect(try await Self.count(database, "resources", "title LIKE '%Bogotá%' OR title LIKE '%São Paulo%' OR title LIKE '%Genève%'") > 0)
            for status in ["published", "draft", "scheduled"] {
                #expect(try await Self.count(database, "resources", "status = '\(status)'") > 0, "\(status)")
            }
            #expect(try await Self.count(database, "resources", "status = 'published'") > Self.counts.resources * 3 / 4)
            #expect(try await Self.count(database, "resources r", "NOT EXISTS (SELECT 1 FROM resource_topics t WHERE t.resource_id = r.id)") == 0)
            #expect(try await Self.count(database, "(SELECT DISTINCT kind FROM resources) k") == 9)
            #expect(try await Self.count(database, "(SELECT DISTINCT SUBSTR(published_on, 1, 4) FROM resources) y") >= 10)
            let now = TestDatabases.referenceNow.epochSeconds
            #expect(try await Self.count(database, "events", "starts_at > \(now)") > 5)
            #expect(try await Self.count(database, "events", "ends_at < \(now)") > 20)
            #expect(try await Self.count(database, "vacancies", "deadline_at >= \(now)") > 2)
            #expect(try await Self.count(database, "vacancies", "deadline_at < \(now)") > 20)
            #expect(try await Self.count(database, "event_speakers s", "NOT EXISTS (SELECT 1 FROM events e WHERE e.id = s.event_id)") == 0)
            // The search index was written with the items.
            let differences = try await database.read { sql in try await SearchIndex.differences(sql) }
            #expect(differences.values.allSatisfy { $0.isEmpty }, "\(differences)")
            #expect(try await Self.count(database, "search_documents", "kind = 'resources'") == Self.count(database, "resources"))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func theSameSeedGivesTheSameItems(engine: Engine) async throws {
        let counts = BulkSeeder.Counts(resources: 60, posts: 5, events: 10, vacancies: 5, members: 2)
        let first = try await TestDatabases.with(engine) { database in
            _ = try await BulkSeeder(database: database, clock: Self.clock, seed: 7).seed(counts)
            return try await Self.titles(database)
        }
        let second = try await TestDatabases.with(engine) { database in
            _ = try await BulkSeeder(database: database, clock: Self.clock, seed: 7).seed(counts)
            return try await Self.titles(database)
        }
        let other = try await TestDatabases.with(engine) { database in
            _ = try await BulkSeeder(database: database, clock: Self.clock, seed: 8).seed(counts)
            return try await Self.titles(database)
        }
        #expect(first.count > 60)
        #expect(first == second)
        #expect(first != other)
    }

    @Test(arguments: TestDatabases.engines)
    func aDemoSiteTakesMoreItemsAndANewIDSequenceCarriesOn(engine: Engine) async throws {
        try await TestDatabases.with(engine, seeded: true) { database in
            let before = try await Self.count(database, "resources")
            let small = BulkSeeder.Counts(resources: 30, posts: 3, events: 3, vacancies: 3, members: 1)
            let report = try await BulkSeeder(database: database, clock: Self.clock).seed(small)
            #expect(!report.seededDemoSite)
            _ = try await BulkSeeder(database: database, clock: Self.clock).seed(small)
            #expect(try await Self.count(database, "resources") == before + 60)
            // An editor's next item still gets a fresh id after the explicit ones.
            let id = try await database.write { sql in
                try await Inserter(sql).insert("topics", ["lang": "en", "translation_group": "topics/after-bulk", "slug": "after-bulk", "name": "After"])
            }
            #expect(id > 0)
            _ = try await database.write { sql in
                try await Inserter(sql).insert("resources", [
                    "lang": "en", "translation_group": "resources/after-bulk", "slug": "after-bulk", "status": "draft",
                    "created_at": Int64(0), "updated_at": Int64(0), "title": "After", "kind": "report", "published_on": "2026-01-01",
                ])
            }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aSiteThatIsNotADemoSiteIsRefusedUnlessForced(engine: Engine) async throws {
        try await TestDatabases.with(engine) { database in
            try await UserQueries(database: database).create(email: "owner@c4c.test", name: "Owner", passwordHash: "x",
                                                             role: .administrator, now: TestDatabases.referenceNow)
            let small = BulkSeeder.Counts(resources: 10, posts: 2, events: 2, vacancies: 2, members: 1)
            await #expect(throws: BulkSeedError.self) {
                try await BulkSeeder(database: database, clock: Self.clock).seed(small)
            }
            #expect(try await Self.count(database, "resources") == 0)
            #expect(try await Self.count(database, "organisations") == 0)
            // Forced, it adds its items to what is there; with no topics or members it makes do.
            _ = try await BulkSeeder(database: database, clock: Self.clock).seed(small, force: true)
            #expect(try await Self.count(database, "resources") == 10)
            #expect(try await Self.count(database, "settings", "key = '\(DemoSeeder.demoSiteKey)'") == 0)
        }
    }
}
