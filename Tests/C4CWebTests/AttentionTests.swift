@testable import C4CWeb
import C4CCore
@testable import C4CStore
import C4CTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

private let now = TestDatabases.referenceNow.epochSeconds
private let day: Int64 = 86_400

private func content(_ slug: String, updatedAt: Int64 = now - 30 * day) -> [(String, Inserter.Value)] {
    [("lang", "en"), ("translation_group", "attention/\(slug)"), ("slug", slug), ("status", "published"),
     ("publish_at", now - 60 * day), ("created_at", now - 60 * day), ("updated_at", updatedAt)]
}

private func insert(_ database: any Database, _ table: String, _ columns: [(String, Inserter.Value)]) async throws -> Int64 {
    try await database.write { sql in try await Inserter(sql).insertRow(table, columns) }
}

private func fact(_ database: any Database, _ slug: String, year: Int, updatedAt: Int64) async throws -> Int64 {
    try await insert(database, "key_facts", content(slug, updatedAt: updatedAt) + [
        ("headline", "Headline \(slug)"), ("figure", "1 in 3"), ("source_name", "Survey \(slug)"), ("source_year", year)])
}

private func vacancy(_ database: any Database, _ slug: String, deadline: Int64, organisation: Int64? = nil) async throws -> Int64 {
    try await insert(database, "vacancies", content(slug) + [
        ("title", "Vacancy \(slug)"), ("kind", "job"), ("deadline_at", deadline), ("deadline_zone", "UTC"),
        ("organisation_id", organisation)])
}

private func webinar(_ database: any Database, _ slug: String, endedDaysAgo: Int64, online: Bool = true) async throws -> Int64 {
    let end = now - endedDaysAgo * day
    return try await insert(database, "events", content(slug) + [
        ("title", "Webinar \(slug)"), ("starts_at", end - 3600), ("ends_at", end), ("time_zone", "UTC"), ("online", online)])
}

private func contribution(_ database: any Database, _ reference: String, status: String) async throws -> Int64 {
    try await insert(database, "contributions", [
        ("reference", reference), ("status_token", "token-\(reference)"), ("kind", "idea"), ("title", "Idea \(reference)"),
        ("name", "Contributor"), ("email", "contributor@c4c.test"), ("consent_to_publish", true), ("privacy_accepted", true),
        ("status", status), ("created_at", now - day), ("updated_at", now - day)])
}

/// An image as a contributor's file or an import brings it: nobody has answered its safeguarding question.
private func unansweredImage(_ database: any Database, _ name: String) async throws -> Int64 {
    try await database.write { sql in
        let inserter = Inserter(sql)
        let file = try await inserter.storeFile(name: name, contentType: "image/png", data: Data(name.utf8), now: TestDatabases.referenceNow)
        return try await inserter.insert("media", ["file_id": file, "kind": "image", "title": name, "credit": "Someone",
                                                   "created_at": now])
    }
}

private func adminID(_ database: any Database) async throws -> Int64 {
    try await database.read { sql in
        try await sql.raw("SELECT id FROM users WHERE email = 'admin@c4c.test'").first()!.decode(column: "id", as: Int64.self)
    }
}

private func dashboard(_ client: some TestClientProtocol, _ browser: Browser) async throws -> String {
    let response = try await client.execute(uri: "/admin", method: .get, headers: browser.headers)
    #expect(response.status == .ok)
    return response.text
}

/// The dashboard's "What needs attention": each kind of item is listed, linked to where it is
/// handled, while it is due, and leaves the list once handled.
@Suite struct AttentionTests {
    @Test(arguments: TestDatabases.engines)
    func eachKindIsListedWhileDueAndLeavesOnceHandled(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database in
            try await BackOfficeTests.makeUsers(database)
            let oldFact = try await fact(database, "old", year: 2019, updatedAt: now - 40 * 30 * day)
            let recentSource = try await fact(database, "recent-source", year: 2026, updatedAt: now - 40 * 30 * day)
            let recentlySaved = try await fact(database, "recently-saved", year: 2019, updatedAt: now - 30 * day)
            let received = try await contribution(database, "C-1", status: "received")
            let changes = try await contribution(database, "C-2", status: "changes_requested")
            let accepted = try await contribution(database, "C-3", status: "accepted")
            let failed = try await FailedMailAdminTests.queue(database, to: "gone@c4c.test", status: "failed", attempts: 1, error: "550")
            _ = try await FailedMailAdminTests.queue(database, to: "later@c4c.test", status: "pending", attempts: 2, error: "451")
            let image = try await unansweredImage(database, "imported.png")
            let uploaded = try await MediaQueries(database: database).create(
                name: "answered.png", contentType: "image/png", data: Data("x".utf8), isImage: true, width: 1, height: 1,
                details: .init(title: "Answered", altText: "Alt", credit: "Credit", showsIdentifiableChildren: false, consentOnFile: false),
                userID: try await adminID(database), now: TestDatabases.referenceNow)
            let closing = try await vacancy(database, "closing", deadline: now + 3 * day)
            let later = try await vacancy(database, "later", deadline: now + 10 * day)
            let closed = try await vacancy(database, "closed", deadline: now - day)
            let unrecorded = try await webinar(database, "unrecorded", endedDaysAgo: 10)
            let justEnded = try await webinar(database, "just-ended", endedDaysAgo: 3)
            let inPerson = try await webinar(database, "in-person", endedDaysAgo: 10, online: false)

            let admin = try await Browser.signIn(client, email: "admin%40c4c.test", database: database)
            var page = try await dashboard(client, admin)
            #expect(page.contains("What needs attention"))
            let listed = [("/admin/content/facts/\(oldFact)", true), ("/admin/content/facts/\(recentSource)", false),
                          ("/admin/content/facts/\(recentlySaved)", false),
                          ("/admin/contributions/\(received)", true), ("/admin/contributions/\(changes)", true),
                          ("/admin/contributions/\(accepted)", false),
                          ("/admin/media/\(image)", true), ("/admin/media/\(uploaded)", false),
                          ("/admin/content/vacancies/\(closing)", true), ("/admin/content/vacancies/\(later)", false),
                          ("/admin/content/vacancies/\(closed)", false),
                          ("/admin/content/events/\(unrecorded)", true), ("/admin/content/events/\(justEnded)", false),
                          ("/admin/content/events/\(inPerson)", false)]
            for (href, expected) in listed {
                #expect(page.contains("href=\"\(href)\"") == expected, "\(href) listed: \(expected)")
            }
            #expect(page.contains("Failed mail (1)") && page.contains("gone@c4c.test") && !page.contains("later@c4c.test"))
            #expect(page.contains("Contributions waiting (2)"))
            #expect(page.contains("Survey old, 2019"), "a fact names its source and year")
            #expect(page.contains("closes Nov 29, 2026"), "a vacancy's deadline in the site's zone")

            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            let editorPage = try await dashboard(client, editor)
            #expect(editorPage.contains("href=\"/admin/media/\(image)\""))
            #expect(!editorPage.contains("Failed mail") && !editorPage.contains("gone@c4c.test"), "failed mail is for administrators")

            // Handled: the fact saved, the contributions decided, the mail retried, the image answered
            // through its form, the vacancy past its deadline, the recording added.
            try await database.write { sql in
                try await sql.raw("UPDATE key_facts SET updated_at = \(bind: now) WHERE id = \(bind: oldFact)").run()
                try await sql.raw("UPDATE contributions SET status = 'accepted' WHERE id IN (\(bind: received), \(bind: changes))").run()
                try await sql.raw("UPDATE vacancies SET deadline_at = \(bind: now - 60) WHERE id = \(bind: closing)").run()
                try await sql.raw("UPDATE events SET recording_url = 'https://video.example/1' WHERE id = \(bind: unrecorded)").run()
            }
            let retried = try await client.execute(uri: "/admin/mail/\(failed)/retry", method: .post, headers: admin.headers,
                                                   body: ByteBuffer(string: "_csrf=\(admin.csrf)"))
            #expect(retried.status == .seeOther)
            let answered = try await client.execute(uri: "/admin/media/\(image)", method: .post, headers: editor.headers, body: ByteBuffer(
                string: "_csrf=\(editor.csrf)&title=Imported&alt_text=Children+at+a+fountain&credit=Someone&shows_identifiable_children=no"))
            #expect(answered.status == .seeOther)

            page = try await dashboard(client, admin)
            for (href, _) in listed {
                #expect(!page.contains("href=\"\(href)\""), "\(href) handled")
            }
            #expect(!page.contains("Failed mail") && !page.contains("Contributions waiting"), "an empty group shows nothing")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func theReviewAgeSetInSettingsDecidesWhichFactsAreDue(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database in
            try await BackOfficeTests.makeUsers(database)
            // 2026-11-26: from 1 January 2025 and from a save 20 months ago, both under 24 months.
            let twentyMonths = try await fact(database, "twenty-months", year: 2025, updatedAt: now - 20 * 30 * day)
            let admin = try await Browser.signIn(client, email: "admin%40c4c.test", database: database)
            #expect(!(try await dashboard(client, admin)).contains("href=\"/admin/content/facts/\(twentyMonths)\""), "not due at the default 24 months")

            let settings = try await client.execute(uri: "/admin/settings", method: .get, headers: admin.headers).text
            #expect(settings.contains(#"name="factReviewMonths" inputmode="numeric" value="24""#), "the default is shown")
            let fields = "_csrf=\(admin.csrf)&siteName=Cities4Children&timeZone=UTC"
            for typed in ["0", "twelve", "241"] {
                let refused = try await client.execute(uri: "/admin/settings", method: .post, headers: admin.headers,
                                                       body: ByteBuffer(string: "\(fields)&factReviewMonths=\(typed)"))
                #expect(refused.status == .unprocessableContent)
                #expect(refused.text.contains("value=\"\(typed)\""), "what was typed is kept")
                #expect(refused.text.contains(#"id="factReviewMonths-error">Enter a whole number of months from 1 to 240."#))
            }
            let saved = try await client.execute(uri: "/admin/settings", method: .post, headers: admin.headers,
                                                 body: ByteBuffer(string: "\(fields)&factReviewMonths=18"))
            #expect(saved.status == .seeOther)
            #expect(try await dashboard(client, admin).contains("href=\"/admin/content/facts/\(twentyMonths)\""), "due at 18 months")

            let withoutTheField = try await client.execute(uri: "/admin/settings", method: .post, headers: admin.headers,
                                                           body: ByteBuffer(string: fields))
            #expect(withoutTheField.status == .seeOther)
            #expect(try await client.execute(uri: "/admin/settings", method: .get, headers: admin.headers).text
                .contains(#"name="factReviewMonths" inputmode="numeric" value="18""#), "a form without the field leaves it as it was")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aFocalPointSeesNoOtherOrganisationsItems(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database in
            try await BackOfficeTests.makeUsers(database)
            let organisations = try await database.read { sql in
                try await sql.raw("SELECT id FROM organisations ORDER BY id LIMIT 2").all().map { try $0.decode(column: "id", as: Int64.self) }
            }
            let own = try await vacancy(database, "own", deadline: now + 2 * day, organisation: organisations[0])
            let other = try await vacancy(database, "other", deadline: now + 2 * day, organisation: organisations[1])
            let image = try await unansweredImage(database, "contributed.png")

            let focal = try await Browser.signIn(client, email: "focal%40c4c.test", database: database)
            let page = try await dashboard(client, focal)
            #expect(!page.contains("What needs attention"), "nothing in the list is a focal point's to act on")
            for href in ["/admin/content/vacancies/\(other)", "/admin/content/vacancies/\(own)", "/admin/media/\(image)"] {
                #expect(!page.contains(href))
            }
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            let editorPage = try await dashboard(client, editor)
            #expect(editorPage.contains("href=\"/admin/content/vacancies/\(other)\"") && editorPage.contains("href=\"/admin/content/vacancies/\(own)\""))
        }
    }
}
