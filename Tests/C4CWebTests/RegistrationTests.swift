@testable import C4CWeb
import C4CCore
@testable import C4CStore
import C4CTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import Synchronization
import Testing

/// Built-in webinar registration: places up to the capacity, a waiting list promoted in order,
/// cancel links that a GET cannot use, closing on time, reminders once, and lists for editors.
@Suite struct RegistrationTests {
    static let now = TestDatabases.referenceNow
    static let start = now.epochSeconds + 2 * 86_400

    /// A public online event with built-in registration for `capacity` people, closing an hour before it starts.
    @discardableResult
    static func event(_ database: any Database, capacity: Int? = 2, slug: String = "city-walks-webinar") async throws -> Int64 {
        try await database.write { sql in
            // As an editor's save does: pages rendered before know they are stale.
            try await ContentVersionQueries.bump(sql)
            return try await Inserter(sql).insertRow("events", [
                ("lang", "en"), ("translation_group", "events/\(slug)"), ("slug", slug), ("status", "published"),
                ("publish_at", now.epochSeconds - 86_400), ("created_at", now.epochSeconds), ("updated_at", now.epochSeconds),
                ("title", "City walks with children"), ("summary", "How to walk a neighbourhood with its children."),
                ("starts_at", start), ("ends_at", start + 3_600), ("time_zone", "Africa/Nairobi"), ("online", true),
                ("registration", "builtin"), ("capacity", capacity), ("registration_closes_at", start - 3_600),
            ])
        }
    }

    static func register(_ client: some TestClientProtocol, _ name: String, email: String? = nil, path: String = "/events/city-walks-webinar/register")
        async throws -> TestResponse {
        try await client.execute(uri: path, method: .post, headers: Browser.form, body: ContentAdminTests.encode([
            ("name", name), ("email", email ?? "\(name.lowercased())@example.org"), ("organisation", "Walkers"), ("country", ""),
        ]))
    }

    static func statuses(_ database: any Database) async throws -> [String] {
        try await database.read { sql in
            try await sql.raw("SELECT name, status FROM registrations ORDER BY id").all().map {
                "\(try $0.decode(column: "name", as: String.self)) \(try $0.decode(column: "status", as: String.self))"
            }
        }
    }

    static func cancelLink(_ mail: MailQueries.Message) throws -> String {
        String(try #require(mail.bodyText.firstMatch(of: /http:\/\/c4c\.test(\/events\/registration\/[A-Za-z0-9_-]+)/)?.output.1))
    }

    @Test(arguments: TestDatabases.engines)
    func registrationsBeyondCapacityWaitAndArePromotedInOrderWhenSomeoneCancels(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await Self.event(database)
            for name in ["Amina", "Bruno", "Chen", "Dalia"] { #expect(try await Self.register(client, name).status == .ok) }
            #expect(try await Self.statuses(database) == ["Amina registered", "Bruno registered", "Chen waiting", "Dalia waiting"])
            var mail = try await MailQueries(database: database).all()
            #expect(mail.map(\.subject) == ["You are registered: City walks with children", "You are registered: City walks with children",
                                            "Waiting list: City walks with children", "Waiting list: City walks with children"])
            #expect(mail[0].attachments.map(\.filename) == ["city-walks-webinar.ics"])
            #expect(String(decoding: mail[0].attachments[0].data, as: UTF8.self).contains("BEGIN:VEVENT"))
            #expect(mail[0].bodyText.contains("Nairobi"))
            #expect(mail[3].bodyText.contains("number 2 on the waiting list"))
            #expect(mail[2].attachments.isEmpty)

            // A mail scanner opens Amina's cancel link: nothing changes until the button is pressed.
            let amina = try Self.cancelLink(mail[0])
            let page = try await client.execute(uri: amina, method: .get)
            #expect(page.status == .ok && page.text.contains("Cancel my registration"))
            #expect(try await Self.statuses(database)[0] == "Amina registered")
            #expect(try await client.execute(uri: amina, method: .post, headers: Browser.form).status == .ok)
            #expect(try await Self.statuses(database) == ["Amina cancelled", "Bruno registered", "Chen registered", "Dalia waiting"])
            mail = try await MailQueries(database: database).all()
            #expect(mail.suffix(2).map(\.toAddress) == ["amina@example.org", "chen@example.org"])
            #expect(mail.last?.subject == "A place for you: City walks with children")
            #expect(mail.last?.attachments.map(\.filename) == ["city-walks-webinar.ics"])

            // Cancelling twice frees no second place.
            #expect(try await client.execute(uri: amina, method: .post, headers: Browser.form).status == .ok)
            #expect(try await Self.statuses(database) == ["Amina cancelled", "Bruno registered", "Chen registered", "Dalia waiting"])
            try await client.execute(uri: try Self.cancelLink(mail[1]), method: .post, headers: Browser.form)
            #expect(try await Self.statuses(database) == ["Amina cancelled", "Bruno cancelled", "Chen registered", "Dalia registered"])
        }
    }

    @Test(arguments: TestDatabases.engines)
    func registeringTwiceKeepsOnePlaceAndSendsItsDetailsAgain(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await Self.event(database, capacity: 1)
            #expect(try await Self.register(client, "Amina").status == .ok)
            let again = try await Self.register(client, "Amina", email: " AMINA@example.org ")
            #expect(again.text.contains("You are registered"))
            #expect(try await Self.statuses(database) == ["Amina registered"])
            let mail = try await MailQueries(database: database).all()
            #expect(mail.count == 2)
            #expect(try Self.cancelLink(mail[0]) != (try Self.cancelLink(mail[1])), "the first link is replaced")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func registrationClosesAtItsClosingTimeAndTheEventPageSaysSo(engine: Engine) async throws {
        let clock = Mutex(Self.now)
        try await TestApp.run(engine, clock: WallClock { clock.withLock { $0 } }) { client, database async throws in
            try await Self.event(database)
            // Written behind the app's back, as another instance would: it is seen within a second.
            try await Task.sleep(for: .milliseconds(1_200))
            let open = try await client.execute(uri: "/events/city-walks-webinar", method: .get)
            #expect(open.text.contains(#"action="/events/city-walks-webinar/register""#))
            clock.withLock { $0 = Date(epochSeconds: Self.start - 3_600) }
            let closedPage = try await client.execute(uri: "/events/city-walks-webinar", method: .get)
            #expect(!closedPage.text.contains(#"action="/events/city-walks-webinar/register""#))
            #expect(closedPage.text.contains("Registration for this event is closed."))
            let late = try await Self.register(client, "Amina")
            #expect(late.status == .conflict)
            #expect(try await Self.statuses(database).isEmpty)
            #expect(try await MailQueries(database: database).all().isEmpty)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aRefusedRegistrationSaysWhatIsWrongAndKeepsEveryValue(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await Self.event(database)
            let response = try await client.execute(uri: "/fr/events/city-walks-webinar/register", method: .post, headers: Browser.form,
                                                    body: ContentAdminTests.encode([("name", "Amina Diallo"), ("email", "amina@"),
                                                                                    ("organisation", "Walkers"), ("country", "")]))
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains(#"id="register-email-error""#))
            #expect(response.text.contains(#"value="Amina Diallo""#) && response.text.contains(#"value="amina@""#)
                    && response.text.contains(#"value="Walkers""#))
            #expect(try await Self.statuses(database).isEmpty)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func remindersAreQueuedOnceTheDayBeforeAndOnlyForPlaces(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await Self.event(database, capacity: 1)
            try await Self.register(client, "Amina")
            try await Self.register(client, "Bruno")
            let queries = RegistrationQueries(database: database)
            let mail = RegistrationMail(catalog: try TextCatalog.load(from: TestApp.rootDirectory.appendingPathComponent("Resources/Catalog")), publicURL: "http://c4c.test")
            let compose: RegistrationQueries.Compose = { mail.compose($0, $1, $2, token: $3, position: $4) }
            #expect(try await queries.queueReminders(compose: compose, now: Date(epochSeconds: Self.start - 25 * 3_600)) == 0)
            #expect(try await queries.queueReminders(compose: compose, now: Date(epochSeconds: Self.start - 23 * 3_600)) == 1)
            #expect(try await queries.queueReminders(compose: compose, now: Date(epochSeconds: Self.start - 22 * 3_600)) == 0)
            let reminders = try await MailQueries(database: database).all().filter { $0.subject.hasPrefix("Tomorrow") }
            #expect(reminders.map(\.toAddress) == ["amina@example.org"])
            #expect(reminders.first?.attachments.map(\.filename) == ["city-walks-webinar.ics"])
        }
    }

    @Test(arguments: TestDatabases.engines)
    func editorsSeeAndExportTheRegistrations(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            let id = try await Self.event(database, capacity: 1)
            try await Self.register(client, "Amina")
            try await Self.register(client, "=HYPERLINK(\"x\")", email: "bruno@example.org")
            try await BackOfficeTests.makeUsers(database)
            let editor = try await Browser.signIn(client, email: "editor@c4c.test", database: database)
            let page = try await client.execute(uri: "/admin/events/\(id)/registrations", method: .get, headers: editor.headers)
            #expect(page.status == .ok)
            #expect(page.text.contains("amina@example.org") && page.text.contains("1 registered, 1 waiting, 0 cancelled; capacity 1."))
            let csv = try await client.execute(uri: "/admin/events/\(id)/registrations.csv", method: .get, headers: editor.headers)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            let lines = csv.text.split(whereSeparator: \.isNewline)
            #expect(lines.first == #""name","email","organisation","country","status","registered_at""#)
            #expect(lines.dropFirst().first?.hasPrefix(#""Amina","amina@example.org","Walkers","","registered","#) == true)
            #expect(lines.dropFirst(2).first?.hasPrefix("\"'=HYPERLINK") == true, "a formula is defused")
        }
    }
}
