import C4CCore
import C4CStore
import C4CTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import SQLKit
import Testing

/// The partners' JSON API on the demo site: what it lists, how it pages, how it refuses, and what
/// its answers carry. Every body is also checked against `openapi.json` by Tests/browser/test_api.py.
@Suite struct PublicAPITests {
    static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    static func get(_ client: some TestClientProtocol, _ uri: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: headers)
    }

    /// Every item of a list, read `limit` at a time by following `next_cursor`.
    static func walk(_ client: some TestClientProtocol, _ path: String, limit: Int) async throws -> [String] {
        var slugs: [String] = []
        var cursor: String?
        for _ in 0..<500 {
            let separator = path.contains("?") ? "&" : "?"
            let uri = "\(path)\(separator)limit=\(limit)" + (cursor.map { "&cursor=\($0)" } ?? "")
            let response = try await get(client, uri)
            #expect(response.status == .ok, "\(uri)")
            let body = try json(response)
            let items = try #require(body["items"] as? [[String: Any]])
            #expect(items.count <= limit)
            slugs += items.compactMap { ($0["slug"] as? String) }
            cursor = body["next_cursor"] as? String
            if cursor == nil { return slugs }
            #expect(items.count == limit, "a page before the last is full")
        }
        Issue.record("\(path) never reached its last page")
        return slugs
    }

    @Test(arguments: TestDatabases.engines)
    func everyListReadInSmallPagesGivesTheSameItemsInTheSameOrderAsOnePage(engine: Engine) async throws {
        try await TestApp.run(engine) { client, _ in
            for path in ["/api/v1/resources", "/api/v1/resources?kind=report", "/api/v1/events", "/api/v1/events?when=past",
                         "/api/v1/vacancies", "/api/v1/posts", "/api/v1/members", "/api/v1/members?lang=fr"] {
                let whole = try await Self.walk(client, path, limit: 100)
                #expect(!whole.isEmpty, "\(path) lists nothing on the demo site")
                #expect(Set(whole).count == whole.count, "\(path) gives an item twice")
                for limit in [1, 2, 3] {
                    #expect(try await Self.walk(client, path, limit: limit) == whole, "\(path) in pages of \(limit)")
                }
            }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func theResourceListShowsWhatTheHubsFirstPageShowsUnderTheSameFilters(engine: Engine) async throws {
        try await TestApp.run(engine) { client, _ in
            for query in ["", "kind=report", "topic=mobility", "region=africa", "language=fr", "q=heat", "q=zzzznothing"] {
                let hub = try await Self.get(client, "/resources?\(query)").text
                let onHub = Set(hub.components(separatedBy: "href=\"/resources/").dropFirst().map { String($0.prefix { $0 != "\"" }) })
                    .subtracting(["feed.xml"])
                let api = try await Self.walk(client, "/api/v1/resources?\(query)", limit: 100)
                // Both list newest first; with words the hub ranks its page, so only a whole list compares.
                if query.hasPrefix("q=") {
                    if api.count <= 20 { #expect(Set(api) == onHub, "query \(query)") }
                } else {
                    #expect(Set(api.prefix(20)) == onHub, "query \(query)")
                }
            }
            #expect(try await Self.walk(client, "/api/v1/resources?q=zzzznothing", limit: 20).isEmpty)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func eachListedItemHasAPageInTheAPIWithTheSameSlugAndAnAddressOnTheSite(engine: Engine) async throws {
        try await TestApp.run(engine) { client, _ in
            for (list, sitePrefix) in [("resources", "/resources/"), ("events", "/events/"), ("vacancies", "/vacancies/"),
                                       ("posts", "/blog/"), ("members", "/members/")] {
                let first = try #require(try Self.json(try await Self.get(client, "/api/v1/\(list)?limit=1"))["items"] as? [[String: Any]])
                let slug = try #require(first.first?["slug"] as? String, "\(list) is empty")
                let one = try await Self.get(client, "/api/v1/\(list)/\(slug)")
                #expect(one.status == .ok, "\(list)/\(slug)")
                let item = try Self.json(one)
                #expect(item["slug"] as? String == slug)
                #expect(item["url"] as? String == "http://c4c.test\(sitePrefix)\(slug)")
                #expect(try await Self.get(client, "\(sitePrefix)\(slug)").status == .ok, "the item's page exists")
                let missing = try await Self.get(client, "/api/v1/\(list)/no-such-item")
                #expect(missing.status == .notFound)
                #expect(missing.headers[.contentType]?.hasPrefix("application/problem+json") == true)
                #expect(try Self.json(missing)["status"] as? Int == 404)
            }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aDraftIsNeitherListedNorServedUntilItIsPublished(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database in
            let slug = try #require(try Self.json(try await Self.get(client, "/api/v1/posts?limit=1"))["items"] as? [[String: Any]])
                .first?["slug"] as? String
            try await database.write { sql in
                try await sql.raw("UPDATE blog_posts SET status = 'draft' WHERE slug = \(bind: slug ?? "")").run()
                try await ContentVersionQueries.bump(sql)
            }
            #expect(try await Self.get(client, "/api/v1/posts/\(slug ?? "")").status == .notFound)
            #expect(!(try await Self.walk(client, "/api/v1/posts", limit: 100)).contains(slug ?? ""))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aCursorOrLimitTheAPIDidNotGiveIsRefusedWithAProblemThatNamesIt(engine: Engine) async throws {
        try await TestApp.run(engine) { client, _ in
            for uri in ["/api/v1/resources?cursor=nonsense", "/api/v1/posts?cursor=MQ", "/api/v1/members?cursor=%FF%FE",
                        "/api/v1/events?limit=0", "/api/v1/events?limit=101", "/api/v1/vacancies?limit=ten",
                        "/api/v1/events?when=tomorrow", "/api/v1/resources?lang=xx"] {
                let response = try await Self.get(client, uri)
                #expect(response.status == .badRequest, "\(uri)")
                #expect(response.headers[.contentType]?.hasPrefix("application/problem+json") == true, "\(uri)")
                #expect(try Self.json(response)["status"] as? Int == 400, "\(uri)")
            }
            let limit = try Self.json(try await Self.get(client, "/api/v1/events?limit=101"))
            #expect((limit["detail"] as? String)?.contains("limit") == true)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func answersCarryATagThatGivesNotModifiedAndMayBeReadFromAnyOrigin(engine: Engine) async throws {
        try await TestApp.run(engine) { client, _ in
            let first = try await Self.get(client, "/api/v1/resources?limit=5")
            #expect(first.headers[.accessControlAllowOrigin] == "*")
            #expect(first.headers[.cacheControl]?.contains("public") == true)
            #expect(first.headers[.contentType]?.hasPrefix("application/json") == true)
            let tag = try #require(first.headers[.eTag])
            let again = try await Self.get(client, "/api/v1/resources?limit=5", headers: [.ifNoneMatch: tag])
            #expect(again.status == .notModified)
            let other = try await Self.get(client, "/api/v1/resources?limit=6", headers: [.ifNoneMatch: tag])
            #expect(other.status == .ok)
            let preflight = try await client.execute(uri: "/api/v1/resources", method: .options, headers: [
                .origin: "https://member.example.org", .accessControlRequestMethod: "GET", .accessControlRequestHeaders: "if-none-match",
            ])
            #expect(preflight.status == .noContent)
            #expect(preflight.headers[.accessControlAllowOrigin] == "*")
            #expect(preflight.headers[.accessControlAllowHeaders]?.contains("If-None-Match") == true)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func anAddressPastItsLimitGetsTooManyRequestsEvenForAnAnswerKeptInMemory(engine: Engine) async throws {
        try await TestApp.run(engine, adjust: { $0.configuration.apiRequestsPerMinute = 3 }) { client, _ in
            for remaining in [2, 1, 0] {
                let response = try await Self.get(client, "/api/v1/members?limit=1")
                #expect(response.status == .ok)
                #expect(response.headers[HTTPField.Name("RateLimit-Remaining")!] == String(remaining))
            }
            let refused = try await Self.get(client, "/api/v1/members?limit=1")
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers[.retryAfter].flatMap(Int.init).map { (1...60).contains($0) } == true)
            #expect(refused.headers[.accessControlAllowOrigin] == "*")
            #expect(try Self.json(refused)["status"] as? Int == 429)
            #expect(try await Self.get(client, "/members").status == .ok, "the site's pages are not counted")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func textComesInTheLanguageAskedForAndItsPageAddressCarriesIt(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database in
            try await BackOfficeTests.makeUsers(database)
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            let slug = "what-we-learned-from-40-school-route-audits"
            let id = try await LinksAndMenusTests.id(database, "SELECT id FROM blog_posts WHERE slug = '\(slug)'")
            let body = ContentAdminTests.encode([
                ("_csrf", editor.csrf), ("lang", "fr"), ("translation_of", String(id)), ("title", "Ce que 40 audits nous ont appris"),
                ("summary", "Des bénévoles ont parcouru chaque trajet."), ("body", "Texte en français."),
                ("slug", slug), ("action", "publish"),
            ])
            #expect(try await client.execute(uri: "/admin/content/posts", method: .post, headers: editor.headers, body: body).status == .seeOther)
            let french = try Self.json(try await Self.get(client, "/api/v1/posts/\(slug)?lang=fr"))
            #expect(french["title"] as? String == "Ce que 40 audits nous ont appris")
            #expect(french["language"] as? String == "fr")
            #expect(french["url"] as? String == "http://c4c.test/fr/blog/\(slug)")
            let listed = try #require(try Self.json(try await Self.get(client, "/api/v1/posts?lang=fr&limit=100"))["items"] as? [[String: Any]])
            let entries = listed.filter { $0["slug"] as? String == slug }
            #expect(entries.count == 1, "the French list holds the post once")
            #expect(entries.first?["title"] as? String == "Ce que 40 audits nous ont appris")
            let english = try Self.json(try await Self.get(client, "/api/v1/posts/\(slug)"))
            #expect(english["language"] as? String == "en")
            #expect(english["title"] as? String != "Ce que 40 audits nous ont appris")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func theDocumentServedIsTheOneTheHandlersAreGeneratedFrom(engine: Engine) async throws {
        try await TestApp.run(engine) { client, _ in
            let served = try await Self.get(client, "/api/openapi.json")
            #expect(served.status == .ok)
            #expect(served.headers[.contentType] == "application/json")
            let source = try Data(contentsOf: TestApp.rootDirectory.appendingPathComponent("Sources/C4CAPI/openapi.json"))
            #expect(Data(buffer: served.body) == source)
            let document = try #require(JSONSerialization.jsonObject(with: source) as? [String: Any])
            #expect(document["openapi"] as? String == "3.1.0")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func theEmbedsListWhatTheAPIListsMayBeFramedAnywhereAndRunNoScript(engine: Engine) async throws {
        try await TestApp.run(engine) { client, _ in
            for (embed, list) in [("/embed/resources", "/api/v1/resources?limit=5"), ("/embed/events", "/api/v1/events?limit=5"),
                                  ("/fr/embed/resources?kind=report", "/api/v1/resources?kind=report&limit=5&lang=fr")] {
                let page = try await Self.get(client, embed)
                #expect(page.status == .ok, "\(embed)")
                let policy = try #require(page.headers[.contentSecurityPolicy])
                #expect(policy.contains("frame-ancestors *") && policy.contains("default-src 'none'") && !policy.contains("script-src"))
                #expect(page.headers[HTTPField.Name("X-Frame-Options")!] == nil, "\(embed) may be framed")
                #expect(!page.text.contains("<script"))
                let items = try #require(try Self.json(try await Self.get(client, list))["items"] as? [[String: Any]])
                #expect(!items.isEmpty)
                for item in items {
                    #expect(page.text.contains(#"href="\#(item["url"] as? String ?? "")" target="_blank" rel="noopener""#), "\(embed) links \(item["slug"] ?? "")")
                }
            }
            #expect(try await Self.get(client, "/fr/embed/resources").text.contains(#"<html lang="fr" dir="ltr">"#))
            #expect(try await Self.get(client, "/ar/embed/events").text.contains(#"<html lang="ar" dir="rtl">"#))
            #expect(try await Self.get(client, "/resources").headers[HTTPField.Name("X-Frame-Options")!] == "DENY", "the site itself is not framed")
        }
    }
}
