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

/// The contact form: a message is kept and forwarded with `Reply-To` the visitor, together; a
/// refused one keeps what was typed; robots and floods are turned away; editors mark messages handled.
@Suite struct ContactTests {
    static func send(_ client: some TestClientProtocol, _ pairs: [(String, String)], path: String = "/contact") async throws -> TestResponse {
        try await client.execute(uri: path, method: .post, headers: Browser.form, body: ContentAdminTests.encode(pairs))
    }

    static func messages(_ database: any Database) async throws -> [(name: String, email: String, subject: String, message: String, language: String)] {
        try await database.read { sql in
            try await sql.raw("SELECT name, email, subject, message, language FROM contact_messages ORDER BY id").all().map {
                (try $0.decode(column: "name", as: String.self), try $0.decode(column: "email", as: String.self),
                 try $0.decode(column: "subject", as: String.self), try $0.decode(column: "message", as: String.self),
                 try $0.decode(column: "language", as: String.self))
            }
        }
    }

    static let message = [("name", "Zoë Ndlovu"), ("email", "zoe@example.org"), ("subject", "Play streets in Durban"),
                          ("message", "Hello,\nwe would like to join the next webinar.")]

    @Test(arguments: TestDatabases.engines)
    func aMessageIsStoredAndItsForwardQueuedWithReplyToTheVisitor(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            let form = try await client.execute(uri: "/fr/contact", method: .get)
            #expect(form.status == .ok)
            #expect(form.text.contains(#"<form class="public-form" method="post" action="/fr/contact" novalidate>"#))

            let sent = try await Self.send(client, Self.message, path: "/fr/contact")
            #expect(sent.status == .ok)
            #expect(sent.headers[.cacheControl] == "no-store")
            #expect(sent.text.contains("Merci pour votre message"), "thanked in the language of the form")
            let stored = try await Self.messages(database)
            #expect(stored.count == 1)
            #expect(stored.first?.name == "Zoë Ndlovu")
            #expect(stored.first?.message == "Hello,\nwe would like to join the next webinar.")
            #expect(stored.first?.language == "fr")

            let mail = try #require(try await MailQueries(database: database).all().first)
            #expect(mail.toAddress == "secretariat@cities4children.example", "forwarded to the contact address from settings")
            #expect(mail.subject == "Contact form: Play streets in Durban")
            #expect(mail.bodyText.contains("From: Zoë Ndlovu <zoe@example.org>"))
            #expect(mail.bodyText.contains("we would like to join the next webinar."))
            let headers = try JSONDecoder().decode([String: String].self, from: Data(mail.headers.utf8))
            #expect(headers["Reply-To"] == "zoe@example.org")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aRefusedMessageKeepsEveryValueAndSaysWhatIsWrongBesideTheField(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            let refused = try await Self.send(client, [("name", ""), ("email", "zoe at example"), ("subject", "A <b>bold</b> subject"),
                                                       ("message", "Only this & that")])
            #expect(refused.status == .unprocessableContent)
            let html = refused.text
            #expect(html.contains(#"value="zoe at example""#))
            #expect(html.contains(#"value="A &lt;b&gt;bold&lt;/b&gt; subject""#))
            #expect(html.contains(">Only this &amp; that</textarea>"))
            #expect(html.contains(#"<span class="field-error" id="contact-name-error">Enter a name.</span>"#))
            #expect(html.contains(#"aria-describedby="contact-email-error""#))
            #expect(!html.contains(#"id="contact-message-error""#))
            let empty = try await Self.send(client, [("name", "Zoë"), ("email", "zoe@example.org"), ("message", "  \n ")])
            #expect(empty.text.contains(#"<span class="field-error" id="contact-message-error">Write your message.</span>"#))
            #expect(try await Self.messages(database).isEmpty)
            #expect(try await MailQueries(database: database).all().isEmpty)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aFilledHoneypotIsThankedAndNothingIsKept(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            let robot = try await Self.send(client, Self.message + [("website", "http://spam.example")])
            #expect(robot.status == .ok)
            #expect(robot.text.contains("Thank you for your message"))
            #expect(try await Self.messages(database).isEmpty)
            #expect(try await MailQueries(database: database).all().isEmpty)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func messagesFromOneAddressAreLimitedPerHour(engine: Engine) async throws {
        let clock = TestClock(TestDatabases.referenceNow)
        try await TestApp.run(engine, clock: clock.wallClock) { client, database async throws in
            for _ in 0..<PublicFormLimit.contact.perAddress {
                #expect(try await Self.send(client, Self.message).status == .ok)
            }
            let limited = try await Self.send(client, Self.message)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.text.contains("Too many forms were sent from your network"))
            #expect(limited.text.contains(#"value="Play streets in Durban""#), "the form keeps what was typed")
            #expect(try await Self.messages(database).count == PublicFormLimit.contact.perAddress)
            clock.advance(by: 3601)
            #expect(try await Self.send(client, Self.message).status == .ok)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func editorsSeeMessagesAndMarkThemHandled(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            _ = try await Self.send(client, Self.message)
            let id = try await database.read { sql in
                try await sql.raw("SELECT id FROM contact_messages").first()!.decode(column: "id", as: Int64.self)
            }
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            let open = try await client.execute(uri: "/admin/messages", method: .get, headers: editor.headers)
            #expect(open.status == .ok)
            #expect(open.text.contains("Play streets in Durban"))
            #expect(open.text.contains(#"href="mailto:zoe@example.org""#))
            let handled = try await client.execute(uri: "/admin/messages/\(id)/handled", method: .post, headers: editor.headers,
                                                   body: ContentAdminTests.encode([("_csrf", editor.csrf)]))
            #expect(handled.status == .seeOther)
            #expect(!(try await client.execute(uri: "/admin/messages", method: .get, headers: editor.headers).text.contains("Play streets in Durban")),
                    "a handled message leaves the list of those to handle")
            let all = try await client.execute(uri: "/admin/messages?show=all", method: .get, headers: editor.headers).text
            #expect(all.contains("Play streets in Durban"))
            #expect(all.contains("Handled by Eddie Editor"))
            let focal = try await Browser.signIn(client, email: "focal%40c4c.test", database: database)
            #expect(try await client.execute(uri: "/admin/messages", method: .get, headers: focal.headers).status == .forbidden)
            #expect(try await client.execute(uri: "/admin/messages/\(id)/handled", method: .post, headers: focal.headers,
                                             body: ContentAdminTests.encode([("_csrf", focal.csrf)])).status == .forbidden)
        }
    }
}
