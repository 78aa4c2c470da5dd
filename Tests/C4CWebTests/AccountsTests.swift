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

extension BackOfficeTests {
    /// The audit log as an administrator sees it.
    static func auditText(_ client: some TestClientProtocol, _ database: any Database) async throws -> String {
        let admin = try await Browser.signIn(client, email: "admin%40c4c.test", database: database)
        return try await client.execute(uri: "/admin/audit", method: .get, headers: admin.headers).text
    }

    static func userID(_ database: any Database, _ email: String) async throws -> Int64 {
        try await database.read { sql in
            try await sql.raw("SELECT id FROM users WHERE email = \(bind: email)").first()!.decode(column: "id", as: Int64.self)
        }
    }
}

@Suite struct AccountsTests {
    @Test(arguments: TestDatabases.engines)
    func anAdministratorChangesAUsersRoleAndOrganisation(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let admin = try await Browser.signIn(client, email: "admin%40c4c.test", database: database)
            let editorID = try await BackOfficeTests.userID(database, "editor@c4c.test")
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            #expect(try await client.execute(uri: "/admin/media", method: .get, headers: editor.headers).status == .ok)

            let missing = try await client.execute(uri: "/admin/users/\(editorID)", method: .post, headers: admin.headers,
                                                   body: ContentAdminTests.encode([("_csrf", admin.csrf), ("role", "focal_point"), ("organisation", "")]))
            #expect(missing.status == .unprocessableContent)
            #expect(missing.text.contains("A member focal point needs an organisation."))
            let changed = try await client.execute(uri: "/admin/users/\(editorID)", method: .post, headers: admin.headers,
                                                   body: ContentAdminTests.encode([("_csrf", admin.csrf), ("role", "focal_point"), ("organisation", "2")]))
            #expect(changed.status == .seeOther)
            #expect(try await client.execute(uri: "/admin/media", method: .get, headers: editor.headers).status == .forbidden,
                    "the new role takes effect on the next page")
            let page = try await client.execute(uri: "/admin/users/\(editorID)", method: .get, headers: admin.headers).text
            #expect(page.contains(#"<option value="focal_point" selected>"#))
            #expect(page.contains(#"<option value="2" selected>"#))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func disablingAUserEndsTheirSessionsAtOnceAndEnablingLetsThemSignInAgain(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let admin = try await Browser.signIn(client, email: "admin%40c4c.test", database: database)
            let editorID = try await BackOfficeTests.userID(database, "editor@c4c.test")
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            let disabled = try await client.execute(uri: "/admin/users/\(editorID)/disable", method: .post, headers: admin.headers,
                                                    body: ContentAdminTests.encode([("_csrf", admin.csrf)]))
            #expect(disabled.status == .seeOther)
            #expect(try await client.execute(uri: "/admin", method: .get, headers: editor.headers).headers[.location]?.hasPrefix("/admin/login") == true)
            #expect(try await SessionQueries(database: database).count(userID: editorID, now: TestDatabases.referenceNow) == 0)
            let refused = try await client.execute(uri: "/admin/login", method: .post, headers: Browser.form,
                                                   body: ByteBuffer(string: "email=editor%40c4c.test&password=\(Browser.password.replacingOccurrences(of: " ", with: "+"))"))
            #expect(refused.status == .unauthorized, "a disabled account cannot sign in")
            #expect(try await client.execute(uri: "/admin/users", method: .get, headers: admin.headers).text.contains("Disabled"))

            let enabled = try await client.execute(uri: "/admin/users/\(editorID)/enable", method: .post, headers: admin.headers,
                                                   body: ContentAdminTests.encode([("_csrf", admin.csrf)]))
            #expect(enabled.status == .seeOther)
            _ = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            let audit = try await BackOfficeTests.auditText(client, database)
            #expect(audit.contains("Disabled; sessions ended") && audit.contains("Enabled"))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func theLastActiveAdministratorCanBeNeitherDisabledNorDemoted(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let admin = try await Browser.signIn(client, email: "admin%40c4c.test", database: database)
            let adminID = try await BackOfficeTests.userID(database, "admin@c4c.test")
            let before = try await DatabaseFingerprint.of(database)
            let disable = try await client.execute(uri: "/admin/users/\(adminID)/disable", method: .post, headers: admin.headers,
                                                   body: ContentAdminTests.encode([("_csrf", admin.csrf)]))
            #expect(disable.status == .unprocessableContent)
            #expect(disable.text.contains("The site needs at least one active administrator."))
            let demote = try await client.execute(uri: "/admin/users/\(adminID)", method: .post, headers: admin.headers,
                                                  body: ContentAdminTests.encode([("_csrf", admin.csrf), ("role", "editor"), ("organisation", "")]))
            #expect(demote.status == .unprocessableContent)
            #expect(DatabaseFingerprint.difference(before, try await DatabaseFingerprint.of(database)).isEmpty)

            // With a second administrator, the first may step down.
            let editorID = try await BackOfficeTests.userID(database, "editor@c4c.test")
            #expect(try await client.execute(uri: "/admin/users/\(editorID)", method: .post, headers: admin.headers,
                                             body: ContentAdminTests.encode([("_csrf", admin.csrf), ("role", "administrator"), ("organisation", "")])).status == .seeOther)
            #expect(try await client.execute(uri: "/admin/users/\(adminID)", method: .post, headers: admin.headers,
                                             body: ContentAdminTests.encode([("_csrf", admin.csrf), ("role", "editor"), ("organisation", "")])).status == .seeOther)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func expiredSessionRowsArePurged(engine: Engine) async throws {
        try await TestDatabases.with(engine, seeded: true) { database in
            try await BackOfficeTests.makeUsers(database)
            let sessions = SessionQueries(database: database)
            let editorID = try await BackOfficeTests.userID(database, "editor@c4c.test")
            let start = TestDatabases.referenceNow
            _ = try await sessions.create(userID: editorID, now: start)
            _ = try await sessions.create(userID: editorID, now: start.addingTimeInterval(SessionQueries.lifetime + 60))
            let rows = try await database.read { try await $0.raw("SELECT COUNT(*) AS n FROM sessions").first()!.decode(column: "n", as: Int.self) }
            #expect(rows == 1, "signing in removes the sessions that ran out")
        }
    }
}
