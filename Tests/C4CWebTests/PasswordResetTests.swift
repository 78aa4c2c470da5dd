@testable import C4CWeb
import C4CCore
import C4CStore
import C4CTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import SQLKit
import Testing

@Suite struct PasswordResetTests {
    @Test(arguments: TestDatabases.engines)
    func theResetMailIsWrittenInTheAccountsLanguageWhateverTheBrowserAsks(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            try await database.write { sql in try await sql.raw("UPDATE users SET language = 'ar' WHERE email = 'editor@c4c.test'").run() }
            var headers = Browser.form
            headers[.acceptLanguage] = "en-GB,en;q=0.9"
            let asked = try await client.execute(uri: "/admin/password-reset", method: .post, headers: headers,
                                                 body: ByteBuffer(string: "email=editor%40c4c.test"))
            #expect(asked.text.contains("If an account uses that address"), "the page answers in the browser's language")
            let mail = try #require(try await MailQueries(database: database).all().first)
            let catalog = try TextCatalog.load(from: TestApp.rootDirectory.appendingPathComponent("Resources/Catalog"))
            #expect(mail.subject == catalog.text("mail_reset_subject", .ar), "the mail in the editor's chosen Arabic")
            #expect(mail.subject != catalog.text("mail_reset_subject", .en))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aResetLinkWorksOnceAndSignsOutEverywhere(engine: Engine) async throws {
        let clock = TestClock(TestDatabases.referenceNow)
        try await TestApp.run(engine, clock: clock.wallClock) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let oldSession = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            let asked = try await client.execute(uri: "/admin/password-reset", method: .post, headers: Browser.form,
                                                 body: ByteBuffer(string: "email=editor%40c4c.test"))
            let unknown = try await client.execute(uri: "/admin/password-reset", method: .post, headers: Browser.form,
                                                   body: ByteBuffer(string: "email=nobody%40c4c.test"))
            #expect(asked.text.contains("If an account uses that address"))
            #expect(unknown.text.contains("If an account uses that address"), "the same answer for an unknown address")
            let outbox = try await MailQueries(database: database).all()
            #expect(outbox.count == 1, "a mail for the real account only")
            let mail = try #require(outbox.first)
            #expect(mail.toAddress == "editor@c4c.test")
            let link = String(try #require(mail.bodyText.firstMatch(of: /http:\/\/c4c\.test(\/admin\/password-reset\/[A-Za-z0-9_-]+)/)?.1))

            #expect(try await client.execute(uri: link, method: .get).status == .ok)
            let short = try await client.execute(uri: link, method: .post, headers: Browser.form, body: ByteBuffer(string: "password=short&confirmation=short"))
            #expect(short.status == .unprocessableContent)
            let done = try await client.execute(uri: link, method: .post, headers: Browser.form,
                                                body: ByteBuffer(string: "password=a+brand+new+passphrase&confirmation=a+brand+new+passphrase"))
            #expect(done.status == .seeOther)
            #expect(try await client.execute(uri: "/admin", method: .get, headers: oldSession.headers).headers[.location]?.hasPrefix("/admin/login") == true,
                    "the old session is gone")
            _ = try await Browser.signIn(client, email: "editor%40c4c.test", password: "a brand new passphrase", database: database)
            #expect(try await client.execute(uri: link, method: .get).status == .gone, "a link works once")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aResetLinkExpiresAfterAnHour(engine: Engine) async throws {
        let clock = TestClock(TestDatabases.referenceNow)
        try await TestApp.run(engine, clock: clock.wallClock) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            _ = try await client.execute(uri: "/admin/password-reset", method: .post, headers: Browser.form,
                                         body: ByteBuffer(string: "email=editor%40c4c.test"))
            let mail = try #require(try await MailQueries(database: database).all().first)
            let link = String(try #require(mail.bodyText.firstMatch(of: /http:\/\/c4c\.test(\/admin\/password-reset\/[A-Za-z0-9_-]+)/)?.1))
            clock.advance(by: 3601)
            #expect(try await client.execute(uri: link, method: .get).status == .gone)
        }
    }

    struct BrokenServer: MailTransport {
        struct Refused: Error {}
        func send(_ message: MailMessage, outboxID: Int64) async throws -> MailQueries.Outcome { throw Refused() }
    }

    @Test(arguments: TestDatabases.engines)
    func aFailingMailServerLosesNothing(engine: Engine) async throws {
        try await TestDatabases.with(engine) { database in
            let now = TestDatabases.referenceNow
            try await database.write { sql in
                try await MailQueries.enqueue(sql, to: "a@c4c.test", subject: "Réunion", body: "Hello", now: now)
            }
            let mail = MailQueries(database: database)
            let broken = MailDelivery(mail: mail, transport: BrokenServer(), from: { "site@c4c.test" }, publicURL: "http://c4c.test",
                                      clock: .fixed(now), logger: Logger(label: "test"))
            #expect(await broken.deliverDue() == 0)
            let kept = try #require(try await mail.all().first)
            #expect(kept.attempts == 1)
            #expect(kept.status == "pending")
            #expect(try await mail.claim(worker: "test", now: now).isEmpty, "it waits before the next try")
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("c4c-mail-\(UUID().uuidString)")
            let later = now.addingTimeInterval(3600)
            let working = MailDelivery(mail: mail, transport: FolderMailTransport(directory: folder), from: { "site@c4c.test" },
                                       publicURL: "http://c4c.test", clock: .fixed(later), logger: Logger(label: "test"))
            #expect(await working.deliverDue() == 1)
            let written = try String(contentsOf: folder.appendingPathComponent("\(kept.id).eml"), encoding: .utf8)
            #expect(written.contains("To: a@c4c.test\r\n"))
            #expect(written.contains("Subject: =?utf-8?B?"))
            #expect(try await mail.claim(worker: "test", now: later).isEmpty)
            try? FileManager.default.removeItem(at: folder)
        }
    }

    // MARK: Limits

    /// The app behind a proxy, so each request can come from the address its `X-Forwarded-For` names.
    static func runBehindProxy(_ engine: Engine, clock: WallClock,
                               _ body: @escaping @Sendable (any TestClientProtocol, any Database) async throws -> Void) async throws {
        try await TestDatabases.with(engine, seeded: true) { database in
            var configuration = try TestApp.configuration()
            configuration.trustForwardedFor = true
            let dependencies = try await AppDependencies.make(configuration: configuration, database: database, clock: clock)
            try await buildApplication(dependencies, logger: TestDatabases.logger).test(.router) { client in
                try await body(client, database)
            }
        }
    }

    static func askForReset(_ client: some TestClientProtocol, email: String, from address: String) async throws -> TestResponse {
        var headers = Browser.form
        headers[.xForwardedFor] = address
        return try await client.execute(uri: "/admin/password-reset", method: .post, headers: headers,
                                        body: ByteBuffer(string: "email=\(email.replacingOccurrences(of: "@", with: "%40"))"))
    }

    static func links(_ database: any Database) async throws -> [String] {
        try await MailQueries(database: database).all().compactMap {
            $0.bodyText.firstMatch(of: /http:\/\/c4c\.test(\/admin\/password-reset\/[A-Za-z0-9_-]+)/).map { String($0.1) }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func twentyRequestsForOneAccountSendThreeMailsAnHourAndOnlyTheNewestLinkWorks(engine: Engine) async throws {
        let clock = TestClock(TestDatabases.referenceNow)
        try await Self.runBehindProxy(engine, clock: clock.wallClock) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            for index in 1...20 {
                _ = try await Self.askForReset(client, email: "editor@c4c.test", from: "198.51.100.\(index)")
            }
            let links = try await Self.links(database)
            #expect(links.count == 3, "three mails, though each request came from another address")
            for old in links.dropLast() {
                #expect(try await client.execute(uri: old, method: .get).status == .gone, "a newer link voids the older ones")
            }
            #expect(try await client.execute(uri: links[2], method: .get).status == .ok, "the newest link works")

            clock.advance(by: 3601)
            _ = try await Self.askForReset(client, email: "editor@c4c.test", from: "198.51.100.1")
            #expect(try await Self.links(database).count == 4, "an hour later the account gets a mail again")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func twentyRequestsFromOneAddressForTwentyAccountsStopAfterTen(engine: Engine) async throws {
        try await Self.runBehindProxy(engine, clock: .fixed(TestDatabases.referenceNow)) { client, database async throws in
            let hash = try await PasswordHasher.hash(Browser.password)
            let users = UserQueries(database: database)
            for index in 1...20 {
                try await users.create(email: "user\(index)@c4c.test", name: "User \(index)", passwordHash: hash, role: .editor,
                                       now: TestDatabases.referenceNow)
            }
            for index in 1...20 {
                _ = try await Self.askForReset(client, email: "user\(index)@c4c.test", from: "203.0.113.7")
            }
            let outbox = try await MailQueries(database: database).all()
            #expect(outbox.map(\.toAddress) == (1...10).map { "user\($0)@c4c.test" })
            _ = try await Self.askForReset(client, email: "user11@c4c.test", from: "203.0.113.8")
            #expect(try await MailQueries(database: database).all().count == 11, "another address is not held back")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func theAnswerIsTheSameForAnUnknownAKnownAndALimitedRequest(engine: Engine) async throws {
        try await Self.runBehindProxy(engine, clock: .fixed(TestDatabases.referenceNow)) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let known = try await Self.askForReset(client, email: "editor@c4c.test", from: "192.0.2.1")
            let unknown = try await Self.askForReset(client, email: "nobody@c4c.test", from: "192.0.2.2")
            for _ in 1...3 { _ = try await Self.askForReset(client, email: "admin@c4c.test", from: "192.0.2.3") }
            let accountLimited = try await Self.askForReset(client, email: "admin@c4c.test", from: "192.0.2.3")
            for _ in 1...10 { _ = try await Self.askForReset(client, email: "nobody@c4c.test", from: "192.0.2.4") }
            let addressLimited = try await Self.askForReset(client, email: "focal@c4c.test", from: "192.0.2.4")

            #expect(try await MailQueries(database: database).all().map(\.toAddress) == ["editor@c4c.test"] + Array(repeating: "admin@c4c.test", count: 3),
                    "the limited requests queued nothing")
            #expect(known.status == .ok)
            #expect(known.text.contains("If an account uses that address"))
            for other in [unknown, accountLimited, addressLimited] {
                #expect(other.status == known.status)
                #expect(other.text == known.text)
            }
        }
    }
}
