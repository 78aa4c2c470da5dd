import C4CCore
import C4CStore
import C4CTestSupport
import Foundation
import HummingbirdTesting
import SQLKit
import Testing

@Suite struct HomePageTests {
    @Test(arguments: TestDatabases.engines)
    func homeShowsEveryBlockFromTheDatabase(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            let home = try await HomeQueries(database: database).content(language: .en, now: TestDatabases.referenceNow)
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let html = response.text
                #expect(html.contains(#"<html lang="en" dir="ltr">"#))
                for slide in home.slides {
                    #expect(html.contains(HTMLEscaping.escape(slide.headline)))
                    #expect(html.contains(HTMLEscaping.escape(slide.image.credit)))
                    #expect(html.contains(#"alt="\#(HTMLEscaping.escape(slide.image.altText))""#))
                }
                #expect(html.contains("Learn more"))
                let event = try #require(home.featuredEvent)
                #expect(html.contains("Next webinar"))
                #expect(html.contains(HTMLEscaping.escape(event.title)))
                #expect(html.contains(#"<time datetime="\#(event.start.isoWithOffset)""#))
                #expect(html.contains("(\(event.start.utcOffsetLabel))"))
                #expect(html.contains(", 14:00</time>"), "the next webinar starts at 14:00 in Nairobi")
                #expect(!html.contains("Watch the recording"), "an upcoming webinar has no recording yet")
                for vacancy in home.vacancies {
                    #expect(html.contains(HTMLEscaping.escape(vacancy.title)))
                }
                #expect(!html.contains("Volunteer translators"), "the vacancy past its deadline is listed")
                for resource in home.spotlight { #expect(html.contains(HTMLEscaping.escape(resource.title))) }
                for post in home.posts { #expect(html.contains(HTMLEscaping.escape(post.title))) }
                #expect(html.contains(#"href="/contribute""#))
                #expect(html.contains(#"<a class="button" href="/newsletter">Choose topics and sign up</a>"#))
                for member in home.members { #expect(html.contains(HTMLEscaping.escape(member.name))) }
                #expect(html.contains("secretariat@cities4children.example"))
                #expect(html.contains("https://mastodon.social/@cities4children"))
                #expect(html.contains(#"<script type="application/ld+json">"#))
                #expect(!html.contains("{{"), "an unrendered Mustache tag")
            }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func pastWebinarShowsItsRecordingWhenNoneIsPlanned(engine: Engine) async throws {
        let later = TestDatabases.referenceNow.addingTimeInterval(200 * 86_400)
        try await TestApp.run(engine, now: later) { client, database async throws in
            try await database.write { sql in
                try await sql.raw("UPDATE events SET recording_url = 'https://www.youtube-nocookie.com/embed/latest' WHERE starts_at = (SELECT MAX(starts_at) FROM events WHERE online = TRUE)").run()
            }
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.text.contains("Latest webinar"))
                #expect(response.text.contains(#"<a href="https://www.youtube.com/watch?v=latest">Watch the recording"#))
                #expect(response.text.contains("There are no open vacancies at the moment."))
            }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aSlideWithoutAFactShowsNoEmptySourceLine(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await database.write { sql in
                try await sql.raw("UPDATE hero_slides SET fact_id = NULL").run()
            }
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains(#"class="slide""#))
                #expect(!response.text.contains(#"<p class="source">"#))
            }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func headerLinksEverySectionAndEachAnswers(engine: Engine) async throws {
        try await TestApp.run(engine) { client, _ async throws in
            let html = try await client.execute(uri: "/", method: .get).text
            for path in ["/facts", "/about", "/members", "/resources", "/events", "/vacancies", "/blog",
                         "/contribute", "/contact", "/newsletter", "/about/people", "/affiliates",
                         "/events/past", "/privacy"] {
                #expect(html.contains(#"href="\#(path)""#), "header or footer lacks \(path)")
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .ok, "\(path) answered \(response.status)")
            }
            #expect(html.contains(#"action="/search""#))
            #expect(try await client.execute(uri: "/search?q=play", method: .get).status == .ok)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func frenchHomeSpeaksFrenchAndNamesItsAlternates(engine: Engine) async throws {
        try await TestApp.run(engine) { client, _ async throws in
            try await client.execute(uri: "/fr", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains(#"<html lang="fr" dir="ltr">"#))
                #expect(html.contains("Aller au contenu principal"))
                #expect(html.contains(#"href="/fr/resources""#))
                #expect(html.contains(#"<link rel="alternate" hreflang="ar" href="http://c4c.test/ar">"#))
                #expect(html.contains(#"<link rel="canonical" href="http://c4c.test/fr">"#))
            }
            try await client.execute(uri: "/ar", method: .get) { response in
                #expect(response.text.contains(#"<html lang="ar" dir="rtl">"#))
            }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func uploadedImagesAreServedWithTheirContentType(engine: Engine) async throws {
        try await TestApp.run(engine) { client, _ async throws in
            let html = try await client.execute(uri: "/", method: .get).text
            let src = try #require(html.firstMatch(of: /src="(\/files\/\d+\/[^"]+\.svg)"/)?.1)
            let response = try await client.execute(uri: String(src), method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "image/svg+xml")
            #expect(response.text.hasPrefix("<svg"))
            let etag = try #require(response.headers[.eTag])
            let again = try await client.execute(uri: String(src), method: .get, headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified)
            let wrongName = try await client.execute(uri: String(src) + "x", method: .get)
            #expect(wrongName.status == .notFound)
        }
    }
}
