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

@Suite struct LinksAndMenusTests {
    static func id(_ database: any Database, _ query: SQLQueryString) async throws -> Int64 {
        try await database.read { sql in try await sql.raw(query).first()!.decode(column: "id", as: Int64.self) }
    }

    @Test(arguments: TestDatabases.engines)
    func aResourceIsFiledUnderTheTopicsRegionsAndLanguagesTicked(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            let topic = try await Self.id(database, "SELECT id FROM topics WHERE slug = 'road-safety'")
            let region = try await Self.id(database, "SELECT id FROM regions WHERE code = 'KE'")
            let body = ContentAdminTests.encode([
                ("_csrf", editor.csrf), ("title", "Crossings near clinics"), ("kind", "guidance"), ("summary", "Where to put them."),
                ("body", "Text."), ("published_on", "2026-11-01"), ("topics", String(topic)), ("regions", String(region)),
                ("languages", "en"), ("languages", "fr"), ("action", "publish"),
            ])
            #expect(try await client.execute(uri: "/admin/content/resources", method: .post, headers: editor.headers, body: body).status == .seeOther)
            let page = try await client.execute(uri: "/resources/crossings-near-clinics", method: .get).text
            #expect(page.contains("Mobility › Road safety"))
            #expect(page.contains("Kenya"))
            #expect(page.contains("English, Français"))
            let filtered = try await client.execute(uri: "/resources?topic=mobility&region=africa&language=fr", method: .get).text
            #expect(filtered.contains("Crossings near clinics"), "a subtopic counts under its parent, a country under its region")
            let edit = try await client.execute(uri: "/admin/content/resources", method: .get, headers: editor.headers).text
            let href = String(try #require(edit.firstMatch(of: /href="(\/admin\/content\/resources\/\d+)">Crossings near clinics/)?.1))
            let form = try await client.execute(uri: href, method: .get, headers: editor.headers).text
            #expect(form.contains(#"name="topics" value="\#(topic)" checked"#))
            #expect(form.contains(#"name="languages" value="fr" checked"#))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aFocalPointProposesAnEventThatTheirMemberPageListsOncePublished(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let focal = try await Browser.signIn(client, email: "focal%40c4c.test", database: database)
            #expect(try await client.execute(uri: "/admin/content/events", method: .post, headers: focal.headers,
                                             body: ContentAdminTests.webinar(focal, image: nil, action: "draft")).status == .seeOther)
            let (eventID, owner) = try await database.read { sql in
                let row = try await sql.raw("SELECT id, organisation_id FROM events WHERE slug = 'streets-that-teach'").first()!
                return (try row.decode(column: "id", as: Int64.self), try row.decode(column: "organisation_id", as: Int64?.self))
            }
            let organisation = try await Self.id(database, "SELECT organisation_id AS id FROM users WHERE email = 'focal@c4c.test'")
            #expect(owner == organisation)
            #expect(!(try await client.execute(uri: "/members/streets-alive-collective", method: .get).text.contains("Streets that teach")),
                    "a draft is not listed")
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            let form = try await client.execute(uri: "/admin/content/events/\(eventID)", method: .get, headers: editor.headers).text
            let fields = form.matches(of: /name="([a-z_]+)"[^>]*value="([^"]*)"/).map { (String($0.1), String($0.2)) }
            // A browser sends only the button pressed: not the form's row and search buttons.
            var pairs = fields.filter { !["_csrf", "action", "step"].contains($0.0) } + [("_csrf", editor.csrf), ("action", "publish")]
            // The organisation comes from the event itself, not from a speaker's affiliation.
            pairs.append(("speakers", "Ana Ruiz | Host | Independent"))
            pairs.append(("organisation_id", String(organisation)))
            pairs.append(("registration", "none"))
            pairs.append(("time_zone", "Africa/Nairobi"))
            pairs.append(("online", "on"))
            let published = try await client.execute(uri: "/admin/content/events/\(eventID)", method: .post, headers: editor.headers,
                                                     body: ContentAdminTests.encode(pairs))
            #expect(published.status == .seeOther)
            let slug = try await database.read { sql in
                try await sql.raw("SELECT slug FROM organisations WHERE id = \(bind: organisation)").first()!.decode(column: "slug", as: String.self)
            }
            let member = try await client.execute(uri: "/members/\(slug)", method: .get).text
            #expect(member.contains("Streets that teach"))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aFocalPointKeepsTheResourceTheyProposeWhateverBoxesTheyTick(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let focal = try await Browser.signIn(client, email: "focal%40c4c.test", database: database)
            let proposed = try await client.execute(uri: "/admin/content/resources", method: .post, headers: focal.headers,
                                                    body: ContentAdminTests.encode([("_csrf", focal.csrf), ("title", "Our route audit"),
                                                                                    ("kind", "case_study"), ("published_on", "2026-11-20"), ("action", "draft")]))
            #expect(proposed.status == .seeOther)
            let location = String(try #require(proposed.headers[.location]).split(separator: "?")[0])
            #expect(try await client.execute(uri: location, method: .get, headers: focal.headers).status == .ok)
            #expect(try await client.execute(uri: "/admin/content/resources", method: .get, headers: focal.headers).text.contains("Our route audit"))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func pagesPlacedInAMenuAppearInIt(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            let body = ContentAdminTests.encode([
                ("_csrf", editor.csrf), ("title", "Our principles"), ("summary", ""), ("body", "We put children first."),
                ("menu", "main"), ("menu_position", "5"), ("action", "publish"),
            ])
            #expect(try await client.execute(uri: "/admin/content/pages", method: .post, headers: editor.headers, body: body).status == .seeOther)
            let home = try await client.execute(uri: "/", method: .get).text
            #expect(home.contains(#"<li><a href="/our-principles">Our principles</a></li>"#))
            #expect(try await client.execute(uri: "/our-principles", method: .get).text.contains("We put children first."))
            #expect(home.contains(#"href="/privacy">Privacy policy</a>"#), "the footer menu holds the privacy policy")
        }
    }
}
