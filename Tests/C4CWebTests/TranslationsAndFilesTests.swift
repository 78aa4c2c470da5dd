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

@Suite struct TranslationsAndFilesTests {
    @Test(arguments: TestDatabases.engines)
    func anEditorAddsAFrenchVersionThatFrenchReadersGet(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            let id = try await LinksAndMenusTests.id(database, "SELECT id FROM blog_posts WHERE slug = 'what-we-learned-from-40-school-route-audits'")
            let form = try await client.execute(uri: "/admin/content/posts/\(id)", method: .get, headers: editor.headers).text
            #expect(form.contains(#"href="/admin/content/posts/\#(id)/translate/fr">Add a Français version"#))
            let copy = try await client.execute(uri: "/admin/content/posts/\(id)/translate/fr", method: .get, headers: editor.headers).text
            #expect(copy.contains(#"name="lang" value="fr""#))
            #expect(copy.contains(#"name="translation_of" value="\#(id)""#))
            let body = ContentAdminTests.encode([
                ("_csrf", editor.csrf), ("lang", "fr"), ("translation_of", String(id)), ("title", "Ce que 40 audits nous ont appris"),
                ("summary", "Des bénévoles ont parcouru chaque trajet."), ("body", "Texte en français."),
                ("slug", "what-we-learned-from-40-school-route-audits"), ("action", "publish"),
            ])
            #expect(try await client.execute(uri: "/admin/content/posts", method: .post, headers: editor.headers, body: body).status == .seeOther)
            let french = try await client.execute(uri: "/fr/blog/what-we-learned-from-40-school-route-audits", method: .get).text
            #expect(french.contains("Ce que 40 audits nous ont appris"))
            #expect(!french.contains("n&#39;est pas encore traduite"), "a real translation carries no fallback notice")
            let english = try await client.execute(uri: "/blog/what-we-learned-from-40-school-route-audits", method: .get).text
            #expect(english.contains(#"<link rel="alternate" hreflang="fr""#))
            let again = try await client.execute(uri: "/admin/content/posts", method: .post, headers: editor.headers, body: body)
            #expect(again.status == .unprocessableContent)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aResourceListsTheFilesItsEditorAttaches(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            let fields: ([(String, String)]) -> ByteBuffer = { extra in
                ContentAdminTests.encode([("_csrf", editor.csrf), ("title", "Play street guide"), ("kind", "guidance"),
                                          ("published_on", "2026-10-01"), ("action", "publish")] + extra)
            }
            let unknown = try await client.execute(uri: "/admin/content/resources", method: .post, headers: editor.headers,
                                                   body: fields([("files", "missing.pdf | en | Guide")]))
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.text.contains("The media library has no file named missing.pdf."))
            #expect(unknown.text.contains("missing.pdf | en | Guide"), "what was typed is kept")
            let saved = try await client.execute(uri: "/admin/content/resources", method: .post, headers: editor.headers,
                                                 body: fields([("files", "heat-shade-and-schoolyards-en.pdf | fr | Guide (French)")]))
            #expect(saved.status == .seeOther)
            let page = try await client.execute(uri: "/resources/play-street-guide", method: .get).text
            #expect(page.contains("Guide (French)"))
            #expect(page.contains(#"hreflang="fr" download"#))
            #expect(page.contains("PDF · "))
        }
    }
}
