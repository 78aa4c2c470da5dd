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

/// Signs a user in through the real form and keeps their cookie and CSRF token.
struct Browser {
    let cookie: String
    let csrf: String

    static let password = "a long and unguessable passphrase"

    static func signIn(_ client: some TestClientProtocol, email: String, password: String = Browser.password,
                       database: any Database) async throws -> Browser {
        let response = try await client.execute(uri: "/admin/login", method: .post, headers: Browser.form,
                                                body: ByteBuffer(string: "email=\(email)&password=\(password.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&next=%2Fadmin"))
        #expect(response.status == .seeOther, "signing in \(email)")
        let setCookie = try #require(response.headers[.setCookie])
        let token = String(try #require(setCookie.firstMatch(of: /c4c_session=([^;]+)/)?.1))
        let user = try #require(try await SessionQueries(database: database).user(token: token, now: TestDatabases.referenceNow))
        return Browser(cookie: "c4c_session=\(token)", csrf: user.csrfToken)
    }

    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    var headers: HTTPFields {
        var headers = Browser.form
        headers[.cookie] = cookie
        return headers
    }
}

@Suite struct BackOfficeTests {
    /// Three users, one per role, with the seeded demo content.
    static func makeUsers(_ database: any Database) async throws {
        let hash = try await PasswordHasher.hash(Browser.password)
        let users = UserQueries(database: database)
        let organisation = try await database.read { sql in
            try await sql.raw("SELECT id FROM organisations ORDER BY id LIMIT 1").first()!.decode(column: "id", as: Int64.self)
        }
        try await users.create(email: "admin@c4c.test", name: "Ada Admin", passwordHash: hash, role: .administrator, now: TestDatabases.referenceNow)
        try await users.create(email: "editor@c4c.test", name: "Eddie Editor", passwordHash: hash, role: .editor, now: TestDatabases.referenceNow)
        try await users.create(email: "focal@c4c.test", name: "Fay Focal", passwordHash: hash, role: .focalPoint,
                               organisationID: organisation, now: TestDatabases.referenceNow)
    }

    @Test(arguments: TestDatabases.engines)
    func setupCreatesTheFirstAdministratorAndThenDisappears(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            #expect(try await client.execute(uri: "/admin/login", method: .get).headers[.location] == "/admin/setup")
            #expect(try await client.execute(uri: "/admin/setup", method: .get).status == .ok)

            let code = try #require(try await SetupCodeQueries(database: database).issueIfNeeded())
            let short = try await client.execute(uri: "/admin/setup", method: .post, headers: Browser.form,
                                                 body: ByteBuffer(string: "name=Ada&email=ada%40c4c.test&password=short&confirmation=short&setup_code=\(code)"))
            #expect(short.status == .unprocessableContent)
            #expect(short.text.contains("Use at least 12 characters."))
            #expect(short.text.contains(#"value="ada@c4c.test""#), "what was typed is kept")
            #expect(short.text.contains(#"value="Ada""#))

            let stranger = try await client.execute(uri: "/admin/setup", method: .post, headers: Browser.form,
                                                    body: ByteBuffer(string: "name=Eve&email=eve%40c4c.test&password=correct+horse+battery&confirmation=correct+horse+battery&setup_code=AAAA-BBBB-CCCC"))
            #expect(stranger.status == .unprocessableContent, "a stranger without the code printed in the log gets nowhere")
            #expect(stranger.text.contains("This is not the setup code the server printed."))
            #expect(try await UserQueries(database: database).count() == 0)

            let created = try await client.execute(uri: "/admin/setup", method: .post, headers: Browser.form,
                                                   body: ByteBuffer(string: "name=Ada&email=ada%40c4c.test&password=correct+horse+battery&confirmation=correct+horse+battery&setup_code=\(code.lowercased())"))
            #expect(created.status == .seeOther)
            #expect(created.headers[.location] == "/admin")
            let cookie = try #require(created.headers[.setCookie])
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(cookie.contains("Path=/"))
            #expect(try await client.execute(uri: "/admin/setup", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/admin/setup", method: .post, headers: Browser.form,
                                             body: ByteBuffer(string: "name=Eve&email=eve%40c4c.test&password=correct+horse+battery&confirmation=correct+horse+battery&setup_code=\(code)")).status == .notFound)
            #expect(try await SetupCodeQueries(database: database).issueIfNeeded() == nil, "a site with users gets no new code")
            #expect(try await UserQueries(database: database).count() == 1)

            let dashboard = try await client.execute(uri: "/admin", method: .get,
                                                     headers: [.cookie: String(cookie.prefix { $0 != ";" })])
            #expect(dashboard.status == .ok)
            #expect(dashboard.text.contains("Welcome, Ada."))
            #expect(dashboard.headers[.cacheControl] == "no-store")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func anUnknownUserAndAWrongPasswordGetTheSameAnswerAndRepeatedFailuresAreSlowed(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await Self.makeUsers(database)
            func attempt(_ email: String, _ password: String) async throws -> TestResponse {
                try await client.execute(uri: "/admin/login", method: .post, headers: Browser.form,
                                         body: ByteBuffer(string: "email=\(email)&password=\(password)"))
            }
            let unknown = try await attempt("nobody%40c4c.test", "whatever")
            let wrong = try await attempt("editor%40c4c.test", "whatever")
            #expect(unknown.status == .unauthorized)
            #expect(wrong.status == .unauthorized)
            let message = "That email address and password do not match an account."
            #expect(unknown.text.contains(message) && wrong.text.contains(message))
            #expect(wrong.text.contains(#"value="editor@c4c.test""#))
            for _ in 0..<4 { _ = try await attempt("editor%40c4c.test", "whatever") }
            let slowed = try await attempt("editor%40c4c.test", Browser.password.replacingOccurrences(of: " ", with: "+"))
            #expect(slowed.status == .tooManyRequests, "five failures in a row stop even the right password for a while")
            #expect(slowed.headers[.retryAfter] != nil)
            #expect(slowed.text.contains("Too many failed attempts"))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aFormWithoutItsTokenIsRefusedAndNothingChanges(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await Self.makeUsers(database)
            let admin = try await Browser.signIn(client, email: "admin%40c4c.test", database: database)
            let forged = try await client.execute(uri: "/admin/settings", method: .post, headers: admin.headers,
                                                  body: ByteBuffer(string: "siteName=Hacked"))
            #expect(forged.status == .forbidden)
            #expect(forged.text.contains("This form has expired"))
            #expect(try await SettingsQueries(database: database).siteSettings().name == "Cities4Children")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func settingsChangeThePublicSiteAndAreAudited(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await Self.makeUsers(database)
            let admin = try await Browser.signIn(client, email: "admin%40c4c.test", database: database)
            let bad = try await client.execute(uri: "/admin/settings", method: .post, headers: admin.headers,
                                               body: ByteBuffer(string: "_csrf=\(admin.csrf)&siteName=&tagline=Kept&contactEmail=not-an-address&socialLinks=Mastodon+%7C+javascript%3Aalert(1)"))
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains(#"value="Kept""#))
            #expect(bad.text.contains("Enter an email address"))
            #expect(bad.text.contains("Write each link as"))
            let saved = try await client.execute(uri: "/admin/settings", method: .post, headers: admin.headers,
                                                 body: ByteBuffer(string: "_csrf=\(admin.csrf)&siteName=Cities+for+Children&tagline=New&oneLiner=One&contactEmail=hello%40c4c.test&socialLinks=Mastodon+%7C+https%3A%2F%2Fmastodon.social%2F%40c4c"))
            #expect(saved.status == .seeOther)
            let home = try await client.execute(uri: "/", method: .get).text
            #expect(home.contains("hello@c4c.test"))
            #expect(home.contains("https://mastodon.social/@c4c"))
            let audit = try await client.execute(uri: "/admin/audit", method: .get, headers: admin.headers).text
            #expect(audit.contains("Site settings"))
            #expect(audit.contains("Ada Admin"))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func anAdministratorAddsAFocalPointWhoSeesOnlyWhatTheRoleAllows(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await Self.makeUsers(database)
            let admin = try await Browser.signIn(client, email: "admin%40c4c.test", database: database)
            let missingOrganisation = try await client.execute(uri: "/admin/users", method: .post, headers: admin.headers,
                body: ByteBuffer(string: "_csrf=\(admin.csrf)&name=Nia&email=nia%40c4c.test&role=focal_point&organisation=&password=a+long+enough+secret&confirmation=a+long+enough+secret"))
            #expect(missingOrganisation.status == .unprocessableContent)
            #expect(missingOrganisation.text.contains("A member focal point needs an organisation."))
            let added = try await client.execute(uri: "/admin/users", method: .post, headers: admin.headers,
                body: ByteBuffer(string: "_csrf=\(admin.csrf)&name=Nia&email=nia%40c4c.test&role=focal_point&organisation=1&password=a+long+enough+secret&confirmation=a+long+enough+secret"))
            #expect(added.status == .seeOther)
            let nia = try await Browser.signIn(client, email: "nia%40c4c.test", password: "a long enough secret", database: database)
            let dashboard = try await client.execute(uri: "/admin", method: .get, headers: nia.headers).text
            #expect(!dashboard.contains(#"href="/admin/users""#))
            #expect(!dashboard.contains(#"href="/admin/settings""#))
            #expect(try await client.execute(uri: "/admin/users", method: .get, headers: nia.headers).status == .forbidden)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func signingOutEverywhereEndsEverySession(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await Self.makeUsers(database)
            let laptop = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            let phone = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            #expect(try await client.execute(uri: "/admin", method: .get, headers: phone.headers).status == .ok)
            let out = try await client.execute(uri: "/admin/account/sign-out-everywhere", method: .post, headers: laptop.headers,
                                               body: ByteBuffer(string: "_csrf=\(laptop.csrf)"))
            #expect(out.status == .seeOther)
            #expect(out.headers[.setCookie]?.contains("Max-Age=0") == true)
            for browser in [laptop, phone] {
                #expect(try await client.execute(uri: "/admin", method: .get, headers: browser.headers).headers[.location] == "/admin/login?next=/admin")
            }
        }
    }

    @Test func signInNeverRedirectsToAnotherSite() {
        #expect(SessionController<AppRequestContext>.safeNext("https://evil.example/") == "/admin")
        #expect(SessionController<AppRequestContext>.safeNext("//evil.example/admin") == "/admin")
        #expect(SessionController<AppRequestContext>.safeNext("/admin/users") == "/admin/users")
        #expect(SessionController<AppRequestContext>.safeNext("/admin\r\nSet-Cookie: x") == "/admin")
    }
}
