import C4CCore
import C4CStore
import C4CTestSupport
import Foundation
import SQLKit
import Testing

@Suite struct DemoSeedTests {
    @Test(arguments: TestDatabases.engines)
    func seedsEveryKindOfDemoContent(engine: Engine) async throws {
        try await TestDatabases.with(engine, seeded: true) { database async throws in
            func count(_ table: String, _ condition: String = "1 = 1") async throws -> Int {
                try await database.read { sql in
                    try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE \(unsafeRaw: condition)").first()!.decode(column: "n", as: Int.self)
                }
            }
            #expect(try await count("hero_slides") >= 3)
            #expect(try await count("key_facts") >= 10)
            #expect(try await count("organisations") >= 25)
            #expect(try await count("affiliates") >= 3)
            #expect(try await count("resources") >= 30)
            #expect(try await count("events") >= 8)
            #expect(try await count("vacancies") >= 4)
            #expect(try await count("blog_posts") >= 12)
            #expect(try await count("pages", "slug = 'about'") >= 1)
            #expect(try await count("media", "alt_text = '' OR credit = ''") == 0)
            #expect(try await count("resources r", "NOT EXISTS (SELECT 1 FROM resource_topics t WHERE t.resource_id = r.id)") == 0)
            let now = TestDatabases.referenceNow.epochSeconds
            #expect(try await count("vacancies", "deadline_at < \(now)") == 1)
            #expect(try await count("events", "starts_at > \(now)") >= 3)
            #expect(try await count("events", "starts_at < \(now) AND recording_url <> ''") >= 3)
            #expect(try await count("resource_languages", "language <> 'en'") > 0)
            #expect(try await count("settings", "key = '\(DemoSeeder.demoSiteKey)'") == 1)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func seedingTwiceIsRefused(engine: Engine) async throws {
        try await TestDatabases.with(engine, seeded: true) { database async throws in
            await #expect(throws: DemoSeedError.self) { try await DemoSeeder(database: database).seed() }
        }
    }
}
