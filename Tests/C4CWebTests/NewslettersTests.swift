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

/// Newsletter issues from an editor's side: composed from what is new, reordered, previewed in
/// both parts, tested, sent once to each matching subscriber however often or from however many
/// instances Send is pressed, and archived on the public site.
@Suite struct NewslettersTests {
    /// A day after the seeded content, so what the tests add is the newest.
    static let now = TestDatabases.referenceNow.addingTimeInterval(86_400)

    static func run(_ engine: Engine, _ body: @escaping @Sendable (any TestClientProtocol, any Database, Browser) async throws -> Void) async throws {
        try await TestApp.run(engine, now: Self.now) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let editor = try await Browser.signIn(client, email: "editor@c4c.test", database: database)
            try await body(client, database, editor)
        }
    }

    static func post(_ client: some TestClientProtocol, _ uri: String, _ browser: Browser, _ pairs: [(String, String)] = []) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .post, headers: browser.headers,
                                 body: ContentAdminTests.encode([("_csrf", browser.csrf)] + pairs))
    }

    /// Inserts a content item and returns its id; `age` is how long before `now` it was published.
    @discardableResult
    static func item(_ database: any Database, _ table: String, _ title: String, lang: String = "en", status: String = "published",
                     age: TimeInterval = 3_600, extra: [String: Int64] = [:]) async throws -> Int64 {
        let slug = Slug.make(from: title)
        let published = Self.now.addingTimeInterval(-age).epochSeconds
        return try await database.write { sql in
            var columns: [(String, Inserter.Value)] = [
                ("lang", lang), ("translation_group", UUID().uuidString), ("slug", slug), ("status", status), ("publish_at", published),
                ("created_at", published), ("updated_at", published), ("title", title), ("summary", "About \(title)"),
            ]
            switch table {
            case "resources": columns += [("kind", "report"), ("published_on", "2026-11-20")]
            case "events": columns += [("starts_at", extra["starts_at"]!), ("ends_at", extra["starts_at"]! + 3_600), ("time_zone", "Europe/Paris")]
            case "vacancies": columns += [("kind", "job"), ("deadline_at", extra["deadline_at"]!), ("deadline_zone", "Africa/Nairobi")]
            default: break
            }
            return try await Inserter(sql).insertRow(table, columns)
        }
    }

    /// Creates an issue through the back office and returns its id.
    static func newIssue(_ client: some TestClientProtocol, _ editor: Browser, language: String = "en",
                         topics: [Int64] = []) async throws -> Int64 {
        let created = try await post(client, "/admin/newsletters", editor, [("language", language)] + topics.map { ("topic", String($0)) })
        #expect(created.status == .seeOther)
        let location = try #require(created.headers[.location])
        return try #require(Int64(location.split(separator: "/").last.map(String.init) ?? ""))
    }

    static func subscribers(_ database: any Database, count: Int, prefix: String, language: String = "en",
                            status: String = "confirmed") async throws {
        let at = TestDatabases.referenceNow.epochSeconds
        try await database.write { sql in
            try await sql.raw("""
                INSERT INTO subscribers (email, name, language, status, created_at, updated_at, confirmed_at)
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(literal: count))
                SELECT \(bind: prefix) || i || '@example.org', '', \(bind: language), \(bind: status), \(bind: at), \(bind: at), \(bind: at) FROM n
                """).run()
        }
    }

    static func giveTopic(_ database: any Database, emailPrefix: String, topic: Int64) async throws {
        try await database.write { sql in
            try await sql.raw("""
                INSERT INTO subscriber_topics (subscriber_id, topic_id) SELECT id, \(bind: topic) FROM subscribers WHERE email LIKE \(bind: emailPrefix + "%")
                """).run()
        }
    }

    static func ready(_ client: some TestClientProtocol, _ editor: Browser, _ database: any Database, id: Int64,
                      subject: String) async throws {
        let issue = try #require(try await NewsletterQueries(database: database).issue(id: id))
        let saved = try await post(client, "/admin/newsletters/\(id)", editor, [("subject", subject), ("introduction", "Hello **readers**.")]
                                   + issue.items.map { ("keep", $0.key) } + issue.topicIDs.map { ("topic", String($0)) })
        #expect(saved.status == .seeOther)
    }

    @Test(arguments: TestDatabases.engines)
    func suggestionsOfferOnlyNewPublicItemsInTheIssuesLanguage(engine: Engine) async throws {
        try await Self.run(engine) { client, database, editor in
            let later = Self.now.addingTimeInterval(7 * 86_400).epochSeconds
            let earlier = Self.now.addingTimeInterval(-86_400).epochSeconds
            let fresh = try await Self.item(database, "resources", "Fresh report on school streets")
            let post = try await Self.item(database, "blog_posts", "Fresh post about play")
            let webinar = try await Self.item(database, "events", "Upcoming webinar on shade", extra: ["starts_at": later])
            let vacancy = try await Self.item(database, "vacancies", "Open vacancy for a researcher", extra: ["deadline_at": later])
            let old = try await Self.item(database, "resources", "Old report from last season", age: 60 * 86_400)
            let draft = try await Self.item(database, "resources", "Draft report not yet public", status: "draft")
            let scheduled = try await Self.item(database, "blog_posts", "Scheduled post for next week", status: "scheduled", age: -86_400)
            let french = try await Self.item(database, "resources", "Rapport en français", lang: "fr")
            let past = try await Self.item(database, "events", "Webinar that already happened", extra: ["starts_at": earlier])
            let closed = try await Self.item(database, "vacancies", "Closed vacancy", extra: ["deadline_at": earlier])

            let id = try await Self.newIssue(client, editor)
            let issue = try #require(try await NewsletterQueries(database: database).issue(id: id))
            let chosen = Set(issue.items)
            for (type, id) in [(NewsletterQueries.ItemType.resources, fresh), (.blogPosts, post), (.events, webinar), (.vacancies, vacancy)] {
                #expect(chosen.contains(.init(type: type, id: id)), "\(type) \(id) is new and public")
            }
            for (type, id) in [(NewsletterQueries.ItemType.resources, old), (.resources, draft), (.blogPosts, scheduled), (.resources, french),
                               (.events, past), (.vacancies, closed)] {
                #expect(!chosen.contains(.init(type: type, id: id)), "\(type) \(id) is not suggested")
            }
            #expect(issue.suggestedSince == Self.now.addingTimeInterval(-30 * 86_400).epochSeconds, "the first issue looks back 30 days")
            let page = try await client.execute(uri: "/admin/newsletters/\(id)", method: .get, headers: editor.headers)
            #expect(page.status == .ok)
            #expect(page.text.contains("Fresh report on school streets"))
            #expect(!page.text.contains("Old report from last season"))

            // Once an issue is sent, the next one starts from its sending, and what it carried is not offered again.
            try await Self.ready(client, editor, database, id: id, subject: "November")
            #expect(try await Self.post(client, "/admin/newsletters/\(id)/send", editor).status == .seeOther)
            let next = try #require(try await NewsletterQueries(database: database).issue(id: try await Self.newIssue(client, editor)))
            #expect(next.suggestedSince == Self.now.epochSeconds)
            #expect(!next.items.contains(.init(type: .events, id: webinar)), "an event already announced is not suggested again")
            #expect(!next.items.contains(.init(type: .resources, id: fresh)))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func reorderingAndTheIntroductionAreKeptAndThePreviewShowsBothPartsInOrder(engine: Engine) async throws {
        try await Self.run(engine) { client, database, editor in
            let first = try await Self.item(database, "resources", "Alpha toolkit", age: 3_000)
            let second = try await Self.item(database, "resources", "Bravo brief", age: 2_000)
            let third = try await Self.item(database, "blog_posts", "Charlie column", age: 1_000)
            let id = try await Self.newIssue(client, editor)
            let keys = [NewsletterQueries.ItemRef(type: .resources, id: first), .init(type: .resources, id: second),
                        .init(type: .blogPosts, id: third)]
            // Numbers put Charlie first, Alpha second, Bravo third; then Bravo moves up above Alpha.
            let positions: [(String, String)] = [("position-resources-\(first)", "2"), ("position-resources-\(second)", "3"),
                                                 ("position-blog_posts-\(third)", "1")]
            let typed = [("subject", "Our December news"), ("introduction", "A word first, with [a link](/resources).")]
                + keys.map { ("keep", $0.key) } + positions
            #expect(try await Self.post(client, "/admin/newsletters/\(id)", editor, typed).status == .seeOther)
            #expect(try await NewsletterQueries(database: database).issue(id: id)?.items == [keys[2], keys[0], keys[1]])
            let moved = try await Self.post(client, "/admin/newsletters/\(id)", editor,
                                            typed.filter { !$0.0.hasPrefix("position") } + [("move", "up:\(keys[1].key)")])
            #expect(moved.status == .seeOther)
            let issue = try #require(try await NewsletterQueries(database: database).issue(id: id))
            #expect(issue.items == [keys[2], keys[1], keys[0]])
            #expect(issue.introduction == "A word first, with [a link](/resources).")
            #expect(issue.subject == "Our December news")

            // A refused save keeps every value typed and says what is wrong by the field.
            let long = String(repeating: "x", count: 201)
            let refused = try await Self.post(client, "/admin/newsletters/\(id)", editor,
                                              [("subject", long), ("introduction", "Kept text")] + keys.map { ("keep", $0.key) })
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains(#"id="subject-error""#))
            #expect(refused.text.contains(long) && refused.text.contains("Kept text"))
            #expect(try await NewsletterQueries(database: database).issue(id: id)?.subject == "Our December news")

            let preview = try await client.execute(uri: "/admin/newsletters/\(id)/preview", method: .get, headers: editor.headers)
            #expect(preview.status == .ok)
            let text = preview.text
            let inText = ["Charlie column", "Bravo brief", "Alpha toolkit"].map { text.range(of: $0)?.lowerBound }
            #expect(inText.allSatisfy { $0 != nil } && inText[0]! < inText[1]! && inText[1]! < inText[2]!, "the text part in order")
            #expect(text.contains("http://c4c.test/blog/charlie-column"))
            let html = try await client.execute(uri: "/admin/newsletters/\(id)/mail.html", method: .get, headers: editor.headers)
            #expect(html.status == .ok)
            #expect(html.headers[HTTPField.Name("Content-Security-Policy")!]?.contains("sandbox") == true)
            let inHTML = ["Charlie column", "Bravo brief", "Alpha toolkit"].map { html.text.range(of: $0)?.lowerBound }
            #expect(inHTML.allSatisfy { $0 != nil } && inHTML[0]! < inHTML[1]! && inHTML[1]! < inHTML[2]!, "the HTML part in order")
            #expect(html.text.contains(#"<a href="http://c4c.test/resources">a link</a>"#), "links in the introduction are absolute")
            #expect(html.text.contains(#"href="http://c4c.test/resources/alpha-toolkit""#))
            #expect(html.text.contains("style=\""), "styles are inline")
            #expect(!html.text.contains("<link") && !html.text.contains("<script"))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aTestGoesOnlyToTheSignedInEditor(engine: Engine) async throws {
        try await Self.run(engine) { client, database, editor in
            try await Self.subscribers(database, count: 5, prefix: "reader")
            try await Self.item(database, "resources", "Test-worthy report")
            let id = try await Self.newIssue(client, editor)
            let issue = try #require(try await NewsletterQueries(database: database).issue(id: id))
            let before = try await MailQueries(database: database).all().count
            let tested = try await Self.post(client, "/admin/newsletters/\(id)", editor,
                                             [("subject", "Trial run"), ("action", "test")] + issue.items.map { ("keep", $0.key) })
            #expect(tested.status == .seeOther)
            let mail = try await MailQueries(database: database).all().dropFirst(before)
            #expect(mail.map(\.toAddress) == ["editor@c4c.test"])
            #expect(mail.first?.subject == "[Test] Trial run")
            #expect(mail.first?.bodyText.contains("Test-worthy report") == true)
            #expect(mail.first?.bodyHTML.contains("Test-worthy report") == true)
            #expect(mail.first?.bodyText.contains(NewsletterQueries.unsubscribePlaceholder) == false)
            #expect(try await NewsletterQueries(database: database).issue(id: id)?.status == "draft")
            #expect(try await NewsletterQueries(database: database).queuedCount(id: id) == 0)
            let page = try await client.execute(uri: "/admin/newsletters/\(id)?tested=1", method: .get, headers: editor.headers)
            #expect(page.text.contains("A test is on its way to editor@c4c.test."))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func sendingToAThousandSubscribersQueuesOneMessageEachWithItsOwnUnsubscribeHeaders(engine: Engine) async throws {
        try await Self.run(engine) { client, database, editor in
            let mobility = try await MailingListTests.topicID(database, "mobility")
            let other = try await database.read { sql in
                try await sql.raw("SELECT id FROM topics WHERE lang = 'en' AND slug <> 'mobility' AND parent_id IS NULL ORDER BY id LIMIT 1").first()!
                    .decode(column: "id", as: Int64.self)
            }
            try await Self.subscribers(database, count: 990, prefix: "everything")
            try await Self.subscribers(database, count: 10, prefix: "mobility")
            try await Self.giveTopic(database, emailPrefix: "mobility", topic: mobility)
            try await Self.subscribers(database, count: 7, prefix: "elsewhere")
            try await Self.giveTopic(database, emailPrefix: "elsewhere", topic: other)
            try await Self.subscribers(database, count: 6, prefix: "french", language: "fr")
            try await Self.subscribers(database, count: 4, prefix: "pending", status: "pending")
            try await Self.subscribers(database, count: 3, prefix: "gone", status: "unsubscribed")
            try await Self.item(database, "resources", "Report for everyone")

            let id = try await Self.newIssue(client, editor, topics: [mobility])
            try await Self.ready(client, editor, database, id: id, subject: "Mobility matters")
            let confirm = try await client.execute(uri: "/admin/newsletters/\(id)/send", method: .get, headers: editor.headers)
            #expect(confirm.status == .ok)
            #expect(confirm.text.contains("queued for 1000 confirmed subscribers"))
            let before = try await MailQueries(database: database).all().count

            #expect(try await Self.post(client, "/admin/newsletters/\(id)/send", editor).status == .seeOther)
            let mail = Array(try await MailQueries(database: database).all().dropFirst(before))
            #expect(mail.count == 1000)
            #expect(Set(mail.map(\.toAddress)).count == 1000, "one message per subscriber")
            let strays = mail.map(\.toAddress).filter { !$0.hasPrefix("everything") && !$0.hasPrefix("mobility") }
            #expect(strays.isEmpty, "sent to \(strays.prefix(10))")
            var links = Set<String>()
            for message in mail {
                let headers = try JSONDecoder().decode([String: String].self, from: Data(message.headers.utf8))
                #expect(headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click")
                let link = try MailingListTests.link("unsubscribe", in: message.bodyText)
                #expect(headers["List-Unsubscribe"] == "<http://c4c.test\(link)>")
                #expect(message.bodyHTML.contains("href=\"http://c4c.test\(link)\""))
                #expect(!message.bodyText.contains(NewsletterQueries.unsubscribePlaceholder))
                #expect(message.subject == "Mobility matters")
                links.insert(link)
            }
            #expect(links.count == 1000, "every message has its own unsubscribe link")
            let issue = try #require(try await NewsletterQueries(database: database).issue(id: id))
            #expect(issue.status == "sent" && issue.recipientCount == 1000)
            let summary = try await client.execute(uri: "/admin/newsletters/\(id)?sent=1", method: .get, headers: editor.headers)
            #expect(summary.text.contains("The issue is sent: 1000 messages are queued."))

            // Pressing Send again queues nothing more.
            #expect(try await Self.post(client, "/admin/newsletters/\(id)/send", editor).status == .seeOther)
            #expect(try await MailQueries(database: database).all().count == before + 1000)
            // A sent issue can no longer be changed.
            _ = try await Self.post(client, "/admin/newsletters/\(id)", editor, [("subject", "Changed afterwards")])
            #expect(try await NewsletterQueries(database: database).issue(id: id)?.subject == "Mobility matters")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func twoInstancesSendingAtOnceQueueEachSubscriberExactlyOnce(engine: Engine) async throws {
        try await TestDatabases.with(engine, seeded: true) { database in
            try await Self.subscribers(database, count: 1000, prefix: "race")
            let id = try await database.write { sql in
                try await Inserter(sql).insert("newsletter_issues", [
                    "subject": "Raced", "lang": "en", "status": "draft", "suggested_since": 0,
                    "created_at": Self.now.epochSeconds, "updated_at": Self.now.epochSeconds,
                ])
            }
            let snapshot = NewsletterQueries.Snapshot(slug: "raced-\(id)", mailText: "Hi. \(NewsletterQueries.unsubscribePlaceholder)",
                                                      mailHTML: "<p>\(NewsletterQueries.unsubscribePlaceholder)</p>", webHTML: "<p>Hi.</p>")
            // Two instances' query objects press Send at the same moment, in small batches so they interleave.
            let one = NewsletterQueries(database: database), two = NewsletterQueries(database: database)
            async let first = one.send(id: id, snapshot: snapshot, publicURL: "http://c4c.test", userID: nil, now: Self.now, batchSize: 37)
            async let second = two.send(id: id, snapshot: snapshot, publicURL: "http://c4c.test", userID: nil, now: Self.now, batchSize: 41)
            let results = try await [first, second]
            let queued = results.map { if case .sent(let count) = $0 { count } else { 0 } }
            #expect(queued.reduce(0, +) == 1000, "between them they queued \(queued)")
            let mail = try await MailQueries(database: database).all()
            #expect(mail.count == 1000)
            #expect(Set(mail.map(\.toAddress)).count == 1000)
            #expect(try await one.queuedCount(id: id) == 1000)
            #expect(try await one.issue(id: id)?.recipientCount == 1000)
            // A crash-safe resume, once sent, finds nothing left.
            #expect(try await two.send(id: id, snapshot: snapshot, publicURL: "http://c4c.test", userID: nil, now: Self.now) == .alreadySent)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aSendInterruptedPartWayResumesWithOnlyThoseNotYetQueued(engine: Engine) async throws {
        try await TestDatabases.with(engine, seeded: true) { database in
            try await Self.subscribers(database, count: 120, prefix: "resume")
            let id = try await database.write { sql in
                try await Inserter(sql).insert("newsletter_issues", [
                    "subject": "Resumed", "lang": "en", "status": "sending", "suggested_since": 0, "mail_text": "Hi",
                    "created_at": Self.now.epochSeconds, "updated_at": Self.now.epochSeconds,
                ])
            }
            let queries = NewsletterQueries(database: database)
            // The instance queued one batch, then died.
            #expect(try await queries.queueBatch(id: id, publicURL: "http://c4c.test", now: Self.now, limit: 50) == 50)
            let snapshot = NewsletterQueries.Snapshot(slug: "ignored", mailText: "Other", mailHTML: "", webHTML: "")
            #expect(try await queries.send(id: id, snapshot: snapshot, publicURL: "http://c4c.test", userID: nil, now: Self.now) == .sent(queued: 70))
            let mail = try await MailQueries(database: database).all()
            #expect(mail.count == 120 && Set(mail.map(\.toAddress)).count == 120)
            #expect(mail.allSatisfy { $0.bodyText == "Hi" }, "a resumed send keeps the content it started with")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func theArchiveShowsSentIssuesAndNeverDrafts(engine: Engine) async throws {
        try await Self.run(engine) { client, database, editor in
            try await Self.subscribers(database, count: 3, prefix: "archive")
            try await Self.item(database, "resources", "Archived resource")
            let sentID = try await Self.newIssue(client, editor)
            try await Self.ready(client, editor, database, id: sentID, subject: "Sent and archived")
            let draftID = try await Self.newIssue(client, editor)
            try await Self.ready(client, editor, database, id: draftID, subject: "Still a draft")
            #expect(try await Self.post(client, "/admin/newsletters/\(sentID)/send", editor).status == .seeOther)

            let list = try await client.execute(uri: "/newsletter/archive", method: .get)
            #expect(list.status == .ok)
            #expect(list.text.contains("Sent and archived"))
            #expect(!list.text.contains("Still a draft"))
            let slug = NewsletterQueries.slug(subject: "Sent and archived", id: sentID)
            #expect(list.text.contains(#"href="/newsletter/archive/\#(slug)""#))
            let page = try await client.execute(uri: "/newsletter/archive/\(slug)", method: .get)
            #expect(page.status == .ok)
            #expect(page.text.contains("Archived resource") && page.text.contains("<strong>readers</strong>"))
            #expect(!page.text.contains("/newsletter/unsubscribe/") && !page.text.contains(NewsletterQueries.unsubscribePlaceholder),
                    "no personal link on the web")
            let draftSlug = NewsletterQueries.slug(subject: "Still a draft", id: draftID)
            #expect(try await client.execute(uri: "/newsletter/archive/\(draftSlug)", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/fr/newsletter/archive/\(slug)", method: .get).status == .notFound,
                    "an issue lives at its own language's address")
            #expect(!(try await client.execute(uri: "/fr/newsletter/archive", method: .get).text.contains("Sent and archived")))
            let sitemap = try await client.execute(uri: "/sitemap.xml", method: .get).text
            #expect(sitemap.contains("<loc>http://c4c.test/newsletter/archive</loc>"))
            #expect(sitemap.contains("<loc>http://c4c.test/newsletter/archive/\(slug)</loc>"))
            #expect(!sitemap.contains(draftSlug))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func focalPointsCannotReachTheNewsletterPages(engine: Engine) async throws {
        try await Self.run(engine) { client, database, editor in
            let id = try await Self.newIssue(client, editor)
            let focal = try await Browser.signIn(client, email: "focal@c4c.test", database: database)
            for path in ["/admin/newsletters", "/admin/newsletters/\(id)", "/admin/newsletters/\(id)/preview", "/admin/newsletters/\(id)/send"] {
                #expect(try await client.execute(uri: path, method: .get, headers: focal.headers).status == .forbidden, "\(path)")
            }
            #expect(try await Self.post(client, "/admin/newsletters", focal, [("language", "en")]).status == .forbidden)
            #expect(try await Self.post(client, "/admin/newsletters/\(id)/send", focal).status == .forbidden)
            #expect(try await NewsletterQueries(database: database).all().count == 1)
            #expect(try await NewsletterQueries(database: database).issue(id: id)?.status == "draft")
        }
    }
}
