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

/// The mailing list from a visitor's side: double opt-in where only the button confirms, links
/// that unsubscribe in one click from a mail client, and sign-ups that never say who is on the list.
@Suite struct MailingListTests {
    static func signUp(_ client: some TestClientProtocol, _ pairs: [(String, String)], path: String = "/newsletter",
                       headers: HTTPFields = Browser.form) async throws -> TestResponse {
        try await client.execute(uri: path, method: .post, headers: headers, body: ContentAdminTests.encode(pairs))
    }

    static func subscribers(_ database: any Database) async throws -> [(email: String, status: String, language: String)] {
        try await database.read { sql in
            try await sql.raw("SELECT email, status, language FROM subscribers ORDER BY id").all().map {
                (try $0.decode(column: "email", as: String.self), try $0.decode(column: "status", as: String.self),
                 try $0.decode(column: "language", as: String.self))
            }
        }
    }

    /// The path of the first link to `kind` (`confirm`, `preferences`, `unsubscribe`) in a mail body.
    static func link(_ kind: String, in body: String) throws -> String {
        let pattern = try Regex("http://c4c\\.test((?:/[a-z]{2})?/newsletter/\(kind)/[A-Za-z0-9_-]+)")
        return String(try #require(body.firstMatch(of: pattern)?.output[1].substring))
    }

    static func topicID(_ database: any Database, _ slug: String) async throws -> Int64 {
        try await database.read { sql in
            try await sql.raw("SELECT id FROM topics WHERE slug = \(bind: slug) AND lang = 'en'").first()!.decode(column: "id", as: Int64.self)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aConfirmationLinkSubscribesNobodyUntilItsButtonIsPressed(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            let mobility = try await Self.topicID(database, "mobility")
            let signedUp = try await Self.signUp(client, [("email", " Reader@Example.org "), ("name", "Rita Reader"), ("language", "fr"),
                                                          ("topic", String(mobility))], path: "/fr/newsletter")
            #expect(signedUp.status == .ok)
            #expect(signedUp.headers[.cacheControl] == "no-store")
            #expect(try await Self.subscribers(database).map(\.status) == ["pending"])
            let mail = try #require(try await MailQueries(database: database).all().first)
            #expect(mail.toAddress == "reader@example.org")
            let link = try Self.link("confirm", in: mail.bodyText)
            #expect(link.hasPrefix("/fr/newsletter/confirm/"), "the link is in the language chosen")

            // A mail scanner follows the link, twice: nobody is subscribed.
            for _ in 0..<2 {
                let page = try await client.execute(uri: link, method: .get)
                #expect(page.status == .ok)
                #expect(page.text.contains("reader@example.org"))
                #expect(page.text.contains(#"<form method="post" action="\#(link)">"#))
                #expect(page.headers[.cacheControl] == "no-store")
                #expect(page.headers[.xRobotsTag] == "noindex")
            }
            #expect(try await Self.subscribers(database).map(\.status) == ["pending"])

            let confirmed = try await client.execute(uri: link, method: .post, headers: Browser.form, body: ByteBuffer())
            #expect(confirmed.status == .ok)
            let subscriber = try #require(try await Self.subscribers(database).first)
            #expect(subscriber.status == "confirmed")
            #expect(subscriber.language == "fr")
            let topics = try await database.read { sql in
                try await sql.raw("SELECT topic_id FROM subscriber_topics").all().map { try $0.decode(column: "topic_id", as: Int64.self) }
            }
            #expect(topics == [mobility])
            // The page links to the preferences, which show the choices made.
            let preferences = String(try #require(confirmed.text.firstMatch(of: /href="(\/fr\/newsletter\/preferences\/[A-Za-z0-9_-]+)"/)?.1))
            let page = try await client.execute(uri: preferences, method: .get)
            #expect(page.text.contains(#"value="\#(mobility)" checked"#))
            #expect(page.text.contains(#"<option value="fr" lang="fr" selected>"#))
            // A spent link is refused, and changes nothing.
            #expect(try await client.execute(uri: link, method: .post, headers: Browser.form, body: ByteBuffer()).status == .notFound)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aConfirmationLinkExpiresAfterSevenDays(engine: Engine) async throws {
        let clock = TestClock(TestDatabases.referenceNow)
        try await TestApp.run(engine, clock: clock.wallClock) { client, database async throws in
            _ = try await Self.signUp(client, [("email", "late@example.org")])
            let link = try Self.link("confirm", in: try #require(try await MailQueries(database: database).all().first).bodyText)
            clock.advance(by: 7 * 86_400 + 1)
            #expect(try await client.execute(uri: link, method: .get).status == .notFound)
            #expect(try await client.execute(uri: link, method: .post, headers: Browser.form, body: ByteBuffer()).status == .notFound)
            #expect(try await Self.subscribers(database).map(\.status) == ["pending"])
        }
    }

    @Test(arguments: TestDatabases.engines)
    func signingUpAgainRevealsNothingAndMailsAtMostOncePerQuarterHour(engine: Engine) async throws {
        let clock = TestClock(TestDatabases.referenceNow)
        try await TestApp.run(engine, clock: clock.wallClock) { client, database async throws in
            let mail = MailQueries(database: database)
            let first = try await Self.signUp(client, [("email", "twice@example.org")])
            let unknown = try await Self.signUp(client, [("email", "someone.else@example.org")])
            let again = try await Self.signUp(client, [("email", "twice@example.org")])
            #expect(first.status == .ok && again.status == .ok)
            #expect(Self.main(first.text) == Self.main(again.text), "the same page for a new and a pending address")
            #expect(Self.main(first.text) == Self.main(unknown.text))
            #expect(try await mail.all().filter { $0.toAddress == "twice@example.org" }.count == 1, "no second mail within 15 minutes")

            clock.advance(by: 15 * 60)
            _ = try await Self.signUp(client, [("email", "twice@example.org")])
            let sent = try await mail.all().filter { $0.toAddress == "twice@example.org" }
            #expect(sent.count == 2, "the confirmation is sent again once the quarter hour has passed")
            // Both links work until one is used.
            let older = try Self.link("confirm", in: sent[0].bodyText)
            #expect(try await client.execute(uri: older, method: .get).status == .ok)
            #expect(try await client.execute(uri: older, method: .post, headers: Browser.form, body: ByteBuffer()).status == .ok)

            // Confirmed: the page is still the same, and the mail (later) is a link to the preferences.
            clock.advance(by: 15 * 60)
            let confirmed = try await Self.signUp(client, [("email", "twice@example.org"), ("language", "es")])
            #expect(Self.main(confirmed.text) == Self.main(first.text))
            let latest = try #require(try await mail.all().last)
            #expect(latest.toAddress == "twice@example.org")
            _ = try Self.link("preferences", in: latest.bodyText)
            #expect(!latest.bodyText.contains("/newsletter/confirm/"))
            #expect(try await Self.subscribers(database).first { $0.email == "twice@example.org" }?.language == "en",
                    "a sign-up cannot change a confirmed subscriber's choices")
        }
    }

    /// The `<main>` of a page, which is what differs between answers.
    static func main(_ html: String) -> String {
        guard let start = html.range(of: "<main"), let end = html.range(of: "</main>") else { return "" }
        return String(html[start.lowerBound..<end.upperBound])
    }

    @Test(arguments: TestDatabases.engines)
    func oneClickUnsubscribeWorksCrossOriginWithoutAToken(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            let id = try await Self.confirmedSubscriber(client, database, email: "one.click@example.org")
            let (link, headers) = try await database.write { sql in
                try await MailingListQueries.unsubscribe(sql, subscriberID: id, publicURL: "http://c4c.test", now: TestDatabases.referenceNow)
            }
            #expect(headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click")
            #expect(headers["List-Unsubscribe"] == "<\(link)>")
            let path = String(link.dropFirst("http://c4c.test".count))

            var crossSite: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .origin: "https://mail.example.net"]
            crossSite[HTTPField.Name("Sec-Fetch-Site")!] = "cross-site"
            // Anything but the one-click body is refused from another site, and changes nothing.
            let forged = try await client.execute(uri: path, method: .post, headers: crossSite, body: ByteBuffer(string: "List-Unsubscribe=One-Click&x=1"))
            #expect(forged.status == .forbidden)
            #expect(try await client.execute(uri: "/newsletter", method: .post, headers: crossSite,
                                             body: ByteBuffer(string: "List-Unsubscribe=One-Click")).status == .forbidden,
                    "the body opens only the unsubscribe address")
            #expect(try await Self.subscribers(database).first?.status == "confirmed")

            let done = try await client.execute(uri: path, method: .post, headers: crossSite, body: ByteBuffer(string: "List-Unsubscribe=One-Click"))
            #expect(done.status == .ok)
            #expect(try await Self.subscribers(database).first?.status == "unsubscribed")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func oneClickUnsubscribeAcceptsTheMultipartBodyOfRFC8058(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            let id = try await Self.confirmedSubscriber(client, database, email: "multipart@example.org")
            let (link, _) = try await database.write { sql in
                try await MailingListQueries.unsubscribe(sql, subscriberID: id, publicURL: "http://c4c.test", now: TestDatabases.referenceNow)
            }
            var headers: HTTPFields = [.contentType: "multipart/form-data; boundary=XXXXX", .origin: "https://mail.example.net"]
            headers[HTTPField.Name("Sec-Fetch-Site")!] = "cross-site"
            let body = "--XXXXX\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--XXXXX--\r\n"
            let response = try await client.execute(uri: String(link.dropFirst("http://c4c.test".count)), method: .post, headers: headers,
                                                    body: ByteBuffer(string: body))
            #expect(response.status == .ok)
            #expect(try await Self.subscribers(database).first?.status == "unsubscribed")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func anUnsubscribeLinkShowsAButtonAndOnlyThePostUnsubscribes(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            let id = try await Self.confirmedSubscriber(client, database, email: "link@example.org")
            let (link, _) = try await database.write { sql in
                try await MailingListQueries.unsubscribe(sql, subscriberID: id, publicURL: "http://c4c.test", now: TestDatabases.referenceNow)
            }
            let path = String(link.dropFirst("http://c4c.test".count))
            let page = try await client.execute(uri: path, method: .get)
            #expect(page.status == .ok)
            #expect(page.text.contains(#"<form method="post" action="\#(path)">"#))
            #expect(try await Self.subscribers(database).first?.status == "confirmed")
            var sameOrigin = Browser.form
            sameOrigin[HTTPField.Name("Sec-Fetch-Site")!] = "same-origin"
            #expect(try await client.execute(uri: path, method: .post, headers: sameOrigin, body: ByteBuffer()).status == .ok)
            #expect(try await Self.subscribers(database).first?.status == "unsubscribed")
            #expect(try await client.execute(uri: "/newsletter/unsubscribe/not-a-token", method: .get).status == .notFound)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func preferencesChangeLanguageAndTopics(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            let id = try await Self.confirmedSubscriber(client, database, email: "prefs@example.org")
            let (link, _) = try await database.write { sql in
                try await MailingListQueries.unsubscribe(sql, subscriberID: id, publicURL: "http://c4c.test", now: TestDatabases.referenceNow)
            }
            let token = String(link.split(separator: "/").last!)
            let play = try await Self.topicID(database, "play-and-public-space")
            let saved = try await client.execute(uri: "/newsletter/preferences/\(token)", method: .post, headers: Browser.form,
                                                 body: ContentAdminTests.encode([("language", "pt"), ("topic", String(play))]))
            #expect(saved.status == .ok)
            #expect(saved.text.contains("Your choices are saved."))
            let page = try await client.execute(uri: "/newsletter/preferences/\(token)", method: .get)
            #expect(page.text.contains(#"value="\#(play)" checked"#))
            #expect(page.text.contains(#"<option value="pt" lang="pt" selected>"#))
            #expect(try await Self.subscribers(database).first?.language == "pt")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aBlockedDomainIsRefusedBesideTheFieldWithEveryValueKept(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            let saved = try await client.execute(uri: "/admin/subscribers/blocked-domains", method: .post, headers: editor.headers,
                                                 body: ContentAdminTests.encode([("_csrf", editor.csrf), ("domains", "@Spam.example\n\n# throwaway\nmailinator.com")]))
            #expect(saved.status == .seeOther)
            let air = try await Self.topicID(database, "air-quality")
            let refused = try await Self.signUp(client, [("email", "bot@mx.spam.example"), ("name", "Bo Bot"), ("language", "ar"),
                                                         ("topic", String(air))])
            #expect(refused.status == .unprocessableContent)
            let html = refused.text
            #expect(html.contains(#"value="bot@mx.spam.example""#))
            #expect(html.contains(#"value="Bo Bot""#))
            #expect(html.contains(#"<option value="ar" lang="ar" selected>"#))
            #expect(html.contains(#"value="\#(air)" checked"#))
            #expect(html.contains(#"aria-describedby="signup-email-error""#))
            #expect(html.contains(#"<span class="field-error" id="signup-email-error">We cannot accept addresses from this domain."#))
            #expect(try await Self.subscribers(database).isEmpty)
            #expect(try await MailQueries(database: database).all().isEmpty)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aRefusedSignUpKeepsEveryValueAndSaysWhatIsWrongBesideTheField(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            let longName = String(repeating: "n", count: 201)
            let refused = try await Self.signUp(client, [("email", "not an address"), ("name", longName), ("language", "es")], path: "/es/newsletter")
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains(#"value="not an address""#))
            #expect(refused.text.contains(#"value="\#(longName)""#))
            #expect(refused.text.contains(#"id="signup-email-error""#))
            #expect(refused.text.contains(#"id="signup-name-error""#))
            #expect(refused.text.contains(#"<option value="es" lang="es" selected>"#))
            #expect(try await Self.subscribers(database).isEmpty)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aFilledHoneypotIsAnsweredAsAnyoneAndKeepsNothing(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            let human = try await Self.signUp(client, [("email", "human@example.org")])
            let robot = try await Self.signUp(client, [("email", "robot@example.org"), ("website", "http://spam.example")])
            #expect(robot.status == .ok)
            #expect(Self.main(robot.text) == Self.main(human.text))
            #expect(try await Self.subscribers(database).map(\.email) == ["human@example.org"])
            #expect(try await MailQueries(database: database).all().map(\.toAddress) == ["human@example.org"])
        }
    }

    @Test(arguments: TestDatabases.engines)
    func signUpsFromOneAddressAreLimitedPerHour(engine: Engine) async throws {
        let clock = TestClock(TestDatabases.referenceNow)
        try await TestApp.run(engine, clock: clock.wallClock) { client, database async throws in
            for n in 0..<PublicFormLimit.newsletter.perAddress {
                #expect(try await Self.signUp(client, [("email", "reader\(n)@example.org")]).status == .ok)
            }
            let limited = try await Self.signUp(client, [("email", "one.more@example.org"), ("name", "One More")])
            #expect(limited.status == .tooManyRequests)
            #expect(limited.text.contains("Too many forms were sent from your network"))
            #expect(limited.text.contains(#"value="one.more@example.org""#), "the form keeps what was typed")
            #expect(try await Self.subscribers(database).count == PublicFormLimit.newsletter.perAddress)
            clock.advance(by: 3601)
            #expect(try await Self.signUp(client, [("email", "one.more@example.org")]).status == .ok, "an hour later it is accepted")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func everyPageHasTheSignUpFormInItsFooterInItsLanguage(engine: Engine) async throws {
        try await TestApp.run(engine) { client, _ async throws in
            for (path, action) in [("/", "/newsletter"), ("/resources", "/newsletter"), ("/fr/events", "/fr/newsletter"), ("/ar/contact", "/ar/newsletter")] {
                let html = try await client.execute(uri: path, method: .get).text
                #expect(html.contains(#"<form class="newsletter-form" method="post" action="\#(action)">"#), "\(path) has the footer sign-up")
            }
            let page = try await client.execute(uri: "/fr/newsletter", method: .get)
            #expect(page.status == .ok)
            #expect(page.text.contains(#"<option value="fr" lang="fr" selected>"#), "the page's language is chosen")
            #expect(page.text.contains("Mobilité › Sécurité routière"), "the site's topics are offered, named in French")
            #expect(page.text.contains(#"<a href="/fr/newsletter/archive">"#), "past issues are a click away")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func theSignUpAndContactPagesAreInTheSitemap(engine: Engine) async throws {
        try await TestApp.run(engine) { client, _ async throws in
            let sitemap = try await client.execute(uri: "/sitemap.xml", method: .get).text
            for path in ["/newsletter", "/fr/newsletter", "/contact", "/ar/contact"] {
                #expect(sitemap.contains("<loc>http://c4c.test\(path)</loc>"), "the sitemap lists \(path)")
            }
            for link in ["/newsletter/confirm", "/newsletter/unsubscribe", "/newsletter/preferences"] {
                #expect(!sitemap.contains(link), "no private link is listed: \(link)")
            }
        }
    }

    // MARK: Editors

    @Test(arguments: TestDatabases.engines)
    func editorsListSearchAndExportSubscribersSafely(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            _ = try await Self.confirmedSubscriber(client, database, email: "ana@example.org", name: "=HYPERLINK(\"http://evil.example\")")
            _ = try await Self.signUp(client, [("email", "bruno@example.org"), ("name", "Bruno \"B\" Costa"), ("language", "pt"),
                                               ("topic", String(try await Self.topicID(database, "mobility")))])
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            let list = try await client.execute(uri: "/admin/subscribers", method: .get, headers: editor.headers)
            #expect(list.status == .ok)
            #expect(list.text.contains("Confirmed: 1"))
            #expect(list.text.contains("Waiting for confirmation: 1"))
            #expect(list.text.contains("bruno@example.org"))
            let found = try await client.execute(uri: "/admin/subscribers?q=BRUNO", method: .get, headers: editor.headers).text
            #expect(found.contains("bruno@example.org") && !found.contains("ana@example.org"))
            let nothing = try await client.execute(uri: "/admin/subscribers?q=%25", method: .get, headers: editor.headers).text
            #expect(!nothing.contains("bruno@example.org"), "% is searched for literally")

            let export = try await client.execute(uri: "/admin/subscribers/export", method: .get, headers: editor.headers)
            #expect(export.status == .ok)
            #expect(export.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(export.headers[.contentDisposition] == #"attachment; filename="subscribers-2026-11-26.csv""#)
            let lines = export.text.components(separatedBy: "\r\n")
            #expect(lines[0] == #""email","name","status","language","topics","signed_up","confirmed","unsubscribed""#)
            #expect(lines[1] == #""bruno@example.org","Bruno ""B"" Costa","pending","pt","Mobility","2026-11-26T12:00:00Z","","""#)
            #expect(lines[2].hasPrefix(#""ana@example.org","'=HYPERLINK(""http://evil.example"")","confirmed","en","#),
                    "a formula is made text: \(lines[2])")
            let confirmedOnly = try await client.execute(uri: "/admin/subscribers/export?status=confirmed", method: .get, headers: editor.headers).text
            #expect(confirmedOnly.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 2)

            let focal = try await Browser.signIn(client, email: "focal%40c4c.test", database: database)
            #expect(try await client.execute(uri: "/admin/subscribers", method: .get, headers: focal.headers).status == .forbidden)
            #expect(try await client.execute(uri: "/admin/subscribers/export", method: .get, headers: focal.headers).status == .forbidden)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func removingAPersonsDataDeletesTheRowAndTheirUnsentMail(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            _ = try await Self.signUp(client, [("email", "forget.me@example.org"), ("topic", String(try await Self.topicID(database, "mobility")))])
            _ = try await Self.signUp(client, [("email", "keep.me@example.org")])
            let id = try await database.read { sql in
                try await sql.raw("SELECT id FROM subscribers WHERE email = 'forget.me@example.org'").first()!.decode(column: "id", as: Int64.self)
            }
            // A message due later (the outbox worker runs in tests and may already have written the
            // confirmation mails): the removal must take it away.
            try await database.write { sql in
                try await MailQueries.enqueue(sql, to: "forget.me@example.org", subject: "Issue 1", body: "News",
                                              now: TestDatabases.referenceNow.addingTimeInterval(86_400))
            }
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            let page = try await client.execute(uri: "/admin/subscribers/\(id)", method: .get, headers: editor.headers)
            #expect(page.text.contains("Remove this person&#39;s data") || page.text.contains("Remove this person's data"))
            let removed = try await client.execute(uri: "/admin/subscribers/\(id)/remove", method: .post, headers: editor.headers,
                                                   body: ContentAdminTests.encode([("_csrf", editor.csrf)]))
            #expect(removed.status == .seeOther)
            #expect(try await Self.subscribers(database).map(\.email) == ["keep.me@example.org"])
            let outbox = try await MailQueries(database: database).all()
            #expect(!outbox.contains { $0.toAddress == "forget.me@example.org" && $0.status == "pending" }, "no unsent mail to them is left")
            #expect(!outbox.contains { $0.subject == "Issue 1" })
            #expect(outbox.filter { $0.toAddress == "keep.me@example.org" }.count == 1, "other people's mail stays")
            let (tokens, topics, audit) = try await database.read { sql in
                (try await sql.raw("SELECT COUNT(*) AS n FROM subscriber_tokens WHERE subscriber_id = \(bind: id)").first()!.decode(column: "n", as: Int.self),
                 try await sql.raw("SELECT COUNT(*) AS n FROM subscriber_topics WHERE subscriber_id = \(bind: id)").first()!.decode(column: "n", as: Int.self),
                 try await sql.raw("SELECT summary FROM audit_log WHERE action = 'remove-data'").all().map { try $0.decode(column: "summary", as: String.self) })
            }
            #expect(tokens == 0 && topics == 0)
            #expect(audit.count == 1)
            #expect(!audit.joined().contains("forget.me"), "the audit log does not keep the address")
            #expect(try await client.execute(uri: "/admin/subscribers/\(id)/remove", method: .post, headers: editor.headers,
                                             body: ContentAdminTests.encode([("_csrf", editor.csrf)])).status == .notFound)
        }
    }

    /// Signs an address up and confirms it through its emailed link; returns its id.
    static func confirmedSubscriber(_ client: some TestClientProtocol, _ database: any Database, email: String,
                                    name: String = "") async throws -> Int64 {
        _ = try await signUp(client, [("email", email), ("name", name)])
        let mail = try #require(try await MailQueries(database: database).all().last { $0.toAddress == email })
        let link = try Self.link("confirm", in: mail.bodyText)
        #expect(try await client.execute(uri: link, method: .post, headers: Browser.form, body: ByteBuffer()).status == .ok)
        return try await database.read { sql in
            try await sql.raw("SELECT id FROM subscribers WHERE email = \(bind: email)").first()!.decode(column: "id", as: Int64.self)
        }
    }
}

/// The pure rules, without a database.
@Suite struct MailingListRuleTests {
    @Test func blockedDomainsAreReadOnePerLineAndCoverSubdomains() {
        let parsed = MailingList.blockedDomains(from: " Example.COM \n@spam.test\n*.junk.test\n# a comment\n\nnot a domain\nexample.com")
        #expect(parsed.domains == ["example.com", "spam.test", "junk.test"])
        #expect(parsed.invalid == ["not a domain"])
        #expect(MailingList.isBlocked("a@mail.example.com", by: parsed.domains))
        #expect(MailingList.isBlocked("a@EXAMPLE.com", by: parsed.domains))
        #expect(!MailingList.isBlocked("a@notexample.com", by: parsed.domains))
    }

    @Test func csvCellsThatASpreadsheetWouldRunAreMadeText() {
        #expect(CSV.cell("=1+1") == #""'=1+1""#)
        #expect(CSV.cell("+33 1 23") == #""'+33 1 23""#)
        #expect(CSV.cell("-2") == #""'-2""#)
        #expect(CSV.cell("@SUM(A1)") == #""'@SUM(A1)""#)
        #expect(CSV.cell("\t=cmd") == "\"'\t=cmd\"")
        #expect(CSV.cell("say \"hi\", then go") == #""say ""hi"", then go""#)
        #expect(CSV.cell("ana@example.org") == #""ana@example.org""#)
    }

    @Test func listUnsubscribeHeadersFollowRFC8058() {
        let headers = ListUnsubscribe.headers(link: "https://c4c.test/newsletter/unsubscribe/abc", mailto: "list@c4c.test")
        #expect(headers["List-Unsubscribe"] == "<https://c4c.test/newsletter/unsubscribe/abc>, <mailto:list@c4c.test?subject=unsubscribe>")
        #expect(headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click")
    }

    @Test func onlyTheUnsubscribeAddressAndTheOneClickBodyPass() {
        #expect(OneClickUnsubscribe.isUnsubscribeAddress("/newsletter/unsubscribe/abc"))
        #expect(OneClickUnsubscribe.isUnsubscribeAddress("/fr/newsletter/unsubscribe/abc"))
        #expect(!OneClickUnsubscribe.isUnsubscribeAddress("/en/newsletter/unsubscribe/abc"))
        #expect(!OneClickUnsubscribe.isUnsubscribeAddress("/newsletter/unsubscribe/"))
        #expect(!OneClickUnsubscribe.isUnsubscribeAddress("/newsletter/unsubscribe/abc/x"))
        #expect(!OneClickUnsubscribe.isUnsubscribeAddress("/newsletter/preferences/abc"))
        let form = "application/x-www-form-urlencoded"
        #expect(OneClickUnsubscribe.isOneClickBody(contentType: form, body: ByteBuffer(string: "List-Unsubscribe=One-Click")))
        #expect(!OneClickUnsubscribe.isOneClickBody(contentType: form, body: ByteBuffer(string: "List-Unsubscribe=One-Click&email=x")))
        #expect(!OneClickUnsubscribe.isOneClickBody(contentType: form, body: ByteBuffer(string: "email=x")))
        #expect(!OneClickUnsubscribe.isOneClickBody(contentType: "text/plain", body: ByteBuffer(string: "List-Unsubscribe=One-Click")))
        #expect(!OneClickUnsubscribe.isOneClickBody(contentType: "multipart/form-data; boundary=", body: ByteBuffer(string: "x")))
        let multipart = "--AbC\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--AbC--\r\n"
        #expect(OneClickUnsubscribe.isOneClickBody(contentType: "multipart/form-data; boundary=AbC", body: ByteBuffer(string: multipart)))
        #expect(!OneClickUnsubscribe.isOneClickBody(contentType: "multipart/form-data; boundary=AbC",
                                                    body: ByteBuffer(string: multipart.replacingOccurrences(of: "One-Click", with: "Two-Clicks"))))
    }
}
