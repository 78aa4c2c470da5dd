import C4CCore
import C4CStore
import C4CTestSupport
import Foundation
import SQLKit
import Testing

@Suite struct HomeQueriesTests {
    let now = TestDatabases.referenceNow

    @Test(arguments: TestDatabases.engines)
    func homeHasEveryBlock(engine: Engine) async throws {
        try await TestDatabases.with(engine, seeded: true) { database async throws in
            let home = try await HomeQueries(database: database).content(language: .en, now: now)
            #expect(home.slides.count == 3)
            #expect(home.slides.allSatisfy { !$0.image.credit.isEmpty && !$0.image.altText.isEmpty && !$0.sourceName.isEmpty })
            let event = try #require(home.featuredEvent)
            #expect(event.start.instant > now)
            #expect(event.seriesTitle == "Dialogues 4 Action")
            #expect(!home.vacancies.isEmpty)
            #expect(home.vacancies.allSatisfy { $0.deadline.isOpen(at: now) })
            #expect(!home.spotlight.isEmpty)
            #expect(home.posts.count == 3)
            #expect(home.members.count >= 25)
            #expect(home.members.allSatisfy { $0.logo != nil })
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aVacancyLeavesTheListTheMomentItsDeadlinePasses(engine: Engine) async throws {
        try await TestDatabases.with(engine, seeded: true) { database async throws in
            let soonest = try #require(try await HomeQueries(database: database).content(language: .en, now: now).vacancies.first)
            let justAfter = soonest.deadline.zoned.instant.addingTimeInterval(1)
            let later = try await HomeQueries(database: database).content(language: .en, now: justAfter)
            #expect(!later.vacancies.contains { $0.slug == soonest.slug })
        }
    }

    @Test(arguments: TestDatabases.engines)
    func theLatestWebinarShowsWhenNoneIsPlanned(engine: Engine) async throws {
        try await TestDatabases.with(engine, seeded: true) { database async throws in
            let farFuture = now.addingTimeInterval(400 * 86_400)
            let event = try #require(try await HomeQueries(database: database).content(language: .en, now: farFuture).featuredEvent)
            #expect(!event.isUpcoming(at: farFuture))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func expiredFeaturesDraftsAndFutureSchedulesStayOffTheHomePage(engine: Engine) async throws {
        try await TestDatabases.with(engine, seeded: true) { database async throws in
            let before = try await HomeQueries(database: database).content(language: .en, now: now)
            let firstSlide = try #require(before.slides.first)
            let firstPost = try #require(before.posts.first)
            try await database.write { sql in
                try await sql.raw("UPDATE hero_slides SET featured_until = \(bind: now.epochSeconds - 1) WHERE position = 0").run()
                try await sql.raw("UPDATE blog_posts SET status = 'draft' WHERE slug = \(bind: firstPost.slug)").run()
                try await sql.raw("UPDATE blog_posts SET status = 'scheduled', publish_at = \(bind: now.epochSeconds + 60) WHERE id = (SELECT MIN(id) FROM blog_posts WHERE status = 'published')").run()
            }
            let after = try await HomeQueries(database: database).content(language: .en, now: now)
            #expect(after.slides.count == before.slides.count - 1)
            #expect(!after.slides.contains { $0.headline == firstSlide.headline })
            #expect(!after.posts.contains { $0.slug == firstPost.slug })
            let scheduledLater = try await HomeQueries(database: database).content(language: .en, now: now.addingTimeInterval(120))
            #expect(scheduledLater.posts.count == 3)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func anImageOfIdentifiableChildrenWithoutConsentIsNeverShown(engine: Engine) async throws {
        try await TestDatabases.with(engine, seeded: true) { database async throws in
            try await database.write { sql in
                try await sql.raw("UPDATE media SET shows_identifiable_children = TRUE, consent_on_file = FALSE WHERE id = (SELECT image_id FROM hero_slides WHERE position = 0)").run()
            }
            let home = try await HomeQueries(database: database).content(language: .en, now: now)
            #expect(home.slides.count == 2)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func otherLanguagesFallBackToEnglishItems(engine: Engine) async throws {
        try await TestDatabases.with(engine, seeded: true) { database async throws in
            try await database.write { sql in
                try await sql.raw("""
                    INSERT INTO blog_posts (lang, translation_group, slug, status, publish_at, created_at, updated_at, title)
                    SELECT 'fr', translation_group, 'traduction', 'published', publish_at, created_at, updated_at, 'Un article traduit'
                    FROM blog_posts WHERE lang = 'en' ORDER BY publish_at DESC LIMIT 1
                    """).run()
            }
            let french = try await HomeQueries(database: database).content(language: .fr, now: now)
            #expect(french.posts.first?.title == "Un article traduit")
            #expect(french.posts.count == 3)
            #expect(french.members.count >= 25)
            let english = try await HomeQueries(database: database).content(language: .en, now: now)
            #expect(!english.posts.contains { $0.title == "Un article traduit" })
        }
    }
}
