@testable import C4CStore
@testable import C4CWeb
import C4CCore
import C4CTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// The back office's content lists and media library: filters that combine and can be bookmarked,
/// sortable columns, pages that keep the filters, and bulk actions that ask first.
@Suite struct ContentListTests {
    /// Test items are events whose titles start with this word, which no seeded item uses.
    static let word = "Kestrel"

    /// Makes items through the back office's own write, as an editor's form would.
    struct Maker {
        let database: any Database
        var editor: ContentEditorQueries { ContentEditorQueries(database: database) }
        let type = ContentTypes.named("events")!

        func userID(_ email: String) async throws -> Int64 {
            try await database.read { sql in
                try await sql.raw("SELECT id FROM users WHERE email = \(bind: email)").first()!.decode(column: "id", as: Int64.self)
            }
        }

        func organisations() async throws -> (own: Int64, other: Int64) {
            try await database.read { sql in
                let ids = try await sql.raw("SELECT id FROM organisations WHERE lang = 'en' ORDER BY id LIMIT 2").all()
                    .map { try $0.decode(column: "id", as: Int64.self) }
                return (ids[0], ids[1])
            }
        }

        @discardableResult
        func event(_ title: String, lang: String = "en", status: PublicationStatus = .draft, author: String = "editor@c4c.test",
                   organisation: Int64? = nil, image: Int64? = nil, at now: Date = TestDatabases.referenceNow) async throws -> Int64 {
            let template = try await database.read { sql in
                try await sql.raw("SELECT id FROM events WHERE lang = 'en' ORDER BY id LIMIT 1").first()!.decode(column: "id", as: Int64.self)
            }
            var text = try #require(try await editor.load(type, id: template)).fields
            text["title"] = title
            text["organisation_id"] = organisation.map(String.init) ?? ""
            text["series_id"] = ""
            text["cover_image_id"] = image.map(String.init) ?? ""
            let (values, errors) = type.validate(text)
            #expect(errors.isEmpty, "the event is valid: \(errors.messages)")
            return try await editor.save(type, id: nil, slug: Slug.make(from: title), lang: lang, status: status,
                                         publishAt: status == .draft ? nil : now.epochSeconds - 60, values: values, formText: text,
                                         userID: try await userID(author), organisationID: nil, now: now)
        }

        func status(_ id: Int64) async throws -> String? {
            try await database.read { sql in
                try await sql.raw("SELECT status FROM events WHERE id = \(bind: id)").first()?.decode(column: "status", as: String.self)
            }
        }

        /// An image in the library with no alt text: it may not be published.
        func undescribedImage() async throws -> Int64 {
            try await database.write { sql in
                let inserter = Inserter(sql)
                let file = try await inserter.storeFile(name: "undescribed.png", contentType: "image/png", data: Data(TestImages.png),
                                                        now: TestDatabases.referenceNow)
                return try await inserter.insert("media", ["file_id": file, "kind": "image", "title": "", "alt_text": "", "credit": "Test",
                                                           "created_at": TestDatabases.referenceNow.epochSeconds,
                                                           "variants_ready_at": TestDatabases.referenceNow.epochSeconds])
            }
        }
    }

    /// The titles a list page shows, in order.
    static func titles(_ page: String) -> [String] {
        page.matches(of: /<td><a href="\/admin\/content\/events\/\d+">([^<]+)<\/a><\/td>/).map { String($0.1) }
    }

    static func list(_ client: some TestClientProtocol, _ browser: Browser, _ query: String) async throws -> String {
        let response = try await client.execute(uri: "/admin/content/events?q=\(word)" + query, method: .get, headers: browser.headers)
        #expect(response.status == .ok, "\(query) answered \(response.status)")
        return response.text
    }

    @Test(arguments: TestDatabases.engines)
    func eachFilterNarrowsTheListToExactlyTheMatchingItems(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let make = Maker(database: database)
            let (own, other) = try await make.organisations()
            try await make.event("\(Self.word) alpha", lang: "en", status: .draft, author: "editor@c4c.test", organisation: own)
            try await make.event("\(Self.word) bravo", lang: "fr", status: .published, author: "admin@c4c.test", organisation: other)
            try await make.event("\(Self.word) charlie", lang: "en", status: .published, author: "editor@c4c.test", organisation: other)
            try await make.event("\(Self.word) delta", lang: "es", status: .draft, author: "admin@c4c.test")
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            let editorID = try await make.userID("editor@c4c.test")
            func shown(_ query: String, as browser: Browser = editor) async throws -> Set<String> {
                Set(Self.titles(try await Self.list(client, browser, query)).map { String($0.dropFirst(Self.word.count + 1)) })
            }
            #expect(try await shown("") == ["alpha", "bravo", "charlie", "delta"])
            #expect(try await shown("&status=draft") == ["alpha", "delta"])
            #expect(try await shown("&status=published") == ["bravo", "charlie"])
            #expect(try await shown("&lang=en") == ["alpha", "charlie"])
            #expect(try await shown("&lang=fr") == ["bravo"])
            #expect(try await shown("&org=\(own)") == ["alpha"])
            #expect(try await shown("&org=\(other)") == ["bravo", "charlie"])
            #expect(try await shown("&author=\(editorID)") == ["alpha", "charlie"])
            #expect(try await shown("&status=published&author=\(editorID)&lang=en&org=\(other)") == ["charlie"])
            #expect(try await shown("&status=scheduled").isEmpty)

            // "My drafts" is a link with the editor's own filters: drafts they created.
            let page = try await Self.list(client, editor, "")
            #expect(page.contains(#"<a href="/admin/content/events?status=draft&amp;author=\#(editorID)">My drafts</a>"#))
            let mine = try await client.execute(uri: "/admin/content/events?status=draft&author=\(editorID)", method: .get, headers: editor.headers).text
            #expect(Self.titles(mine).filter { $0.hasPrefix(Self.word) } == ["\(Self.word) alpha"])
            #expect(mine.contains(#"aria-current="page">My drafts</a>"#))
            // The choices show what is chosen, so the bookmarked address reads back as a form.
            let chosen = try await Self.list(client, editor, "&lang=fr&org=\(other)")
            #expect(chosen.contains(#"<option value="fr" selected>Français</option>"#))
            #expect(chosen.contains(#"<option value="\#(other)" selected>"#))

            // A focal point sees their organisation's items only, whatever the address asks.
            let focal = try await Browser.signIn(client, email: "focal%40c4c.test", database: database)
            #expect(try await shown("", as: focal) == ["alpha"])
            #expect(try await shown("&org=\(other)", as: focal).isEmpty)
            #expect(try await shown("&author=\(editorID)", as: focal) == ["alpha"])
        }
    }

    @Test(arguments: TestDatabases.engines)
    func columnsSortTheSameWayOnBothEnginesAndSayHow(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let make = Maker(database: database)
            let start = TestDatabases.referenceNow
            // Created in an order that is none of the sort orders; mixed case, so byte order alone would put "KESTREL" first.
            try await make.event("\(Self.word) delta", lang: "fr", status: .published, at: start.addingTimeInterval(10))
            try await make.event("kestrel alpha", lang: "pt", status: .draft, at: start.addingTimeInterval(40))
            try await make.event("KESTREL echo", lang: "ar", status: .draft, at: start.addingTimeInterval(20))
            try await make.event("\(Self.word) bravo", lang: "en", status: .published, at: start.addingTimeInterval(30))
            try await make.event("\(Self.word) Charlie", lang: "es", status: .draft, at: start.addingTimeInterval(50))
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            func order(_ query: String) async throws -> [String] {
                Self.titles(try await Self.list(client, editor, query)).map { String($0.split(separator: " ")[1]).lowercased() }
            }
            #expect(try await order("") == ["charlie", "alpha", "bravo", "echo", "delta"], "newest change first by default")
            #expect(try await order("&sort=title&dir=asc") == ["alpha", "bravo", "charlie", "delta", "echo"])
            #expect(try await order("&sort=title&dir=desc") == ["echo", "delta", "charlie", "bravo", "alpha"])
            #expect(try await order("&sort=language&dir=asc") == ["echo", "bravo", "charlie", "delta", "alpha"])
            #expect(try await order("&sort=status&dir=asc") == ["alpha", "echo", "charlie", "delta", "bravo"], "drafts first, then by id")
            #expect(try await order("&sort=updated&dir=asc") == ["delta", "echo", "bravo", "alpha", "charlie"])

            // The sorted column says so; its link turns the order round and keeps the search.
            let byTitle = try await Self.list(client, editor, "&sort=title&dir=asc")
            #expect(byTitle.contains(#"<th scope="col" aria-sort="ascending"><a href="/admin/content/events?q=Kestrel&amp;sort=title&amp;dir=desc">Title</a></th>"#))
            #expect(byTitle.contains(#"<th scope="col"><a href="/admin/content/events?q=Kestrel&amp;sort=status&amp;dir=asc">Status</a></th>"#))
            #expect(byTitle.components(separatedBy: "aria-sort=").count == 2, "one column is sorted")
            let byDefault = try await Self.list(client, editor, "")
            #expect(byDefault.contains(#"aria-sort="descending"><a href="/admin/content/events?q=Kestrel&amp;sort=updated&amp;dir=asc">"#))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func pagesKeepTheFilters(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let make = Maker(database: database)
            for number in 1...(ContentEditorQueries.pageSize + 2) {
                try await make.event(String(format: "\(Self.word) %03d", number), status: .draft)
            }
            try await make.event("\(Self.word) published", status: .published)
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            let first = try await Self.list(client, editor, "&status=draft&sort=title&dir=asc")
            #expect(Self.titles(first).count == ContentEditorQueries.pageSize)
            #expect(first.contains("52 items"))
            let next = #"<a href="/admin/content/events?q=Kestrel&amp;status=draft&amp;sort=title&amp;dir=asc&amp;page=2" rel="next">"#
            #expect(first.contains(next))
            let second = try await Self.list(client, editor, "&status=draft&sort=title&dir=asc&page=2")
            #expect(Self.titles(second) == ["\(Self.word) 051", "\(Self.word) 052"])
            #expect(second.contains(#"<a href="/admin/content/events?q=Kestrel&amp;status=draft&amp;sort=title&amp;dir=asc" rel="prev">"#))
            #expect(second.contains("Page 2 of 2"))
            // A column's link starts again from the first page, with the filters.
            #expect(second.contains(#"<a href="/admin/content/events?q=Kestrel&amp;status=draft&amp;sort=title&amp;dir=desc">Title</a>"#))
        }
    }

    static func bulk(_ client: some TestClientProtocol, _ browser: Browser, _ path: String, action: String, ids: [Int64],
                     extra: [(String, String)] = []) async throws -> TestResponse {
        try await client.execute(uri: "/admin/content/events/\(path)", method: .post, headers: browser.headers,
                                 body: ContentAdminTests.encode([("_csrf", browser.csrf), ("action", action), ("list", "q=\(word)&status=draft")]
                                                                + ids.map { ("id", String($0)) } + extra))
    }

    @Test(arguments: TestDatabases.engines)
    func bulkPublishingAsksFirstThenPublishesAllButAnImageBlockedItem(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let make = Maker(database: database)
            let goodImage = try await ContentAdminTests.imageID(database)
            let one = try await make.event("\(Self.word) one", image: goodImage)
            let two = try await make.event("\(Self.word) two")
            let blocked = try await make.event("\(Self.word) blocked", image: try await make.undescribedImage())
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)

            // The list's form only asks: every item listed, nothing changed.
            let list = try await Self.list(client, editor, "")
            #expect(list.contains(#"<input type="checkbox" id="select-\#(one)" name="id" value="\#(one)"><label class="visually-hidden" for="select-\#(one)">Select Kestrel one</label>"#))
            let before = try await DatabaseFingerprint.of(database)
            let asked = try await Self.bulk(client, editor, "bulk", action: "publish", ids: [one, two, blocked])
            #expect(asked.status == .ok)
            #expect(asked.text.contains("<h1>Publish these 3 items?</h1>"))
            for title in ["one", "two", "blocked"] { #expect(asked.text.contains("<td>\(Self.word) \(title)</td>")) }
            #expect(asked.text.contains(#"<button type="submit">Publish 3 items</button>"#))
            #expect(asked.text.contains(#"<a href="/admin/content/events?q=Kestrel&amp;status=draft">Cancel</a>"#))
            #expect(DatabaseFingerprint.difference(before, try await DatabaseFingerprint.of(database)).isEmpty)

            let revisionsBefore = try await database.read { sql in try await sql.count("SELECT COUNT(*) AS n FROM revisions") }
            let done = try await Self.bulk(client, editor, "bulk/confirm", action: "publish", ids: [one, two, blocked])
            #expect(done.status == .ok)
            #expect(done.text.contains("<h1>Published 2 items</h1>"))
            #expect(done.text.contains("1 item was left as it was"))
            #expect(done.text.contains("<td>\(Self.word) blocked</td><td>Draft</td><td>Add alt text that describes the image.</td>"))
            #expect(try await make.status(one) == "published")
            #expect(try await make.status(two) == "published")
            #expect(try await make.status(blocked) == "draft")
            // Through the same write as the form: a revision each, and the public pages show them.
            #expect(try await database.read { sql in try await sql.count("SELECT COUNT(*) AS n FROM revisions") } == revisionsBefore + 2)
            #expect(try await database.read { sql in
                try await sql.count("SELECT COUNT(*) AS n FROM audit_log WHERE item_type = 'events' AND item_id = \(bind: two) AND action = 'update'")
            } == 1)
            #expect(try await client.execute(uri: "/events/kestrel-two", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/events/kestrel-blocked", method: .get).status == .notFound)

            // Unpublishing goes the other way, and names what was already a draft.
            let back = try await Self.bulk(client, editor, "bulk/confirm", action: "unpublish", ids: [two, blocked])
            #expect(back.text.contains("<h1>Unpublished 1 item</h1>"))
            #expect(back.text.contains("It is already a draft."))
            #expect(try await make.status(two) == "draft")
            #expect(try await client.execute(uri: "/events/kestrel-two", method: .get).status == .notFound)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func bulkDeletingAsksFirstAndLeavesGoneAddresses(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let make = Maker(database: database)
            let first = try await make.event("\(Self.word) first", status: .published)
            let second = try await make.event("\(Self.word) second", status: .published)
            let kept = try await make.event("\(Self.word) kept", status: .published)
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)

            let asked = try await Self.bulk(client, editor, "bulk", action: "delete", ids: [first, second])
            #expect(asked.text.contains("<h1>Delete these 2 items for good?</h1>"))
            #expect(asked.text.contains("Their public addresses will say they have been removed"))
            #expect(try await make.status(first) == "published")

            let refused = try await Self.bulk(client, editor, "bulk/confirm", action: "delete", ids: [first, second],
                                              extra: [("redirect", "javascript:alert(1)")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains(#"value="javascript:alert(1)" placeholder="/resources""#), "keeps what was typed")
            #expect(refused.text.contains(#"<span class="field-error" id="redirect-error">"#))
            #expect(try await make.status(first) == "published")

            let done = try await Self.bulk(client, editor, "bulk/confirm", action: "delete", ids: [first, second])
            #expect(done.text.contains("<h1>Deleted 2 items</h1>"))
            #expect(try await make.status(first) == nil)
            #expect(try await make.status(second) == nil)
            #expect(try await make.status(kept) == "published")
            #expect(try await client.execute(uri: "/events/kestrel-first", method: .get).status == .gone)
            #expect(try await client.execute(uri: "/events/kestrel-second", method: .get).status == .gone)
            #expect(try await client.execute(uri: "/events/kestrel-kept", method: .get).status == .ok)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func focalPointsNeverSeeOrUseBulkActions(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let make = Maker(database: database)
            let own = try await make.event("\(Self.word) ours", author: "focal@c4c.test", organisation: try await make.organisations().own)
            let focal = try await Browser.signIn(client, email: "focal%40c4c.test", database: database)
            let list = try await Self.list(client, focal, "")
            #expect(Self.titles(list) == ["\(Self.word) ours"])
            #expect(!list.contains(#"type="checkbox""#))
            #expect(!list.contains("/bulk"))
            let before = try await DatabaseFingerprint.of(database)
            for path in ["bulk", "bulk/confirm"] {
                for action in ["publish", "delete"] {
                    #expect(try await Self.bulk(client, focal, path, action: action, ids: [own]).status == .forbidden)
                }
            }
            #expect(DatabaseFingerprint.difference(before, try await DatabaseFingerprint.of(database)).isEmpty)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aBulkFormWithNothingChosenSaysSoBesideTheAction(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let make = Maker(database: database)
            let id = try await make.event("\(Self.word) lone")
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            for (action, ids) in [("publish", [Int64]()), ("", [id])] {
                let response = try await Self.bulk(client, editor, "bulk", action: action, ids: ids)
                #expect(response.status == .seeOther)
                let location = try #require(response.headers[.location])
                #expect(location == "/admin/content/events?q=Kestrel&status=draft&bulk=choose")
                let page = try await client.execute(uri: location, method: .get, headers: editor.headers).text
                #expect(page.contains(#"aria-invalid="true" aria-describedby="bulk-error""#))
                #expect(page.contains("Select at least one item and choose what to do with them."))
            }
            #expect(try await make.status(id) == "draft")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func itemsWithoutAnAuthorTakeTheirFirstRevisionsUser(engine: Engine) async throws {
        try await TestDatabases.with(engine, seeded: true) { database in
            try await BackOfficeTests.makeUsers(database)
            let make = Maker(database: database)
            let id = try await make.event("\(Self.word) orphan", author: "admin@c4c.test")
            let admin = try await make.userID("admin@c4c.test"), editor = try await make.userID("editor@c4c.test")
            try await database.write { sql in
                try await Inserter(sql).insert("revisions", ["item_type": "events", "item_id": id, "data": "{}", "user_id": editor,
                                                             "at": TestDatabases.referenceNow.epochSeconds + 60])
                try await sql.raw("UPDATE events SET author_id = NULL WHERE id = \(bind: id)").run()
                for statement in Schema.authors.sql(for: database.engine) { try await sql.raw(SQLQueryString(statement)).run() }
            }
            let author = try await database.read { sql in
                try await sql.raw("SELECT author_id FROM events WHERE id = \(bind: id)").first()!.decode(column: "author_id", as: Int64?.self)
            }
            #expect(author == admin, "the oldest revision's user, not the latest")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func theMediaLibraryIsSearchedNarrowedByKindAndPaged(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let now = TestDatabases.referenceNow
            try await database.write { sql in
                let inserter = Inserter(sql)
                for number in 1...(MediaQueries.libraryPageSize + 3) {
                    let file = try await inserter.storeFile(name: "heron-\(number).png", contentType: "image/png", data: Data(TestImages.png), now: now)
                    _ = try await inserter.insert("media", ["file_id": file, "kind": "image", "title": "", "alt_text": "A bird", "credit": "Test",
                                                            "created_at": now.epochSeconds, "variants_ready_at": now.epochSeconds])
                }
                for (name, title, alt, credit) in [("one.png", "Zanzibar market", "Stalls", "Ana"), ("two.png", "", "A wigeon on a lake", "Ana"),
                                                   ("three.png", "", "Stalls", "Photo: Quokka Studio")] {
                    let file = try await inserter.storeFile(name: name, contentType: "image/png", data: Data(TestImages.png), now: now)
                    _ = try await inserter.insert("media", ["file_id": file, "kind": "image", "title": title, "alt_text": alt, "credit": credit,
                                                            "created_at": now.epochSeconds, "variants_ready_at": now.epochSeconds])
                }
                let document = try await inserter.storeFile(name: "heron-report.pdf", contentType: "application/pdf", data: Data("%PDF-1.4".utf8), now: now)
                _ = try await inserter.insert("media", ["file_id": document, "kind": "document", "title": "Heron count", "created_at": now.epochSeconds])
            }
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            func names(_ query: String) async throws -> [String] {
                let page = try await client.execute(uri: "/admin/media" + query, method: .get, headers: editor.headers)
                #expect(page.status == .ok)
                return page.text.matches(of: /<p><a href="\/admin\/media\/\d+">([^<]+)<\/a><\/p>/).map { String($0.1) }
            }
            #expect(try await names("?q=zanzibar") == ["one.png"], "by title")
            #expect(try await names("?q=WIGEON") == ["two.png"], "by alt text")
            #expect(try await names("?q=quokka") == ["three.png"], "by credit")
            #expect(try await names("?q=heron-7") == ["heron-7.png"], "by file name")
            #expect(try await names("?q=heron&kind=document") == ["heron-report.pdf"])
            #expect(try await names("?q=%25").isEmpty, "a percent sign is looked for, not a wildcard")

            let first = try await client.execute(uri: "/admin/media?q=heron&kind=image", method: .get, headers: editor.headers).text
            #expect(first.contains("51 files"))
            #expect(first.contains(#"<a href="/admin/media?q=heron&amp;kind=image&amp;page=2" rel="next">"#))
            #expect(try await names("?q=heron&kind=image").count == MediaQueries.libraryPageSize)
            #expect(try await names("?q=heron&kind=image&page=2") == ["heron-3.png", "heron-2.png", "heron-1.png"])
        }
    }
}
