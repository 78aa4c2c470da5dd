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

/// `/admin/mail`: administrators see what the outbox could not deliver and queue it again.
@Suite struct FailedMailAdminTests {
    static func queue(_ database: any Database, to: String, status: String, attempts: Int, error: String) async throws -> Int64 {
        try await database.write { sql in
            let id = try await MailQueries.enqueue(sql, to: to, subject: "Subject for \(to)", body: "Hi", now: TestDatabases.referenceNow)
            try await sql.raw("""
                UPDATE mail_outbox SET status = \(bind: status), attempts = \(bind: attempts), last_error = \(bind: error),
                next_attempt_at = \(bind: TestDatabases.referenceNow.epochSeconds + 3600) WHERE id = \(bind: id)
                """).run()
            return id
        }
    }

    @Test(arguments: TestDatabases.engines)
    func administratorsSeeFailedAndRetryingMailAndRetryMakesItDueNow(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database in
            try await BackOfficeTests.makeUsers(database)
            let failed = try await Self.queue(database, to: "gone@c4c.test", status: "failed", attempts: 1,
                                              error: "The mail server answered RCPT TO with 550 <no such user>")
            let retrying = try await Self.queue(database, to: "later@c4c.test", status: "pending", attempts: 2, error: "451 try later")
            _ = try await Self.queue(database, to: "fresh@c4c.test", status: "pending", attempts: 0, error: "")
            _ = try await Self.queue(database, to: "done@c4c.test", status: "sent", attempts: 1, error: "")

            let admin = try await Browser.signIn(client, email: "admin%40c4c.test", database: database)
            let page = try await client.execute(uri: "/admin/mail", method: .get, headers: admin.headers)
            #expect(page.status == .ok)
            #expect(page.text.contains("gone@c4c.test") && page.text.contains("later@c4c.test"))
            #expect(!page.text.contains("fresh@c4c.test") && !page.text.contains("done@c4c.test"), "only mail in trouble is listed")
            #expect(page.text.contains("550 &lt;no such user&gt;"), "the server's answer, escaped")
            #expect(page.text.contains("action=\"/admin/mail/\(failed)/retry\"") && page.text.contains("name=\"_csrf\" value=\"\(admin.csrf)\""))
            #expect(page.text.contains("href=\"/admin/mail\""), "linked from the navigation")

            let forged = try await client.execute(uri: "/admin/mail/\(failed)/retry", method: .post, headers: admin.headers,
                                                  body: ByteBuffer(string: "_csrf=forged"))
            #expect(forged.status == .forbidden)
            #expect(try await MailQueries(database: database).all().first { $0.id == failed }?.status == "failed")

            let retried = try await client.execute(uri: "/admin/mail/\(failed)/retry", method: .post, headers: admin.headers,
                                                   body: ByteBuffer(string: "_csrf=\(admin.csrf)"))
            #expect(retried.status == .seeOther && retried.headers[.location] == "/admin/mail?retried=1")
            let row = try await database.read { sql in
                try await sql.raw("SELECT status, attempts, next_attempt_at FROM mail_outbox WHERE id = \(bind: failed)").first()
            }
            #expect(try row?.decode(column: "status", as: String.self) == "pending")
            #expect(try row?.decode(column: "attempts", as: Int.self) == 0)
            #expect(try row?.decode(column: "next_attempt_at", as: Int64.self) == TestDatabases.referenceNow.epochSeconds, "due now")
            // The app's own delivery worker runs beside the test and may take the message first: either
            // way it is picked up now, while the one still waiting for its retry is not.
            let claimed = try await MailQueries(database: database).claim(worker: "w", now: TestDatabases.referenceNow)
            let takenByTheApp = try await database.read { sql in
                try await sql.raw("""
                    SELECT COUNT(*) AS n FROM mail_outbox WHERE id = \(bind: failed) AND (claimed_by IS NOT NULL OR status IN ('sent', 'written'))
                    """).first()!.decode(column: "n", as: Int.self)
            }
            #expect(claimed.map(\.id).contains(failed) || takenByTheApp == 1)
            #expect(!claimed.map(\.id).contains(retrying))
            let audit = try await AuditQueries(database: database).latest()
            #expect(audit.contains { $0.action == "retry-mail" && $0.itemId == failed })

            let again = try await client.execute(uri: "/admin/mail/\(failed)/retry", method: .post, headers: admin.headers,
                                                 body: ByteBuffer(string: "_csrf=\(admin.csrf)"))
            #expect(again.headers[.location] == "/admin/mail?retried=0", "a message being sent is left to its worker")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func editorsAndFocalPointsCannotSeeOrRetryMail(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database in
            try await BackOfficeTests.makeUsers(database)
            let failed = try await Self.queue(database, to: "gone@c4c.test", status: "failed", attempts: 8, error: "refused")
            for email in ["editor%40c4c.test", "focal%40c4c.test"] {
                let browser = try await Browser.signIn(client, email: email, database: database)
                #expect(try await client.execute(uri: "/admin/mail", method: .get, headers: browser.headers).status == .forbidden)
                let dashboard = try await client.execute(uri: "/admin", method: .get, headers: browser.headers)
                #expect(!dashboard.text.contains("href=\"/admin/mail\""))
                let retry = try await client.execute(uri: "/admin/mail/\(failed)/retry", method: .post, headers: browser.headers,
                                                     body: ByteBuffer(string: "_csrf=\(browser.csrf)"))
                #expect(retry.status == .forbidden)
            }
            #expect(try await MailQueries(database: database).all().first?.status == "failed")
        }
    }
}
