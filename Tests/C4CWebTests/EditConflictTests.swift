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

/// No lost work: versions and conflicts, one-time create tokens, autosave, revision differences.
@Suite struct EditConflictTests {
    static let pages = ContentTypes.all.first { $0.key == "pages" }!

    static func page(_ browser: Browser, title: String, body: String = "Children walk to school on safe streets.",
                     version: String? = nil, token: String? = nil, action: String = "draft") -> ByteBuffer {
        ContentAdminTests.encode([("_csrf", browser.csrf), ("title", title), ("summary", ""), ("body", body), ("menu", ""),
                                  ("menu_position", ""), ("slug", "safe-streets"), ("action", action)]
            + (version.map { [("version", $0)] } ?? []) + (token.map { [("create_token", $0)] } ?? []))
    }

    static func version(_ html: String) throws -> String {
        let match = try #require(html.firstMatch(of: /name="version" value="(\d+)"/))
        return String(match.1)
    }

    static func stored(_ database: any Database, _ id: Int64) async throws -> ContentEditorQueries.Item {
        try #require(try await ContentEditorQueries(database: database).load(pages, id: id))
    }

    static func id(_ location: String?) throws -> Int64 {
        let path = try #require(location).split(separator: "?")[0]
        return try #require(Int64(path.split(separator: "/").last!))
    }

    static func signInBoth(_ client: some TestClientProtocol, _ database: any Database) async throws -> (Browser, Browser) {
        try await BackOfficeTests.makeUsers(database)
        return (try await Browser.signIn(client, email: "editor%40c4c.test", database: database),
                try await Browser.signIn(client, email: "admin%40c4c.test", database: database))
    }

    @Test(arguments: TestDatabases.engines)
    func theSecondOfTwoEditorsGetsAConflictWithBothTextsAndNothingIsOverwritten(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            let (eddie, ada) = try await Self.signInBoth(client, database)
            let created = try await client.execute(uri: "/admin/content/pages", method: .post, headers: eddie.headers,
                                                   body: Self.page(eddie, title: "Safe streets"))
            let id = try Self.id(created.headers[.location])
            // Both open the same item, at the same version.
            let opened = try Self.version(try await client.execute(uri: "/admin/content/pages/\(id)", method: .get, headers: eddie.headers).text)
            #expect(try Self.version(try await client.execute(uri: "/admin/content/pages/\(id)", method: .get, headers: ada.headers).text) == opened)

            let first = try await client.execute(uri: "/admin/content/pages/\(id)", method: .post, headers: eddie.headers,
                                                 body: Self.page(eddie, title: "Safe streets for children", version: opened))
            #expect(first.status == .seeOther)
            let second = try await client.execute(uri: "/admin/content/pages/\(id)", method: .post, headers: ada.headers,
                                                  body: Self.page(ada, title: "Safe streets for everyone", body: "Everyone walks.", version: opened))
            #expect(second.status == .conflict)
            let page = second.text
            #expect(page.contains("Someone else saved this item while you were editing"))
            #expect(page.contains("Eddie Editor saved it at"))
            #expect(page.contains("Safe streets for children"), "theirs, as stored now")
            #expect(page.contains("Safe streets for everyone"), "yours, as typed")
            #expect(page.contains("Everyone walks."))
            #expect(page.contains("<del><span class=\"visually-hidden\">[deleted:] </span>children"))
            #expect(page.contains("<ins><span class=\"visually-hidden\">[inserted:] </span>everyone"))
            #expect(try await Self.stored(database, id).fields["title"] == "Safe streets for children", "nothing was overwritten")

            // Saving mine over theirs is a deliberate second step, with the version the conflict page showed.
            let newer = try Self.version(page)
            #expect(newer != opened)
            #expect(page.contains(#"<input type="hidden" name="menu_position" value="">"#), "the rest of the typing is kept")
            let mine = try await client.execute(uri: "/admin/content/pages/\(id)", method: .post, headers: ada.headers,
                                                body: Self.page(ada, title: "Safe streets for everyone", body: "Everyone walks.", version: newer))
            #expect(mine.status == .seeOther)
            #expect(try await Self.stored(database, id).fields["title"] == "Safe streets for everyone")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aRetriedCreateWithTheSameTokenMakesOneItemAndLandsOnIt(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            let (eddie, ada) = try await Self.signInBoth(client, database)
            let form = try await client.execute(uri: "/admin/content/pages/new", method: .get, headers: eddie.headers).text
            let token = String(try #require(form.firstMatch(of: /name="create_token" value="([A-Za-z0-9_-]+)"/)).1)
            let first = try await client.execute(uri: "/admin/content/pages", method: .post, headers: eddie.headers,
                                                 body: Self.page(eddie, title: "Safe streets", token: token))
            let retry = try await client.execute(uri: "/admin/content/pages", method: .post, headers: eddie.headers,
                                                 body: Self.page(eddie, title: "Safe streets", token: token))
            #expect(first.status == .seeOther && retry.status == .seeOther)
            #expect(retry.headers[.location] == first.headers[.location])
            let count = try await database.read { sql in
                try await sql.raw("SELECT COUNT(*) AS n FROM pages WHERE title = 'Safe streets'").first()!.decode(column: "n", as: Int.self)
            }
            #expect(count == 1)
            // A token is this user's: another user's create with it is a create of their own.
            let other = try await client.execute(uri: "/admin/content/pages", method: .post, headers: ada.headers,
                                                 body: Self.page(ada, title: "Safe streets", token: token))
            #expect(other.status == .unprocessableContent, "a second item with the same address is refused, not redirected")
            // A form that comes back with an error keeps its token, so its retry is still recognised.
            let refused = try await client.execute(uri: "/admin/content/pages", method: .post, headers: eddie.headers,
                                                   body: Self.page(eddie, title: "", token: "kept-token-0123456789"))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains(#"name="create_token" value="kept-token-0123456789""#))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func autosaveSavesADraftUnderTheVersionRuleAndKeepsAPublishedItemsTextAsACopy(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            let (eddie, ada) = try await Self.signInBoth(client, database)
            let created = try await client.execute(uri: "/admin/content/pages", method: .post, headers: eddie.headers,
                                                   body: Self.page(eddie, title: "Safe streets"))
            let id = try Self.id(created.headers[.location])
            let opened = try Self.version(try await client.execute(uri: "/admin/content/pages/\(id)", method: .get, headers: eddie.headers).text)

            let autosaved = try await client.execute(uri: "/admin/content/pages/\(id)/autosave", method: .post, headers: eddie.headers,
                                                     body: Self.page(eddie, title: "Safe streets, half typed", version: opened, action: ""))
            #expect(autosaved.status == .ok)
            let answer = try JSONDecoder().decode([String: String].self, from: Data(autosaved.text.utf8))
            #expect(answer["version"] == String(Int64(opened)! + 1))
            #expect(try await Self.stored(database, id).fields["title"] == "Safe streets, half typed")
            #expect(try await Self.stored(database, id).status == "draft", "a draft's autosave stays a draft")

            // Another editor's autosave from the old version is refused and writes nothing.
            let stale = try await client.execute(uri: "/admin/content/pages/\(id)/autosave", method: .post, headers: ada.headers,
                                                 body: Self.page(ada, title: "Overwritten?", version: opened, action: ""))
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("Eddie Editor saved this item at"))
            #expect(try await Self.stored(database, id).fields["title"] == "Safe streets, half typed")

            // A published item's autosave is a copy visitors never see, offered back in the form.
            let published = try await client.execute(uri: "/admin/content/pages/\(id)", method: .post, headers: eddie.headers,
                                                     body: Self.page(eddie, title: "Safe streets", version: answer["version"], action: "publish"))
            #expect(published.status == .seeOther)
            let current = try Self.version(try await client.execute(uri: "/admin/content/pages/\(id)", method: .get, headers: eddie.headers).text)
            let copy = try await client.execute(uri: "/admin/content/pages/\(id)/autosave", method: .post, headers: eddie.headers,
                                                body: Self.page(eddie, title: "Safe streets, not finished", version: current, action: ""))
            #expect(copy.status == .ok)
            #expect(try await Self.stored(database, id).fields["title"] == "Safe streets")
            #expect(try await client.execute(uri: "/safe-streets", method: .get).text.contains("not finished") == false)
            let form = try await client.execute(uri: "/admin/content/pages/\(id)", method: .get, headers: eddie.headers).text
            #expect(form.contains(#"data-copy-href="/admin/content/pages/\#(id)/autosave""#))
            let restored = try await client.execute(uri: "/admin/content/pages/\(id)/autosave", method: .get, headers: eddie.headers)
            #expect(restored.status == .ok)
            #expect(restored.text.contains("Safe streets, not finished"))
            #expect(try Self.version(restored.text) == current)
            // Saving the item spends the copy.
            _ = try await client.execute(uri: "/admin/content/pages/\(id)", method: .post, headers: eddie.headers,
                                         body: Self.page(eddie, title: "Safe streets, finished", version: current))
            let eddieID = try await database.read { sql in
                try await sql.raw("SELECT id FROM users WHERE email = 'editor@c4c.test'").first()!.decode(column: "id", as: Int64.self)
            }
            #expect(try await ContentEditorQueries(database: database).autosaveCopy(Self.pages, id: id, userID: eddieID) == nil)
            let spent = try await client.execute(uri: "/admin/content/pages/\(id)/autosave", method: .get, headers: eddie.headers)
            #expect(spent.status == .seeOther && spent.headers[.location] == "/admin/content/pages/\(id)", "a spent copy opens the item")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func theRevisionsPageShowsAChangedWordAsDeletedAndInserted(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            let (eddie, _) = try await Self.signInBoth(client, database)
            let created = try await client.execute(uri: "/admin/content/pages", method: .post, headers: eddie.headers,
                                                   body: Self.page(eddie, title: "Safe streets", body: "Children walk to school."))
            let id = try Self.id(created.headers[.location])
            _ = try await client.execute(uri: "/admin/content/pages/\(id)", method: .post, headers: eddie.headers,
                                         body: Self.page(eddie, title: "Safe streets", body: "Children cycle to school."))
            _ = try await client.execute(uri: "/admin/content/pages/\(id)", method: .post, headers: eddie.headers,
                                         body: Self.page(eddie, title: "Safer streets", body: "Children cycle to school."))
            let page = try await client.execute(uri: "/admin/content/pages/\(id)/revisions", method: .get, headers: eddie.headers).text
            // By default the newest against the one before: only the title changed.
            #expect(page.contains("<h3>Title</h3>"))
            #expect(page.contains(#"<del><span class="visually-hidden">[deleted:] </span>Safe<span class="visually-hidden"> [end]</span></del>"#))
            #expect(page.contains(#"<ins><span class="visually-hidden">[inserted:] </span>Safer<span class="visually-hidden"> [end]</span></ins>"#))
            #expect(!page.contains("<h3>Text (Markdown)</h3>"))

            // Any two, chosen: the first against the last shows both changes.
            let revisions = try await ContentEditorQueries(database: database).revisions(Self.pages, id: id)
            let chosen = try await client.execute(uri: "/admin/content/pages/\(id)/revisions?from=\(revisions[2].id)&to=\(revisions[0].id)",
                                                  method: .get, headers: eddie.headers).text
            #expect(chosen.contains("<h3>Text (Markdown)</h3>"))
            #expect(chosen.contains("</span>walk<span"))
            #expect(chosen.contains("</span>cycle<span"))
            #expect(chosen.contains(#"name="from" value="\#(revisions[2].id)" id="from-\#(revisions[2].id)" checked"#))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func restoringARevisionOverASaveMadeMeanwhileShowsTheConflict(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            let (eddie, ada) = try await Self.signInBoth(client, database)
            let created = try await client.execute(uri: "/admin/content/pages", method: .post, headers: eddie.headers,
                                                   body: Self.page(eddie, title: "Safe streets"))
            let id = try Self.id(created.headers[.location])
            _ = try await client.execute(uri: "/admin/content/pages/\(id)", method: .post, headers: eddie.headers,
                                         body: Self.page(eddie, title: "Safer streets"))
            let first = try #require(try await ContentEditorQueries(database: database).revisions(Self.pages, id: id).last)
            let restoring = try await client.execute(uri: "/admin/content/pages/\(id)/revisions/\(first.id)", method: .get, headers: ada.headers).text
            #expect(restoring.contains("Safe streets"))
            let opened = try Self.version(restoring)
            // Meanwhile another editor saves.
            _ = try await client.execute(uri: "/admin/content/pages/\(id)", method: .post, headers: eddie.headers,
                                         body: Self.page(eddie, title: "Safest streets", version: opened))
            let restored = try await client.execute(uri: "/admin/content/pages/\(id)", method: .post, headers: ada.headers,
                                                    body: Self.page(ada, title: "Safe streets", version: opened))
            #expect(restored.status == .conflict)
            #expect(try await Self.stored(database, id).fields["title"] == "Safest streets")
        }
    }
}
