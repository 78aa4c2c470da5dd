@testable import C4CWeb
import C4CCore
@testable import C4CStore
import C4CTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import SQLKit
import Testing

/// A translation has its own slug: each language's page answers at its own address, a sibling's
/// slug redirects there, every version names the others (and itself) as hreflang alternates, the
/// sitemap names the same, and the switcher leads to each translation's own address. The demo
/// site translates these items into French and Arabic (`DemoTranslations`).
@Suite struct TranslatedAddressesTests {
    static let site = "http://c4c.test"

    /// Section and English slug of every translated demo item; the about page shares one slug.
    static let translatedItems: [(section: String, slug: String, languages: Set<String>)] = [
        ("/resources", "walking-to-school-in-nairobi-a-route-audit-method", ["en", "fr", "ar"]),
        ("/resources", "streets-for-toddlers", ["en", "fr", "ar"]),
        ("/events", "play-in-times-of-crisis", ["en", "fr", "ar"]),
        ("/blog", "five-cities-one-question-where-do-children-play", ["en", "fr", "ar"]),
        ("", "about", ["en", "fr"]),
    ]

    /// The head's alternates: hreflang → absolute address.
    static func alternates(_ html: String) -> [String: String] {
        var found: [String: String] = [:]
        for match in html.matches(of: /<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">/) {
            #expect(found[String(match.1)] == nil, "hreflang \(match.1) named twice")
            found[String(match.1)] = String(match.2)
        }
        return found
    }

    /// Where the footer's switcher leads for each language.
    static func switcher(_ html: String) -> [String: String] {
        Dictionary(html.matches(of: /<a href="([^"]+)" lang="([a-z]+)" hreflang="[a-z]+"/).map { (String($0.2), String($0.1)) },
                   uniquingKeysWith: { first, _ in first })
    }

    static func get(_ client: some TestClientProtocol, _ path: String) async throws -> TestResponse {
        try await client.execute(uri: path, method: .get)
    }

    @Test(arguments: TestDatabases.engines)
    func everyVersionOfATranslatedItemNamesTheSameAlternatesBothWays(engine: Engine) async throws {
        try await TestApp.run(engine) { client, _ in
            for item in Self.translatedItems {
                // Every language's address of the item, reached from the English slug by at most one redirect.
                var pages: [String: (lang: String, alternates: [String: String], switcher: [String: String])] = [:]
                for language in Language.allCases {
                    var path = PageAddress.href("\(item.section)/\(item.slug)", language)
                    var response = try await Self.get(client, path)
                    if response.status == .movedPermanently {
                        path = try #require(response.headers[.location])
                        response = try await Self.get(client, path)
                    }
                    #expect(response.status == .ok, "\(path)")
                    let lang = try #require(response.text.firstMatch(of: /<html lang="([a-z]+)"/)?.1, "\(path)")
                    pages[Self.site + path] = (String(lang), Self.alternates(response.text), Self.switcher(response.text))
                }
                let versions = pages.filter { item.languages.contains($0.value.lang) }
                #expect(Set(versions.values.map(\.lang)) == item.languages, "\(item.slug): one page per translated language")
                for (url, page) in versions {
                    #expect(Set(page.alternates.keys) == item.languages.union(["x-default"]), "\(url)")
                    #expect(page.alternates[page.lang] == url, "\(url) names itself")
                    #expect(page.alternates["x-default"] == Self.site + "\(item.section)/\(item.slug)", "\(url): x-default is the English address")
                    for (hreflang, other) in page.alternates where hreflang != "x-default" {
                        // If A names B, B names A — and the very same set.
                        let named = try #require(pages[other], "\(url) names \(other), which no language reached")
                        #expect(named.alternates == page.alternates, "\(other) and \(url) disagree")
                        #expect(named.lang == hreflang)
                    }
                    for language in Language.allCases {
                        let expected = page.alternates[language.rawValue]
                            ?? Self.site + PageAddress.href("\(item.section)/\(item.slug)", language)
                        #expect(page.switcher[language.rawValue].map { Self.site + $0 } == expected, "\(url): switcher to \(language)")
                    }
                }
                // Languages without a translation read the English row with a notice, and announce no alternates.
                for (url, page) in pages where !item.languages.contains(page.lang) {
                    #expect(page.alternates.isEmpty, "\(url) falls back and names no alternates")
                }
            }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aTranslationAnswersAtItsOwnSlugAndEverySiblingSlugRedirectsThere(engine: Engine) async throws {
        try await TestApp.run(engine) { client, _ in
            let french = try await Self.get(client, "/fr/resources/des-rues-pour-les-tout-petits")
            #expect(french.status == .ok)
            #expect(french.text.contains("Des rues pour les tout-petits"))
            #expect(!french.text.contains("Cette page n&#39;est pas encore traduite"))
            let arabic = try await Self.get(client, "/ar/resources/shawari-lil-atfal-al-sighar")
            #expect(arabic.text.contains("شوارع للأطفال الصغار"))
            let moves: [(from: String, to: String)] = [
                ("/fr/resources/streets-for-toddlers", "/fr/resources/des-rues-pour-les-tout-petits"),
                ("/fr/resources/shawari-lil-atfal-al-sighar", "/fr/resources/des-rues-pour-les-tout-petits"),
                ("/ar/resources/des-rues-pour-les-tout-petits", "/ar/resources/shawari-lil-atfal-al-sighar"),
                ("/resources/des-rues-pour-les-tout-petits", "/resources/streets-for-toddlers"),
                // No Spanish row: the Spanish reader gets the English one under /es/.
                ("/es/resources/des-rues-pour-les-tout-petits", "/es/resources/streets-for-toddlers"),
                ("/fr/events/play-in-times-of-crisis", "/fr/events/le-jeu-en-temps-de-crise"),
                ("/events/al-laab-fi-awqat-al-azamat", "/events/play-in-times-of-crisis"),
                ("/ar/blog/five-cities-one-question-where-do-children-play", "/ar/blog/khams-mudun-wa-sual-wahid-ayna-yalab-al-atfal"),
                ("/blog/cinq-villes-une-question-ou-jouent-les-enfants", "/blog/five-cities-one-question-where-do-children-play"),
            ]
            for move in moves {
                let response = try await Self.get(client, move.from)
                #expect(response.status == .movedPermanently, "\(move.from)")
                #expect(response.headers[.location] == move.to, "\(move.from)")
            }
            let spanish = try await Self.get(client, "/es/resources/streets-for-toddlers")
            #expect(spanish.status == .ok)
            #expect(spanish.text.contains(#"<h1 lang="en" dir="ltr">"#), "the English row, labelled, as before")
            // Addresses without a language reach a translation's own slug too.
            #expect(try await Self.get(client, "/events/le-jeu-en-temps-de-crise.ics").text.contains("SUMMARY:Le jeu en temps de crise"))
            #expect(try await Self.get(client, "/resources/des-rues-pour-les-tout-petits/cite.ris").text.contains("Des rues pour les tout-petits"))
            #expect(try await Self.get(client, "/fr/resources/no-such-slug").status == .notFound)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func withoutAnEnglishRowTheOriginalIsTheDefaultAndTheEnglishAddressLeadsToIt(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database in
            try await database.write { sql in
                try await sql.raw("UPDATE resources SET status = 'draft' WHERE slug = 'streets-for-toddlers'").run()
                try await ContentVersionQueries.bump(sql)
            }
            // An unpublished row's slug leads nowhere: it would tell that the draft exists.
            #expect(try await Self.get(client, "/resources/streets-for-toddlers").status == .notFound)
            for from in ["/resources/des-rues-pour-les-tout-petits", "/es/resources/shawari-lil-atfal-al-sighar"] {
                let response = try await Self.get(client, from)
                #expect(response.status == .movedPermanently, "\(from)")
                #expect(response.headers[.location] == "/fr/resources/des-rues-pour-les-tout-petits", "\(from): to the original")
            }
            let french = try await Self.get(client, "/fr/resources/des-rues-pour-les-tout-petits").text
            #expect(Self.alternates(french) == [
                "fr": Self.site + "/fr/resources/des-rues-pour-les-tout-petits", "ar": Self.site + "/ar/resources/shawari-lil-atfal-al-sighar",
                "x-default": Self.site + "/fr/resources/des-rues-pour-les-tout-petits",
            ])
        }
    }

    @Test(arguments: TestDatabases.engines)
    func theSitemapNamesEachAddressesAlternatesAsItsPageDoes(engine: Engine) async throws {
        try await TestApp.run(engine) { client, _ in
            let xml = try await Self.get(client, "/sitemap.xml").text
            var listed: [String: [String: String]] = [:]
            for url in xml.components(separatedBy: "<url>").dropFirst() {
                let location = String(try #require(url.firstMatch(of: /<loc>([^<]+)<\/loc>/)?.1))
                listed[location] = Dictionary(url.matches(of: /<xhtml:link rel="alternate" hreflang="([^"]+)" href="([^"]+)"\/>/)
                    .map { (String($0.1), String($0.2)) }, uniquingKeysWith: { first, _ in first })
            }
            for (location, alternates) in listed {
                #expect(alternates.contains { $0.key != "x-default" && $0.value == location }, "\(location) names itself")
                for (hreflang, other) in alternates where hreflang != "x-default" {
                    #expect(listed[other] == alternates, "\(location) names \(other), which lists other alternates or is missing")
                }
            }
            #expect(listed[Self.site + "/fr/resources"]?.count == 6, "a section names all five languages and x-default")
            for item in Self.translatedItems {
                for language in item.languages {
                    let asked = PageAddress.href("\(item.section)/\(item.slug)", try #require(Language(rawValue: language)))
                    let page = try await Self.get(client, asked)
                    let path = page.status == .movedPermanently ? try #require(page.headers[.location]) : asked
                    let head = Self.alternates(try await Self.get(client, path).text)
                    #expect(listed[Self.site + path] == head, "\(path): sitemap and head agree")
                }
            }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aPortugueseRegistrantsMailIsInPortugueseWithPortugueseLinks(engine: Engine) async throws {
        let catalog = try TextCatalog.load(from: TestApp.rootDirectory.appendingPathComponent("Resources/Catalog"))
        try await TestApp.run(engine) { client, database in
            try await RegistrationTests.event(database)
            let response = try await RegistrationTests.register(client, "Amina", path: "/pt/events/city-walks-webinar/register")
            #expect(response.status == .ok)
            let mail = try #require(try await MailQueries(database: database).all().first)
            #expect(mail.subject == catalog.text("mail_registration_registered_subject", .pt, ["title": "City walks with children"]))
            let greeting = try #require(catalog.text("mail_registration_registered_body", .pt, ["name": "Amina"]).split(separator: "\n").first)
            #expect(mail.bodyText.hasPrefix(String(greeting)))
            let start = ZonedTime(instant: Date(epochSeconds: RegistrationTests.start), zone: TimeZone(identifier: "Africa/Nairobi")!)
            #expect(mail.bodyText.contains(start.dateText(language: .pt)), "the date as Portuguese readers write it")
            let links = mail.bodyText.matches(of: /http:\/\/c4c\.test(\/[^\s]*)/).map { String($0.1) }
            #expect(links.contains("/pt/events/city-walks-webinar"))
            #expect(links.contains { $0.hasPrefix("/pt/events/registration/") }, "the cancel link")
            #expect(links.allSatisfy { $0.hasPrefix("/pt/") }, "\(links)")
        }
    }
}
