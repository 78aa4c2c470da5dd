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
        func send(_ message: MailQueries.Message, from: String) async throws { throw Refused() }
    }

    @Test(arguments: TestDatabases.engines)
    func aFailingMailServerLosesNothing(engine: Engine) async throws {
        try await TestDatabases.with(engine) { database in
            let now = TestDatabases.referenceNow
            try await database.write { sql in
                try await MailQueries.enqueue(sql, to: "a@c4c.test", subject: "Réunion", body: "Hello", now: now)
            }
            let mail = MailQueries(database: database)
            let broken = MailDelivery(mail: mail, transport: BrokenServer(), from: { "site@c4c.test" }, clock: .fixed(now), logger: Logger(label: "test"))
            #expect(await broken.deliverDue() == 0)
            let kept = try #require(try await mail.all().first)
            #expect(kept.attempts == 1)
            #expect(try await mail.due(now: now).isEmpty, "it waits before the next try")
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("c4c-mail-\(UUID().uuidString)")
            let later = now.addingTimeInterval(3600)
            let working = MailDelivery(mail: mail, transport: FolderMailTransport(directory: folder), from: { "site@c4c.test" },
                                       clock: .fixed(later), logger: Logger(label: "test"))
            #expect(await working.deliverDue() == 1)
            let written = try String(contentsOf: folder.appendingPathComponent("\(kept.id).eml"), encoding: .utf8)
            #expect(written.contains("To: a@c4c.test\r\n"))
            #expect(written.contains("Subject: =?utf-8?B?"))
            #expect(try await mail.due(now: later).isEmpty)
            try? FileManager.default.removeItem(at: folder)
        }
    }
}
