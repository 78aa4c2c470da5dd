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

    /// Two uploads both named `report.pdf` stay two files: attachments name a file by its number.
    @Test(arguments: TestDatabases.engines)
    func attachmentsAreStoredByFileNumberSoTwoFilesWithOneNameStayTwo(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            let (first, second) = try await database.write { sql in
                let inserter = Inserter(sql)
                let first = try await inserter.storeFile(name: "report.pdf", contentType: "application/pdf",
                                                         data: Data("%PDF-1.4 first".utf8), now: TestDatabases.referenceNow)
                let second = try await inserter.storeFile(name: "report.pdf", contentType: "application/pdf",
                                                          data: Data("%PDF-1.4 second, longer".utf8), now: TestDatabases.referenceNow)
                return (first, second)
            }
            let fields: ([(String, String)]) -> ByteBuffer = { extra in
                ContentAdminTests.encode([("_csrf", editor.csrf), ("title", "Play street guide"), ("kind", "guidance"),
                                          ("published_on", "2026-10-01"), ("action", "publish")] + extra)
            }
            let byName = try await client.execute(uri: "/admin/content/resources", method: .post, headers: editor.headers,
                                                  body: fields([("files", "report.pdf | en | Guide")]))
            #expect(byName.status == .unprocessableContent)
            #expect(byName.text.contains("Write each file as: its number in the media library"))
            #expect(byName.text.contains(#"name="files.0.label" value="Guide""#), "what was typed is kept")
            let unknown = try await client.execute(uri: "/admin/content/resources", method: .post, headers: editor.headers,
                                                   body: fields([("files", "999999 missing.pdf | en | Guide")]))
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.text.contains("The media library has no file number 999999."))
            let saved = try await client.execute(uri: "/admin/content/resources", method: .post, headers: editor.headers,
                                                 body: fields([("files", "\(first) report.pdf | en | First report\n#\(second) report.pdf | fr | Second report")]))
            #expect(saved.status == .seeOther)
            let page = try await client.execute(uri: "/resources/play-street-guide", method: .get).text
            #expect(page.contains(#"href="/files/\#(first)/report.pdf""#))
            #expect(page.contains(#"href="/files/\#(second)/report.pdf""#))
            #expect(page.contains("First report") && page.contains("Second report"))
            #expect(page.contains(#"hreflang="fr" download"#))
            let secondFile = try await client.execute(uri: "/files/\(second)/report.pdf", method: .get)
            #expect(secondFile.text == "%PDF-1.4 second, longer", "a document attached to a public item is served publicly")
            #expect(try await client.execute(uri: "/files/\(second)/other.pdf", method: .get).status == .notFound,
                    "a file address whose name does not match answers 404")
            #expect(try await client.execute(uri: "/admin/files/\(second)/other.pdf", method: .get, headers: editor.headers).status == .notFound)
            #expect(try await client.execute(uri: "/admin/files/\(second)/report.pdf", method: .get, headers: editor.headers).status == .ok)
        }
    }
}
