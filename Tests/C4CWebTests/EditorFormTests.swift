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

/// The content form as a new editor meets it: panels, rows, choosers, preview and checks.
@Suite struct EditorFormTests {
    static func signIn(_ client: some TestClientProtocol, _ database: any Database) async throws -> Browser {
        try await BackOfficeTests.makeUsers(database)
        return try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
    }

    static func count(_ database: any Database, _ query: SQLQueryString) async throws -> Int {
        try await database.read { sql in try await sql.raw(query).first()?.decode(column: "n", as: Int.self) ?? -1 }
    }

    static func event(_ editor: Browser, _ extra: [(String, String)]) -> ByteBuffer {
        ContentAdminTests.encode([
            ("_csrf", editor.csrf), ("title", "Streets that teach"), ("summary", "Learning on the way to school."),
            ("description", "A **webinar** on play streets."), ("time_zone", "Europe/Paris"),
            ("starts_at", "2026-12-10T14:00"), ("ends_at", "2026-12-10T15:30"), ("online", "on"), ("registration", "none"),
        ] + extra)
    }

    @Test(arguments: TestDatabases.engines)
    func aNewWebinarFormHasNamedPanelsTheSiteZoneAndItsFullAddress(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            let editor = try await Self.signIn(client, database)
            try await database.write { sql in
                try await sql.raw("DELETE FROM settings WHERE key = 'time_zone'").run()
                try await sql.raw("INSERT INTO settings (key, value) VALUES ('time_zone', 'Europe/Paris')").run()
                try await sql.raw("UPDATE content_version SET version = version + 1 WHERE id = 1").run()
            }
            let form = try await client.execute(uri: "/admin/content/events/new", method: .get, headers: editor.headers).text
            #expect(form.contains(#"<h1 dir="auto">New webinar or event</h1>"#))
            for title in ["Content", "When and where", "Registration", "Recording", "Promotion", "Publishing"] {
                #expect(form.contains(">\(title)</h2>"), "panel \(title)")
            }
            #expect(form.contains(#"<option value="Europe/Paris" selected>"#))
            #expect(form.contains(#"<span class="address-prefix" id="address-prefix">http://localhost:8080/events/</span>"#)
                    || form.contains(#"/events/</span>"#))
            #expect(form.contains(#"name="speakers.0.name""#) && form.contains(#"name="speakers.1.name""#), "two empty speaker rows")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func speakersPostedAsRowsAreStoredInTheirOrderAndEmptyRowsAreDropped(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            let editor = try await Self.signIn(client, database)
            let created = try await client.execute(uri: "/admin/content/events", method: .post, headers: editor.headers, body: Self.event(editor, [
                ("speakers.0.name", "Grace Mwangi"), ("speakers.0.role", "Organiser | host"), ("speakers.0.organisation", ""),
                ("speakers.1.name", ""), ("speakers.1.role", ""), ("speakers.1.organisation", ""),
                ("speakers.2.name", "Diego Salazar"), ("speakers.2.role", "Youth council"), ("speakers.2.organisation", "Andes Youth Cities"),
                ("action", "draft"),
            ]))
            #expect(created.status == .seeOther)
            let saved = created
            let speakers = try await database.read { sql in
                try await sql.raw("""
                    SELECT s.name, s.role, s.organisation FROM event_speakers s JOIN events e ON e.id = s.event_id
                    WHERE e.slug = 'streets-that-teach' ORDER BY s.position
                    """).all().map { [try $0.decode(column: "name", as: String.self), try $0.decode(column: "role", as: String.self),
                                      try $0.decode(column: "organisation", as: String.self)] }
            }
            #expect(speakers == [["Grace Mwangi", "Organiser | host", ""], ["Diego Salazar", "Youth council", "Andes Youth Cities"]],
                    "a | inside a part stays in it")
            let form = try await client.execute(uri: try #require(saved.headers[.location]), method: .get, headers: editor.headers).text
            #expect(form.contains(#"name="speakers.1.name" value="Diego Salazar""#))
            #expect(form.contains(#"name="speakers.0.role" value="Organiser | host""#))
            #expect(form.contains(#"name="speakers.2.name" value="""#), "one empty row to add another without script")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func rowButtonsMoveAddAndRemoveRowsWithoutSavingAndKeepTheTyping(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            let editor = try await Self.signIn(client, database)
            let before = try await Self.count(database, "SELECT COUNT(*) AS n FROM events")
            let rows: [(String, String)] = [("speakers.0.name", "Grace Mwangi"), ("speakers.1.name", "Diego Salazar"), ("title", "Streets that teach, typed")]
            let moved = try await client.execute(uri: "/admin/content/events", method: .post, headers: editor.headers,
                                                 body: Self.event(editor, rows + [("step", "speakers:1:up")]))
            #expect(moved.status == .ok)
            let text = moved.text
            #expect(text.contains(#"name="speakers.0.name" value="Diego Salazar""#) && text.contains(#"name="speakers.1.name" value="Grace Mwangi""#))
            #expect(text.contains(#"value="Streets that teach, typed""#))
            let added = try await client.execute(uri: "/admin/content/events", method: .post, headers: editor.headers,
                                                 body: Self.event(editor, rows + [("step", "speakers:add")])).text
            #expect(added.contains(#"name="speakers.3.name""#), "two rows, the usual empty one and the one asked for")
            let removed = try await client.execute(uri: "/admin/content/events", method: .post, headers: editor.headers,
                                                   body: Self.event(editor, rows + [("step", "speakers:0:remove")])).text
            #expect(removed.contains(#"name="speakers.0.name" value="Diego Salazar""#) && !removed.contains("Grace Mwangi"))
            #expect(try await Self.count(database, "SELECT COUNT(*) AS n FROM events") == before, "no step saves")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func thePreviewRendersMarkdownAsThePublicPageDoesWithoutSaving(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            let editor = try await Self.signIn(client, database)
            let before = try await Self.count(database, "SELECT COUNT(*) AS n FROM events")
            let markdown = "## Who speaks\n\nA **bold** plan with [the hub](/resources).\n\n<script>alert(1)</script>"
            let response = try await client.execute(uri: "/admin/content/events", method: .post, headers: editor.headers,
                                                    body: Self.event(editor, [("description", markdown), ("step", "preview")]))
            #expect(response.status == .ok)
            let preview = try #require(response.text.split(separator: #"<section class="markdown-preview""#).dropFirst().first)
            #expect(preview.contains(Markdown.html(markdown)))
            #expect(preview.contains("<h2>Who speaks</h2>") && preview.contains("<strong>bold</strong>"))
            #expect(!preview.contains("<script>"))
            #expect(try await Self.count(database, "SELECT COUNT(*) AS n FROM events") == before)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func theChecksFlagASkippedHeadingAVagueLinkAnEmptySummaryAndBlockAnImageWithoutAlt(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            let editor = try await Self.signIn(client, database)
            let body = "### Too deep\n\n[click here](/resources/no-such-report)\n\n![](/files/1/photo.png)"
            let refused = try await client.execute(uri: "/admin/content/events", method: .post, headers: editor.headers,
                                                   body: Self.event(editor, [("description", body), ("summary", ""), ("action", "publish")]))
            #expect(refused.status == .unprocessableContent)
            let text = refused.text
            #expect(text.contains("Not published: an image in the text has no alt text."))
            #expect(text.contains("A heading skips a level: Too deep (h1 → h3)"))
            #expect(text.contains("Link text that says nothing out of context: “click here”"))
            #expect(text.contains("A link leads to a page that does not exist: /resources/no-such-report"))
            #expect(text.contains("The summary is empty"))
            #expect(text.contains("An image in the text has no alt text: /files/1/photo.png"))
            #expect(try await Self.count(database, "SELECT COUNT(*) AS n FROM events WHERE slug = 'streets-that-teach'") == 0)
            let fixed = try await client.execute(uri: "/admin/content/events", method: .post, headers: editor.headers,
                                                 body: Self.event(editor, [("description", "## Fine\n\n![A street](/files/1/photo.png)"), ("action", "publish")]))
            #expect(fixed.status == .seeOther)
            let form = try await client.execute(uri: try #require(fixed.headers[.location]), method: .get, headers: editor.headers).text
            #expect(form.contains("Nothing to fix."))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func theImageChooserShowsThumbnailsWithAltCreditAndSafeguardingAndSearches(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            let editor = try await Self.signIn(client, database)
            let form = try await client.execute(uri: "/admin/content/events/new", method: .get, headers: editor.headers).text
            let images = try await database.read { sql in
                try await sql.raw("SELECT m.id, m.alt_text, f.id AS file_id, f.name FROM media m JOIN files f ON f.id = m.file_id WHERE m.kind = 'image' ORDER BY m.id DESC")
                    .all().map { (try $0.decode(column: "id", as: Int64.self), try $0.decode(column: "alt_text", as: String.self),
                                  FilePath.make(id: try $0.decode(column: "file_id", as: Int64.self), name: try $0.decode(column: "name", as: String.self))) }
            }
            #expect(images.count >= 2)
            #expect(form.components(separatedBy: #"name="cover_image_id" value="#).count - 1 == min(images.count, 24) + 1,
                    "the newest 24 and 'No image'; the search reaches the rest")
            for (id, alt, path) in images.prefix(24) {
                #expect(form.contains(#"<input type="radio" id="f-cover_image_id-\#(id)" name="cover_image_id" value="\#(id)">"#))
                #expect(form.contains(#"<img src="/admin\#(path)""#), "the demo's SVGs are their own thumbnails, shown to editors")
                #expect(form.contains(alt))
            }
            #expect(form.contains("No identifiable children"))
            let (firstID, firstAlt, _) = images[images.count - 1]
            let word = try #require(firstAlt.split(separator: " ").max { $0.count < $1.count }).lowercased()
            let searched = try await client.execute(uri: "/admin/content/events", method: .post, headers: editor.headers,
                                                    body: Self.event(editor, [("cover_image_id_search", word), ("step", "search:cover_image_id")])).text
            #expect(searched.contains(#"value="\#(firstID)""#))
            let others = images.filter { !$0.1.lowercased().contains(word) }
            for (id, _, _) in others { #expect(!searched.contains(#"id="f-cover_image_id-\#(id)""#)) }
        }
    }
}
