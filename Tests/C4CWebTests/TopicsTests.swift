@testable import C4CWeb
import C4CCore
import C4CStore
import C4CTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct TopicsTests {
    @Test(arguments: TestDatabases.engines)
    func editorsAddSubtopicsOneLevelDeepAndRenameThem(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            let mobility = try await LinksAndMenusTests.id(database, "SELECT id FROM topics WHERE slug = 'mobility'")
            let roadSafety = try await LinksAndMenusTests.id(database, "SELECT id FROM topics WHERE slug = 'road-safety'")
            let added = try await client.execute(uri: "/admin/topics", method: .post, headers: editor.headers,
                                                 body: ContentAdminTests.encode([("_csrf", editor.csrf), ("name", "Cycling"), ("parent", String(mobility))]))
            #expect(added.status == .seeOther)
            let tooDeep = try await client.execute(uri: "/admin/topics", method: .post, headers: editor.headers,
                                                   body: ContentAdminTests.encode([("_csrf", editor.csrf), ("name", "Helmets"), ("parent", String(roadSafety))]))
            #expect(tooDeep.status == .unprocessableContent)
            #expect(tooDeep.text.contains("Topics nest one level"))
            let duplicate = try await client.execute(uri: "/admin/topics", method: .post, headers: editor.headers,
                                                     body: ContentAdminTests.encode([("_csrf", editor.csrf), ("name", "Cycling"), ("parent", "")]))
            #expect(duplicate.status == .unprocessableContent)
            #expect(try await client.execute(uri: "/admin/topics/\(mobility)", method: .post, headers: editor.headers,
                                             body: ContentAdminTests.encode([("_csrf", editor.csrf), ("name", "Getting around")])).status == .seeOther)
            let page = try await client.execute(uri: "/blog/topics/cycling", method: .get)
            #expect(page.status == .ok)
            #expect(page.text.contains("Getting around › Cycling"))
            let focal = try await Browser.signIn(client, email: "focal%40c4c.test", database: database)
            #expect(try await client.execute(uri: "/admin/topics", method: .get, headers: focal.headers).status == .forbidden)
        }
    }
}
