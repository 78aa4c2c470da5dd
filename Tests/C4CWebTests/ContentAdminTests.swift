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

@Suite struct ContentAdminTests {
    static func encode(_ pairs: [(String, String)]) -> ByteBuffer {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return ByteBuffer(string: pairs.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(separator: "&"))
    }

    static func imageID(_ database: any Database) async throws -> Int64 {
        try await database.read { sql in
            try await sql.raw("SELECT image_id FROM hero_slides ORDER BY position LIMIT 1").first()!.decode(column: "image_id", as: Int64.self)
        }
    }

    /// A webinar's form; `image` nil leaves out the cover, as a focal point's form (without the media library) does.
    static func webinar(_ browser: Browser, image: Int64?, action: String, publishAt: String = "", end: String = "2026-12-10T15:30") -> ByteBuffer {
        encode([
            ("_csrf", browser.csrf), ("title", "Streets that teach"), ("summary", "Learning on the way to school."),
            ("description", "A **webinar** on play streets."), ("series_id", ""), ("time_zone", "Africa/Nairobi"),
            ("starts_at", "2026-12-10T14:00"), ("ends_at", end), ("online", "on"), ("venue", ""), ("online_url", ""),
            ("registration", "none"), ("registration_url", ""), ("capacity", "")]
            + (image.map { [("cover_image_id", String($0))] } ?? []) + [
            ("recording_url", ""), ("captions_url", ""), ("transcript", ""),
            ("speakers", "Grace Mwangi | Organiser | Streets Alive Collective\nDiego Salazar | Youth council | Andes Youth Cities"),
            ("slug", ""), ("publish_at", publishAt), ("action", action),
        ])
    }

    /// The scenario editors care about: a webinar scheduled a minute ahead is not public before
    /// its time and is public after it, with no job to run in between.
    @Test(arguments: TestDatabases.engines)
    func aScheduledWebinarAppearsAtItsTimeAndNotBefore(engine: Engine) async throws {
        let clock = TestClock(TestDatabases.referenceNow)
        try await TestApp.run(engine, clock: clock.wallClock) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            let inAMinute = ContentType.localText(TestDatabases.referenceNow.epochSeconds + 60, zone: .gmt)
            let created = try await client.execute(uri: "/admin/content/events", method: .post, headers: editor.headers,
                                                   body: Self.webinar(editor, image: try await Self.imageID(database), action: "schedule", publishAt: inAMinute))
            #expect(created.status == .seeOther)
            let location = try #require(created.headers[.location])
            let form = try await client.execute(uri: location, method: .get, headers: editor.headers).text
            #expect(form.contains("Scheduled for"))
            #expect(form.contains(#"name="speakers.0.name" value="Grace Mwangi""#) && form.contains(#"name="speakers.0.role" value="Organiser""#))

            #expect(try await client.execute(uri: "/events/streets-that-teach", method: .get).status == .notFound)
            #expect(!(try await client.execute(uri: "/events", method: .get).text.contains("Streets that teach")))

            clock.advance(by: 61)
            let page = try await client.execute(uri: "/events/streets-that-teach", method: .get)
            #expect(page.status == .ok)
            #expect(page.text.contains("Grace Mwangi"))
            #expect(page.text.contains(#"<time datetime="2026-12-10T14:00:00+03:00""#))
            #expect(try await client.execute(uri: "/events", method: .get).text.contains("Streets that teach"))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aDraftCanBePreviewedThroughItsPublicPageByEditorsOnly(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            let created = try await client.execute(uri: "/admin/content/events", method: .post, headers: editor.headers,
                                                   body: Self.webinar(editor, image: try await Self.imageID(database), action: "draft"))
            let location = String(try #require(created.headers[.location]).split(separator: "?")[0])
            let preview = try await client.execute(uri: location + "/preview", method: .get, headers: editor.headers)
            #expect(preview.status == .ok)
            #expect(preview.text.contains("Preview: this is how the page will look."))
            #expect(preview.text.contains("Grace Mwangi"))
            #expect(preview.headers[.cacheControl] == "no-store")
            #expect(try await client.execute(uri: "/events/streets-that-teach", method: .get).status == .notFound, "still a draft")
            let anonymous = try await client.execute(uri: location + "/preview", method: .get)
            #expect(anonymous.headers[.location]?.hasPrefix("/admin/login") == true)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func anImageOfChildrenWithoutConsentCannotBePublished(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let image = try await Self.imageID(database)
            try await database.write { sql in
                try await sql.raw("UPDATE media SET shows_identifiable_children = TRUE, consent_on_file = FALSE WHERE id = \(bind: image)").run()
            }
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            let refused = try await client.execute(uri: "/admin/content/events", method: .post, headers: editor.headers,
                                                   body: Self.webinar(editor, image: image, action: "publish"))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("This image shows identifiable children and no consent is on file."))
            #expect(refused.text.contains(#"value="Streets that teach""#), "what was typed is kept")
            #expect(try await client.execute(uri: "/events/streets-that-teach", method: .get).status == .notFound)
            let draft = try await client.execute(uri: "/admin/content/events", method: .post, headers: editor.headers,
                                                 body: Self.webinar(editor, image: image, action: "draft"))
            #expect(draft.status == .seeOther, "a draft may use it while consent is being sought")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aFormWithMistakesSaysWhereAndKeepsEverything(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            let response = try await client.execute(uri: "/admin/content/events", method: .post, headers: editor.headers,
                                                    body: Self.webinar(editor, image: try await Self.imageID(database), action: "publish", end: "2026-12-10T13:00"))
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("The end is before the start."))
            #expect(response.text.contains(#"value="2026-12-10T13:00""#))
            #expect(response.text.contains(#"name="speakers.1.name" value="Diego Salazar""#)
                    && response.text.contains(#"name="speakers.1.organisation" value="Andes Youth Cities""#))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aFocalPointEditsOnlyTheirOwnOrganisationAndCannotPublish(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let (own, other) = try await database.read { sql in
                let rows = try await sql.raw("SELECT id FROM organisations ORDER BY id LIMIT 2").all()
                return (try rows[0].decode(column: "id", as: Int64.self), try rows[1].decode(column: "id", as: Int64.self))
            }
            let focal = try await Browser.signIn(client, email: "focal%40c4c.test", database: database)
            #expect(try await client.execute(uri: "/admin/content/members/\(own)", method: .get, headers: focal.headers).status == .ok)
            #expect(try await client.execute(uri: "/admin/content/members/\(other)", method: .get, headers: focal.headers).status == .forbidden)
            let forged = try await client.execute(uri: "/admin/content/members/\(other)", method: .post, headers: focal.headers,
                                                  body: Self.encode([("_csrf", focal.csrf), ("name", "Taken over"), ("kind", "ngo"), ("action", "draft")]))
            #expect(forged.status == .forbidden)
            let publish = try await client.execute(uri: "/admin/content/posts", method: .post, headers: focal.headers,
                                                   body: Self.encode([("_csrf", focal.csrf), ("title", "Our news"), ("body", "Text"), ("action", "publish")]))
            #expect(publish.status == .forbidden)
            let proposal = try await client.execute(uri: "/admin/content/posts", method: .post, headers: focal.headers,
                                                    body: Self.encode([("_csrf", focal.csrf), ("title", "Our news"), ("body", "Text"), ("action", "draft")]))
            #expect(proposal.status == .seeOther)
            #expect(try await client.execute(uri: "/blog/our-news", method: .get).status == .notFound, "a proposal waits for an editor")
            let list = try await client.execute(uri: "/admin/content/posts", method: .get, headers: focal.headers).text
            #expect(list.contains("Our news"))
            #expect(!list.contains("What we learned from 40 school-route audits"), "only their organisation's posts")
            let publishedOwn = try await database.write { sql in
                try await sql.raw("UPDATE blog_posts SET author_organisation_id = \(bind: own) WHERE slug = 'counting-the-uncounted'").run()
                return try await sql.raw("SELECT id FROM blog_posts WHERE slug = 'counting-the-uncounted'").first()!.decode(column: "id", as: Int64.self)
            }
            #expect(try await client.execute(uri: "/admin/content/posts/\(publishedOwn)", method: .get, headers: focal.headers).status == .forbidden,
                    "a published post is the editors' to change")
            #expect(try await client.execute(uri: "/admin/content/vacancies", method: .get, headers: focal.headers).status == .forbidden)
            #expect(try await client.execute(uri: "/admin/content/facts", method: .get, headers: focal.headers).status == .forbidden)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func deletingAPublishedItemLeavesA410OrARedirect(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            let (gone, moved) = try await database.read { sql in
                let rows = try await sql.raw("SELECT id FROM blog_posts WHERE lang = 'en' ORDER BY id LIMIT 2").all()
                return (try rows[0].decode(column: "id", as: Int64.self), try rows[1].decode(column: "id", as: Int64.self))
            }
            let goneSlug = "what-we-learned-from-40-school-route-audits"
            #expect(try await client.execute(uri: "/admin/content/posts/\(gone)/delete", method: .get, headers: editor.headers).status == .ok)
            #expect(try await client.execute(uri: "/admin/content/posts/\(gone)/delete", method: .post, headers: editor.headers,
                                             body: Self.encode([("_csrf", editor.csrf), ("redirect", "")])).status == .seeOther)
            #expect(try await client.execute(uri: "/blog/\(goneSlug)", method: .get).status == .gone)
            #expect(try await client.execute(uri: "/admin/content/posts/\(moved)/delete", method: .post, headers: editor.headers,
                                             body: Self.encode([("_csrf", editor.csrf), ("redirect", "/blog")])).status == .seeOther)
            let redirected = try await client.execute(uri: "/blog/ask-an-expert-how-slow-is-safe-near-a-school", method: .get)
            #expect(redirected.status == .movedPermanently)
            #expect(redirected.headers[.location] == "/blog")
            let audit = try await client.execute(uri: "/admin/audit", method: .get, headers: try await Browser.signIn(client, email: "admin%40c4c.test", database: database).headers).text
            #expect(audit.contains("delete"))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func everySaveKeepsARevisionThatCanBeReopened(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            let fields: (String) -> ByteBuffer = { title in
                Self.encode([("_csrf", editor.csrf), ("figure", "42%"), ("headline", title), ("source_name", "A survey"),
                             ("source_url", "https://example.org"), ("source_year", "2025"), ("slug", "survey-fact"), ("action", "draft")])
            }
            let created = try await client.execute(uri: "/admin/content/facts", method: .post, headers: editor.headers, body: fields("First wording"))
            let location = try #require(created.headers[.location]).split(separator: "?")[0]
            _ = try await client.execute(uri: String(location), method: .post, headers: editor.headers, body: fields("Second wording"))
            let revisions = try await client.execute(uri: "\(location)/revisions", method: .get, headers: editor.headers).text
            let links = revisions.matches(of: /href="(\/admin\/content\/facts\/\d+\/revisions\/\d+)"/).map { String($0.1) }
            #expect(links.count == 2)
            #expect(revisions.contains("Statement"), "the second save changed the statement")
            let first = try await client.execute(uri: try #require(links.last), method: .get, headers: editor.headers).text
            #expect(first.contains(#"value="First wording""#))
        }
    }
}

/// A clock tests can move forward.
final class TestClock: Sendable {
    private let now: Mutex<Date>

    init(_ start: Date) { now = Mutex(start) }

    func advance(by seconds: TimeInterval) { now.withLock { $0 = $0.addingTimeInterval(seconds) } }

    var wallClock: WallClock { WallClock { self.now.withLock { $0 } } }
}

import Synchronization
