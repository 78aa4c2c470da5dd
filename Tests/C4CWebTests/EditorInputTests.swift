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

/// An editor's mistakes come back as a message beside the field, with everything typed kept:
/// never a 500, never a value quietly changed.
@Suite struct EditorInputTests {
    static func form(_ browser: Browser, _ fields: [(String, String)], _ changes: [(String, String)]) -> ByteBuffer {
        var pairs = [("_csrf", browser.csrf)] + fields
        for (name, value) in changes {
            if let index = pairs.firstIndex(where: { $0.0 == name }) { pairs[index].1 = value } else { pairs.append((name, value)) }
        }
        return ContentAdminTests.encode(pairs)
    }

    static func event(_ browser: Browser, _ changes: [(String, String)] = []) -> ByteBuffer {
        form(browser, [("title", "Night walk in Paris"), ("time_zone", "Europe/Paris"), ("starts_at", "2026-12-10T14:00"),
                       ("ends_at", "2026-12-10T16:00"), ("registration", "none"), ("slug", ""), ("action", "draft")], changes)
    }

    static func count(_ database: any Database, _ table: String) async throws -> Int {
        try await database.read { sql in try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()!.decode(column: "n", as: Int.self) }
    }

    static func epoch(_ iso: String) throws -> Int64 { try Date(iso, strategy: .iso8601).epochSeconds }

    static func eventTimes(_ database: any Database, _ location: String) async throws -> (starts: Int64, featured: Int64?, publish: Int64?) {
        let match = try #require(location.firstMatch(of: /events\/(\d+)/))
        let id = try #require(Int64(match.1))
        return try await database.read { sql in
            let row = try await sql.raw("SELECT starts_at, featured_until, publish_at FROM events WHERE id = \(bind: id)").first()!
            return (try row.decode(column: "starts_at", as: Int64.self), try row.decode(column: "featured_until", as: Int64?.self),
                    try row.decode(column: "publish_at", as: Int64?.self))
        }
    }

    static func setSiteZone(_ client: some TestClientProtocol, _ database: any Database, _ zone: String) async throws -> TestResponse {
        let admin = try await Browser.signIn(client, email: "admin%40c4c.test", database: database)
        return try await client.execute(uri: "/admin/settings", method: .post, headers: admin.headers,
                                        body: form(admin, [("siteName", "Cities4Children"), ("timeZone", zone)], []))
    }

    @Test(arguments: TestDatabases.engines)
    func anEventAtHalfPastTwoOnTheOctoberChangeAsksWhichOneAndKeepsTheChoice(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            let before = try await Self.count(database, "events")
            let repeated: [(String, String)] = [("starts_at", "2026-10-25T02:30"), ("ends_at", "2026-10-25T04:00")]
            let asked = try await client.execute(uri: "/admin/content/events", method: .post, headers: editor.headers,
                                                 body: Self.event(editor, repeated))
            #expect(asked.status == .unprocessableContent)
            #expect(asked.text.contains("The clocks go back at this time, so it happens twice. Choose which one you mean."))
            #expect(asked.text.contains(#"<label for="f-starts_at_offset">Which 02:30?</label>"#))
            #expect(asked.text.contains(#"<option value="" selected>—</option><option value="7200">02:30 UTC+02:00 (summer time, first)</option><option value="3600">02:30 UTC+01:00 (winter time, second)</option>"#))
            #expect(asked.text.contains(#"value="2026-10-25T02:30""#), "what was typed is kept")
            #expect(!asked.text.contains("f-ends_at_offset"), "04:00 happens once")
            #expect(try await Self.count(database, "events") == before)

            let saved = try await client.execute(uri: "/admin/content/events", method: .post, headers: editor.headers,
                                                 body: Self.event(editor, repeated + [("starts_at_offset", "3600")]))
            #expect(saved.status == .seeOther)
            let location = String(try #require(saved.headers[.location]).split(separator: "?")[0])
            #expect(try await Self.eventTimes(database, location).starts == Self.epoch("2026-10-25T01:30:00Z"))

            let reopened = try await client.execute(uri: location, method: .get, headers: editor.headers).text
            #expect(reopened.contains(#"<option value="3600" selected>02:30 UTC+01:00 (winter time, second)</option>"#),
                    "the form shows which 02:30 is stored")
            #expect(reopened.contains(#"<select id="f-starts_at_offset" name="starts_at_offset"><option value="7200">"#),
                    "no empty choice once one is stored")
            let again = try await client.execute(uri: location, method: .post, headers: editor.headers,
                                                 body: Self.event(editor, repeated + [("starts_at_offset", "7200")]))
            #expect(again.status == .seeOther)
            #expect(try await Self.eventTimes(database, location).starts == Self.epoch("2026-10-25T00:30:00Z"))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aTimeTheSpringChangeSkipsAndTheThirtyFirstOfFebruaryAreRefusedBesideTheirFields(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            let skipped = try await client.execute(uri: "/admin/content/events", method: .post, headers: editor.headers,
                                                   body: Self.event(editor, [("starts_at", "2026-03-29T02:30"), ("ends_at", "2026-03-29T04:00")]))
            #expect(skipped.status == .unprocessableContent)
            #expect(skipped.text.contains("This time does not exist here: the clocks go forward past it."))
            #expect(skipped.text.contains(#"value="2026-03-29T02:30""#))
            let february = try await client.execute(uri: "/admin/content/events", method: .post, headers: editor.headers,
                                                    body: Self.event(editor, [("starts_at", "2026-02-31T10:00"), ("ends_at", "2026-03-03T10:00")]))
            #expect(february.status == .unprocessableContent)
            #expect(february.text.contains("Enter a date and time that exists, such as 2026-12-08 14:00."))
            #expect(february.text.contains(#"value="2026-02-31T10:00""#))
            let resource = try await client.execute(uri: "/admin/content/resources", method: .post, headers: editor.headers,
                                                    body: Self.form(editor, [("title", "Audit notes"), ("kind", "report"),
                                                                             ("published_on", "2026-02-31"), ("action", "draft")], []))
            #expect(resource.status == .unprocessableContent)
            #expect(resource.text.contains("Enter a date that exists, as YYYY-MM-DD."))
            #expect(try await client.execute(uri: "/admin/content/events", method: .get, headers: editor.headers).text.contains("Night walk") == false)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func scheduleAndFeaturedUntilAreEnteredAndShownInTheSitesZone(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let refused = try await Self.setSiteZone(client, database, "Mars/Olympus_Mons")
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("Choose a time zone."))
            #expect(try await Self.setSiteZone(client, database, "Europe/Paris").status == .seeOther)
            let admin = try await Browser.signIn(client, email: "admin%40c4c.test", database: database)
            #expect(try await client.execute(uri: "/admin/settings", method: .get, headers: admin.headers).text
                .contains(#"<option value="Europe/Paris" selected>Europe/Paris</option>"#))

            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            let blank = try await client.execute(uri: "/admin/content/events/new", method: .get, headers: editor.headers).text
            #expect(blank.contains(#"<span class="hint zone" id="zone-featured_until">In Europe/Paris, the site&#39;s time zone</span>"#))
            #expect(blank.contains(#"<span class="hint zone" id="zone-publish_at">In Europe/Paris"#))
            #expect(!blank.contains("(UTC)"), "no label claims UTC any more")
            let saved = try await client.execute(uri: "/admin/content/events", method: .post, headers: editor.headers,
                                                 body: Self.event(editor, [("featured_until", "2026-12-10T14:00"),
                                                                           ("publish_at", "2026-12-01T09:00"), ("action", "schedule")]))
            #expect(saved.status == .seeOther)
            let location = String(try #require(saved.headers[.location]).split(separator: "?")[0])
            let times = try await Self.eventTimes(database, location)
            #expect(times.featured == (try Self.epoch("2026-12-10T13:00:00Z")), "stored as UTC")
            #expect(times.publish == (try Self.epoch("2026-12-01T08:00:00Z")), "stored as UTC")
            let reopened = try await client.execute(uri: location, method: .get, headers: editor.headers).text
            #expect(reopened.contains(#"name="featured_until" type="datetime-local" value="2026-12-10T14:00""#))
            #expect(reopened.contains(#"name="publish_at" type="datetime-local" value="2026-12-01T09:00""#))
            #expect(reopened.contains("Scheduled for 2026-12-01 09:00 Europe/Paris (UTC+1)"))
            #expect(try await client.execute(uri: "/admin/content/events", method: .get, headers: editor.headers).text
                .contains("Scheduled for 2026-12-01 09:00 Europe/Paris (UTC+1)"))

            let repeated = try await client.execute(uri: location, method: .post, headers: editor.headers,
                                                    body: Self.event(editor, [("publish_at", "2026-10-25T02:30"), ("action", "schedule")]))
            #expect(repeated.status == .unprocessableContent)
            #expect(repeated.text.contains(#"<select id="f-publish_at_offset" name="publish_at_offset">"#))
            #expect(repeated.text.contains(#"name="publish_at" type="datetime-local" value="2026-10-25T02:30""#))
            #expect(try await Self.eventTimes(database, location).publish == (try Self.epoch("2026-12-01T08:00:00Z")), "unchanged")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aMissingImageFileOrganisationSeriesOrTopicIsAnErrorBesideTheFieldNotA500(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            let counts = (try await Self.count(database, "events"), try await Self.count(database, "vacancies"),
                          try await Self.count(database, "resources"), try await Self.count(database, "blog_posts"))
            let cases: [(path: String, body: ByteBuffer, message: String)] = [
                ("/admin/content/events", Self.event(editor, [("cover_image_id", "999999")]),
                 "The media library has no image number 999999; it may have been deleted. Choose another."),
                ("/admin/content/events", Self.event(editor, [("series_id", "999999")]),
                 "Number 999999 is not there any more; it may have been deleted. Choose another."),
                ("/admin/content/events", Self.event(editor, [("organisation_id", "999999")]),
                 "Number 999999 is not there any more; it may have been deleted. Choose another."),
                ("/admin/content/vacancies", Self.form(editor, [("title", "Night walk in Paris"), ("kind", "job"), ("deadline_zone", "UTC"),
                                                                ("deadline_at", "2026-12-20T12:00"), ("terms_file_id", "999999"),
                                                                ("action", "draft")], []),
                 "The media library has no file number 999999."),
                ("/admin/content/resources", Self.form(editor, [("title", "Night walk in Paris"), ("kind", "report"),
                                                                ("published_on", "2026-11-01"), ("topics", "999999"), ("action", "draft")], []),
                 "Number 999999 is not there any more; it may have been deleted. Choose another."),
            ]
            for item in cases {
                let response = try await client.execute(uri: item.path, method: .post, headers: editor.headers, body: item.body)
                #expect(response.status == .unprocessableContent, "\(item.path) \(item.message)")
                #expect(response.text.contains(#"<span class="field-error">\#(item.message)</span>"#), "\(item.path) \(item.message)")
                #expect(response.text.contains(#"value="Night walk in Paris""#), "what was typed is kept")
                #expect(response.text.contains(#"value="999999""#) && response.text.contains("No. 999999, which no longer exists"),
                        "the missing choice is shown as sent")
            }
            let postImage = try await client.execute(uri: "/admin/content/posts", method: .post, headers: editor.headers,
                                                     body: Self.form(editor, [("title", "News"), ("body", "Text"), ("cover_image_id", "-1"),
                                                                              ("action", "draft")], []))
            #expect(postImage.status == .unprocessableContent)
            #expect(try await Self.count(database, "events") == counts.0)
            #expect(try await Self.count(database, "vacancies") == counts.1)
            #expect(try await Self.count(database, "resources") == counts.2)
            #expect(try await Self.count(database, "blog_posts") == counts.3)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aDeleteRedirectIsALocalPathOrAnHTTPAddressAndAnythingElseComesBackWithTheTypedText(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            let id = try await database.read { sql in
                try await sql.raw("SELECT id FROM blog_posts WHERE slug = 'what-we-learned-from-40-school-route-audits'").first()!
                    .decode(column: "id", as: Int64.self)
            }
            let notAnAddress = "Give a path on this site, such as /resources, or a full address starting with https:// or http://."
            let invisible = "This address holds a tab, line break or other invisible character. Type it again without them."
            for (typed, message) in [("javascript:alert(1)", notAnAddress), ("/\t/evil.example", invisible), ("mailto:a@b.org", notAnAddress),
                                     ("//evil.example", notAnAddress), ("https://", notAnAddress), ("/resources\t", invisible)] {
                let refused = try await client.execute(uri: "/admin/content/posts/\(id)/delete", method: .post, headers: editor.headers,
                                                       body: Self.form(editor, [("redirect", typed)], []))
                #expect(refused.status == .unprocessableContent, "\(typed.debugDescription)")
                #expect(refused.text.contains(#"<span class="field-error" id="redirect-error">\#(message)</span>"#), "\(typed.debugDescription)")
                #expect(refused.text.contains(#"name="redirect" value="\#(typed)""#), "\(typed.debugDescription) is kept")
                #expect(try await client.execute(uri: "/blog/what-we-learned-from-40-school-route-audits", method: .get).status == .ok)
            }
            let moved = try await client.execute(uri: "/admin/content/posts/\(id)/delete", method: .post, headers: editor.headers,
                                                 body: Self.form(editor, [("redirect", "https://example.org/new-home")], []))
            #expect(moved.status == .seeOther)
            let old = try await client.execute(uri: "/blog/what-we-learned-from-40-school-route-audits", method: .get)
            #expect(old.status == .movedPermanently)
            #expect(old.headers[.location] == "https://example.org/new-home")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aURLFieldWithATabIsRefusedBesideTheField(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            let response = try await client.execute(uri: "/admin/content/events", method: .post, headers: editor.headers,
                                                    body: Self.event(editor, [("online_url", "/\t/evil.example")]))
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains(
                #"<span class="field-error">This address holds a tab, line break or other invisible character. Type it again without them.</span>"#))
            #expect(response.text.contains("value=\"/\t/evil.example\""), "what was typed is kept")
        }
    }

    /// PostgreSQL's INTEGER holds 32 bits; a larger number used to reach it and fail as a 500.
    @Test(arguments: TestDatabases.engines)
    func aNumberTooLargeForItsColumnIsAnErrorBesideTheField(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            let before = try await Self.count(database, "people")
            for number in ["2147483648", "-2147483649", "9223372036854775807"] {
                let response = try await client.execute(uri: "/admin/content/people", method: .post, headers: editor.headers,
                                                        body: Self.form(editor, [("name", "Ama Mensah"), ("position", number), ("action", "draft")], []))
                #expect(response.status == .unprocessableContent, "\(number)")
                #expect(response.text.contains("This number is too far from zero"), "\(number)")
                #expect(response.text.contains(#"value="\#(number)""#), "\(number) is kept")
            }
            #expect(try await Self.count(database, "people") == before)
            let largest = try await client.execute(uri: "/admin/content/people", method: .post, headers: editor.headers,
                                                   body: Self.form(editor, [("name", "Ama Mensah"), ("position", "2147483647"), ("action", "draft")], []))
            #expect(largest.status == .seeOther)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aSocialLinkWithATabIsRefusedAndTheSettingsStayAsTheyWere(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let admin = try await Browser.signIn(client, email: "admin%40c4c.test", database: database)
            let refused = try await client.execute(uri: "/admin/settings", method: .post, headers: admin.headers,
                                                   body: Self.form(admin, [("siteName", "Renamed"), ("timeZone", "UTC"),
                                                                           ("socialLinks", "Mastodon | https://mastodon.social/\t@c4c")], []))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("Write each link as: label | https://address"))
            #expect(try await SettingsQueries(database: database).siteSettings().name == "Cities4Children")
        }
    }
}
