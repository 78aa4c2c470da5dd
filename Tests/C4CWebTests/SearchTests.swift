@testable import C4CWeb
import C4CCore
import C4CStore
import C4CTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@Suite struct SearchTests {
    static let now = TestDatabases.referenceNow.epochSeconds

    /// Adds a published item straight to the database with its search document, as every write does.
    @discardableResult
    static func add(_ database: any Database, _ kind: SearchKind, slug: String, lang: String = "en", group: String? = nil,
                    _ fields: [(String, Inserter.Value)]) async throws -> Int64 {
        try await database.write { sql in
            var columns: [(String, Inserter.Value)] = [
                ("lang", lang), ("translation_group", group ?? "\(kind.table)/\(slug)"), ("slug", slug), ("status", "published"),
                ("publish_at", now - 86_400), ("created_at", now), ("updated_at", now),
            ]
            columns += fields
            let row = try await sql.insert(into: kind.table).columns(columns.map(\.0))
                .values(columns.map { $0.1.map { SQLBind($0) as any SQLExpression } ?? SQLLiteral.null }).returning("id").first()
            let id = try row!.decode(column: "id", as: Int64.self)
            try await SearchIndex.refresh(kind, ids: [id], in: sql)
            return id
        }
    }

    static func query(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed)!
    }

    /// A browser sends the search form's spaces as `+`: the page reads them as spaces, shows what
    /// was typed, and names it in the cache as the same search written with `%20`.
    @Test(arguments: TestDatabases.engines)
    func aSearchSentByTheFormReadsPlusAsASpaceAndAnEncodedPlusAsAPlus(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            let plus = try await client.execute(uri: "/search?q=bogota+school", method: .get)
            #expect(plus.text.contains("for “bogota school”"))
            #expect(plus.text.contains(#"value="bogota school""#))
            let spaced = try await client.execute(uri: "/search?q=bogota%20school", method: .get)
            #expect(spaced.headers[.xCache] == "hit", "one search, one cached page")
            let hub = try await client.execute(uri: "/resources?q=bogota+school&kind=case-study", method: .get)
            #expect(hub.text.contains(#"value="bogota school""#))
            let literal = try await client.execute(uri: "/search?q=C%2B%2B", method: .get)
            #expect(literal.text.contains("“C++”"))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func everyKindIsFoundGroupedWithTheWordsMarkedAndStoredMarkupEscaped(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await Self.add(database, .pages, slug: "lantern-page", [
                ("title", #"Streets <b>for</b> "kids" & lanterns"#), ("summary", "Lantern walks <script>alert(1)</script> at dusk."),
            ])
            try await Self.add(database, .resources, slug: "lantern-guide", [
                ("title", "Lantern guide"), ("kind", "guidance"), ("summary", "How to hold a walk."), ("published_on", "2025-01-01"),
            ])
            try await Self.add(database, .events, slug: "lantern-walk", [
                ("title", "Lantern walk"), ("starts_at", Self.now + 86_400), ("ends_at", Self.now + 90_000), ("time_zone", "UTC"),
            ])
            try await Self.add(database, .blog, slug: "lantern-notes", [("title", "Notes from the lantern walk"), ("body", "Text.")])
            try await Self.add(database, .vacancies, slug: "lantern-keeper", [
                ("title", "Lantern keeper"), ("kind", "volunteer"), ("deadline_at", Self.now + 86_400), ("deadline_zone", "UTC"),
            ])
            try await Self.add(database, .members, slug: "lantern-collective", [("name", "Lantern Collective"), ("kind", "network")])

            let response = try await client.execute(uri: "/search?q=LANTERN", method: .get)
            #expect(response.status == .ok)
            let page = response.text
            let order = ["/resources/lantern-guide", "/events/lantern-walk", "/blog/lantern-notes", "/vacancies/lantern-keeper",
                         "/members/lantern-collective", "/lantern-page"].map { page.range(of: "href=\"\($0)\"")?.lowerBound }
            #expect(order.allSatisfy { $0 != nil })
            #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted(), "grouped by kind, in the site's order")
            for heading in ["Resources", "Webinars and events", "Blog", "Vacancies", "Members", "Pages"] {
                #expect(page.contains("<h2>\(heading) <span class=\"count\">(1)</span></h2>"), "\(heading)")
            }
            #expect(page.contains("6 results for “LANTERN”"))
            #expect(page.contains("Streets &lt;b&gt;for&lt;/b&gt; &quot;kids&quot; &amp; <mark>lanterns</mark>"))
            #expect(page.contains("<mark>Lantern</mark> walks &lt;script&gt;alert(1)&lt;/script&gt; at dusk."))
            #expect(!page.contains("<script>alert(1)"))
            #expect(page.contains("<mark>Lantern</mark> Collective"))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aSearchRightAfterAnEditThroughTheBackOfficeFindsTheNewTextAndNotTheOld(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            func form(_ body: String) -> ByteBuffer {
                ContentAdminTests.encode([
                    ("_csrf", editor.csrf), ("title", "Quiet lanes"), ("summary", "Streets with few cars."), ("body", body),
                    ("menu", ""), ("menu_position", ""), ("slug", ""), ("publish_at", ""), ("action", "publish"),
                ])
            }
            func found(_ word: String) async throws -> Bool {
                try await client.execute(uri: "/search?q=\(word)", method: .get).text.contains(#"href="/quiet-lanes""#)
            }
            let created = try await client.execute(uri: "/admin/content/pages", method: .post, headers: editor.headers,
                                                   body: form("Hedgehogs cross here at night."))
            #expect(created.status == .seeOther)
            let item = String(try #require(created.headers[.location]).split(separator: "?")[0])
            #expect(try await found("hedgehog"))
            #expect(!(try await found("otters")))

            let edited = try await client.execute(uri: item, method: .post, headers: editor.headers, body: form("Otters cross here at dawn."))
            #expect(edited.status == .seeOther)
            #expect(try await found("otters"))
            #expect(!(try await found("hedgehog")), "the old text is no longer found")
            let passage = try await client.execute(uri: "/search?q=otter", method: .get).text
            #expect(passage.contains("<mark>Otters</mark> cross here at dawn."), "a passage from the body when the summary lacks the word")

            let deleted = try await client.execute(uri: item + "/delete", method: .post, headers: editor.headers,
                                                   body: ContentAdminTests.encode([("_csrf", editor.csrf), ("redirect", "")]))
            #expect(deleted.status == .seeOther)
            #expect(!(try await found("otters")), "a deleted item is not found")
            #expect(try await database.read { try await SearchIndex.differences($0) }.isEmpty)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func translationsAreFoundUnderTheirLanguageAndEnglishWhereNoneExists(engine: Engine) async throws {
        try await TestApp.run(engine) { client, _ async throws in
            let french = try await client.execute(uri: "/fr/search?q=PROPOS", method: .get).text
            #expect(french.contains(#"<h3><a href="/fr/about">À <mark>propos</mark> de l&#39;alliance</a></h3>"#))
            #expect(!(try await client.execute(uri: "/search?q=propos", method: .get).text.contains(#"<h3><a href="/about">"#)),
                    "the French words are not found in English")

            let about = try await client.execute(uri: "/fr/search?q=about", method: .get).text
            #expect(!about.contains("About the alliance"), "an item with a French version is shown in French only")

            let privacy = try await client.execute(uri: "/fr/search?q=privacy", method: .get).text
            #expect(privacy.contains(#"<h3 lang="en" dir="ltr"><a href="/fr/privacy"><mark>Privacy</mark> policy</a></h3>"#),
                    "an English item without a translation says its language")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func closedVacanciesAndPastEventsAreLabelledAndRankedBelowCurrentOnes(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await Self.add(database, .vacancies, slug: "closed-kite", [
                ("title", "Kite festival coordinator"), ("kind", "job"), ("deadline_at", Self.now - 60), ("deadline_zone", "UTC"),
            ])
            try await Self.add(database, .vacancies, slug: "open-kite", [
                ("title", "Festival assistant"), ("kind", "job"), ("body", "Helps with the kite festival."),
                ("deadline_at", Self.now + 86_400), ("deadline_zone", "UTC"),
            ])
            try await Self.add(database, .events, slug: "past-kite", [
                ("title", "Kite day"), ("starts_at", Self.now - 7_200), ("ends_at", Self.now - 3_600), ("time_zone", "UTC"),
            ])
            try await Self.add(database, .events, slug: "next-kite", [
                ("title", "Spring gathering"), ("description", "With kites."), ("starts_at", Self.now + 3_600), ("ends_at", Self.now + 7_200),
                ("time_zone", "UTC"),
            ])
            let page = try await client.execute(uri: "/search?q=kite", method: .get).text
            func position(_ href: String) throws -> String.Index { try #require(page.range(of: #"href="\#(href)""#)).lowerBound }
            #expect(try position("/vacancies/open-kite") < position("/vacancies/closed-kite"), "open first, though only its body matches")
            #expect(try position("/events/next-kite") < position("/events/past-kite"))
            #expect(page.contains(#"<p class="eyebrow">Closed</p>"#))
            #expect(page.contains(#"<p class="eyebrow">Past event</p>"#))
            #expect(page.components(separatedBy: #"<p class="eyebrow">"#).count == 3, "only the closed vacancy and the past event are labelled")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func eachKindShowsItsBestFewAndLinksToTheRest(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            for number in 1...7 {
                try await Self.add(database, .resources, slug: "marble-\(number)", [
                    ("title", "Marble game \(number)"), ("kind", "toolkit"), ("published_on", "2025-01-0\(number)"),
                ])
                try await Self.add(database, .blog, slug: "marble-post-\(number)", [("title", "Marble post \(number)"), ("body", "Text.")])
            }
            let page = try await client.execute(uri: "/search?q=marble", method: .get).text
            #expect(page.components(separatedBy: #"href="/resources/marble-"#).count == 6, "five of seven")
            #expect(page.contains(#"<a href="/resources?q=marble">See all 7 results in Resources</a>"#), "resources continue in the hub")
            #expect(page.contains(#"<a href="/search?q=marble&amp;kind=blog">See all 7 results in Blog</a>"#))
            let blog = try await client.execute(uri: "/search?q=marble&kind=blog", method: .get).text
            #expect(blog.components(separatedBy: #"href="/blog/marble-post-"#).count == 8)
            #expect(!blog.contains(#"href="/resources/marble-"#))
            #expect(blog.contains(#"<input type="hidden" name="kind" value="blog">"#), "a new search keeps to the kind")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func theHubSearchesTheSameIndexWithItsFacets(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await Self.add(database, .resources, slug: "quibdo-toolkit", [
                ("title", "Play streets in Quibdó"), ("kind", "toolkit"), ("summary", "Closing streets for play."), ("published_on", "2025-02-01"),
            ])
            try await Self.add(database, .resources, slug: "quibdo-report", [
                ("title", "Transport report"), ("kind", "report"), ("summary", "Buses in quibdo and Quito."), ("published_on", "2025-03-01"),
            ])
            let all = try await client.execute(uri: "/resources?q=quibdo", method: .get)
            #expect(all.headers[.xRobotsTag] == "noindex")
            #expect(all.text.contains("2 resources"))
            #expect(all.text.contains("Play streets in <mark>Quibdó</mark>"))
            #expect(all.text.contains("Buses in <mark>quibdo</mark> and Quito."))
            let narrowed = try await client.execute(uri: "/resources?q=quibdo&kind=toolkit", method: .get).text
            #expect(narrowed.contains("1 resource"))
            #expect(!narrowed.contains("Transport report"))
            #expect(narrowed.contains(#"href="/resources?q=quibdo&amp;kind=report"><bdi>Report</bdi> <span class="count">(1)</span>"#),
                    "the kind counts keep the words")
            #expect(try await client.execute(uri: "/resources", method: .get).headers[.xRobotsTag] == nil)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func searchPagesAreNoindexAndOutOfTheSitemap(engine: Engine) async throws {
        try await TestApp.run(engine) { client, _ async throws in
            for address in ["/search", "/search?q=child", "/fr/search?q=enfant", "/resources?q=child"] {
                let response = try await client.execute(uri: address, method: .get)
                #expect(response.status == .ok)
                #expect(response.headers[.xRobotsTag] == "noindex", "\(address)")
            }
            let sitemap = try await client.execute(uri: "/sitemap.xml", method: .get).text
            #expect(!sitemap.contains("/search"))
            #expect(sitemap.contains("/resources"))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func hostileQueryStringsAnswerAPage(engine: Engine) async throws {
        try await TestApp.run(engine) { client, _ async throws in
            let queries = ["\"", "'", "\"unclosed", "a AND", "OR", "NOT", "NEAR(a b)", "-", "-child", "*", "chi*", ":", "title:x",
                           "&|!()", "a & !b", "x:*", "'x':*", "\\", "%", "_", "'; DROP TABLE pages; --", "🙂", "مدينة",
                           String(repeating: "ab", count: 150), "<script>alert(1)</script>"]
            for text in queries {
                for address in ["/search?q=", "/fr/search?kind=events&page=3&q=", "/resources?kind=report&q="] {
                    let response = try await client.execute(uri: address + Self.query(text), method: .get)
                    #expect(response.status == .ok, "\(address)\(text)")
                    #expect(!response.text.contains("<script>alert(1)"))
                }
            }
            let nothing = try await client.execute(uri: "/search?q=%26%7C%21", method: .get).text
            #expect(nothing.contains("Nothing matches “&amp;|!”."))
        }
    }
}
