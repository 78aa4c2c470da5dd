import C4CCore
import C4CStore
import C4CTestSupport
import Foundation
import HummingbirdTesting
import SQLKit
import Testing

/// English shown on another language's page is fallback content: every block of it says
/// `lang="en"` and `dir="ltr"`, on lists, cards, the home page, key facts and settings as on
/// item pages, while the interface around it keeps the page's language. Names of topics,
/// regions, countries and zones come in the page's language.
@Suite struct FallbackLanguageTests {
    static let english = #" lang="en" dir="ltr""#

    static func get(_ client: some TestClientProtocol, _ uri: String) async throws -> String {
        let response = try await client.execute(uri: uri, method: .get)
        #expect(response.status == .ok, "\(uri)")
        return response.text
    }

    @Test(arguments: TestDatabases.engines)
    func listsAndCardsLabelEnglishItemsAndLeaveTranslatedOnesInThePagesLanguage(engine: Engine) async throws {
        try await TestApp.run(engine) { client, _ async throws in
            let hub = try await Self.get(client, "/ar/resources")
            #expect(hub.contains(#"<h2 class="h3" lang="en" dir="ltr"><a href="/ar/resources/heat-shade-and-schoolyards">"#),
                    "an English resource in the Arabic hub says its language and direction")
            #expect(hub.contains(#"<h2 class="h3"><a href="/ar/resources/shawari-lil-atfal-al-sighar">شوارع للأطفال الصغار</a></h2>"#),
                    "the Arabic translation needs no label")
            #expect(hub.contains(#"<main id="main" tabindex="-1">"#), "the page's own text is not called English")

            let events = try await Self.get(client, "/fr/events")
            #expect(events.contains(#"<h2 class="h3" lang="en" dir="ltr"><a href="/fr/events/"#))
            for path in ["/fr/vacancies", "/fr/blog", "/es/members", "/pt/search?q=school"] {
                #expect(try await Self.get(client, path).contains(Self.english), "\(path) labels its English entries")
            }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func theHomePageLabelsEnglishCardsAndShowsTranslatedFactsAndTagline(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            // Removed before the first page: pages read settings once for each content version.
            try await database.write { sql in
                try await sql.raw("DELETE FROM settings WHERE key IN ('tagline.pt', 'one_liner.pt')").run()
            }
            let home = try await Self.get(client, "/fr/")
            #expect(home.contains(#"<p class="slide-fact"><strong class="figure">68 %</strong>"#), "the French fact, unlabelled")
            #expect(home.contains("Placer les droits de l&#39;enfant au cœur"), "the French tagline")
            #expect(home.contains(#"<h3 lang="en" dir="ltr"><a href="/fr/resources/"#), "an English spotlight card is labelled")

            // A language whose tagline nobody wrote shows the English one, labelled.
            let portuguese = try await Self.get(client, "/pt/")
            #expect(portuguese.contains(#"<p lang="en" dir="ltr">Putting child rights at the heart of how cities are planned and run</p>"#))
            #expect(portuguese.contains(#"<span lang="en" dir="ltr">An alliance of 25+ organisations"#))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func factsTopicsCountriesAndZonesAreNamedInThePagesLanguage(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            let facts = try await Self.get(client, "/ar/facts")
            #expect(facts.contains("من سكان العالم يُتوقَّع أن يعيشوا في المناطق الحضرية"), "the Arabic key fact")
            #expect(!facts.contains("of the world&#39;s people are projected"), "not the English one beside it")

            let hub = try await Self.get(client, "/fr/resources")
            #expect(hub.contains("Mobilité"), "the topic facet names topics in French")
            #expect(!hub.contains(">Mobility<"))
            let arabicHub = try await Self.get(client, "/ar/resources")
            #expect(arabicHub.contains("كينيا"), "Kenya in Arabic, from the Unicode country names")
            #expect(arabicHub.contains("أفريقيا"), "Africa in Arabic, from the catalog")

            let members = try await Self.get(client, "/es/members")
            #expect(members.contains("Kenia"), "a member's country in Spanish")

            let event = try await Self.get(client, "/fr/events/cooling-cities-for-children")
            #expect(event.contains(#"<span class="zone">heure normale du Bangladesh (UTC+6)</span>"#), "Dhaka's zone named in French")
            #expect(!event.contains(#"<span class="zone">Dhaka"#))

            // An editor names a topic in Portuguese; the hub shows it at once, and without it, the English name.
            try await BackOfficeTests.makeUsers(database)
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            let id = try await LinksAndMenusTests.id(database, "SELECT id FROM topics WHERE slug = 'early-childhood'")
            func rename(_ portuguese: String) async throws {
                let response = try await client.execute(uri: "/admin/topics/\(id)", method: .post, headers: editor.headers, body: ContentAdminTests.encode([
                    ("_csrf", editor.csrf), ("name", "Early childhood"), ("name.pt", portuguese), ("name.fr", "Petite enfance"),
                ]))
                #expect(response.status == .seeOther)
            }
            try await rename("Primeiríssima infância")
            #expect(try await Self.get(client, "/pt/resources").contains("Primeiríssima infância"))
            try await rename("")
            let removed = try await Self.get(client, "/pt/resources")
            #expect(!removed.contains("Primeiríssima infância") && removed.contains("Early childhood"),
                    "with its Portuguese name removed, the English one shows")
        }
    }
}
