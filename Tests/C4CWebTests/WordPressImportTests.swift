@testable import C4CStore
import C4CCore
import C4CTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

private let fixture = TestApp.rootDirectory.appendingPathComponent("Tests/Fixtures/wordpress")

private func importFixture(_ database: any Database, export: URL = fixture.appendingPathComponent("export.xml")) async throws -> WordPressImportReport {
    if (try? await WordPressImporter.importingUser(in: database, email: nil)) == nil {
        try await UserQueries(database: database).create(email: "admin@c4c.test", name: "Ada Admin", passwordHash: "not used",
                                                         role: .administrator, now: TestDatabases.referenceNow)
    }
    let user = try await WordPressImporter.importingUser(in: database, email: nil)
    return try await WordPressImporter(database: database, uploads: fixture.appendingPathComponent("uploads"), userID: user,
                                       now: TestDatabases.referenceNow).run(export)
}

private func value<T: Decodable & Sendable>(_ database: any Database, _ query: SQLQueryString, _ column: String = "v") async throws -> T? {
    try await database.read { sql in try await sql.raw(query).first()?.decode(column: column, as: T.self) }
}

private func rowCounts(_ database: any Database) async throws -> [String: Int] {
    var counts: [String: Int] = [:]
    for table in ["blog_posts", "pages", "media", "files", "topics", "redirects", "blog_post_topics", "wordpress_imports", "revisions"] {
        counts[table] = try await value(database, "SELECT COUNT(*) AS v FROM \(ident: table)")
    }
    return counts
}

@Suite struct WordPressImportTests {
    @Test(arguments: TestDatabases.engines)
    func anExportArrivesWithItsContentTopicsAndMedia(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database in
            let attention = AttentionQueries(database: database)
            let waitingBefore = try await attention.groups(now: TestDatabases.referenceNow, mail: false).first { $0.kind == .images }?.total ?? 0
            let report = try await importFixture(database)
            #expect(report.counts["posts"] == .init(created: 3, updated: 0, unchanged: 0))
            #expect(report.counts["pages"] == .init(created: 3, updated: 0, unchanged: 0))
            #expect(report.counts["media"] == .init(created: 2, updated: 0, unchanged: 0))
            #expect(report.counts["topics"]?.created == 4)
            #expect(report.skipped.map(\.reason).contains("file not found in the uploads folder"))
            #expect(report.skipped.map(\.reason).contains("status 'trash' is not imported"))
            #expect(report.skipped.map(\.reason).contains("items of the type 'nav_menu_item' are not imported"))
            #expect(report.unconverted.map(\.reason) == ["[contact-form-7] shortcode", "<table>", "<script> removed"])

            // The Gutenberg post: Markdown body with the imported images, author, date, topics, cover.
            let body: String = try #require(try await value(database, "SELECT body AS v FROM blog_posts WHERE slug = 'safe-streets-for-play'"))
            let photo: Int64 = try #require(try await value(database, """
                SELECT m.file_id AS v FROM media m JOIN files f ON f.id = m.file_id WHERE f.name = 'children-street.jpg'
                """))
            #expect(body.hasPrefix("## Why streets matter\n\nChildren in **Nairobi** and *Bogotá* told us"))
            #expect(body.contains("![Children chalk a hopscotch on a closed street](/files/\(photo)/children-street.jpg)"))
            #expect(body.contains("- Slower traffic\n- Shade and water"))
            #expect(body.contains("> A city good for children is good for everyone."))
            #expect(body.contains("*The neighbourhood we mapped*"))
            #expect(!body.contains("<!--") && !body.contains("<script") && !body.contains("alert"))
            #expect(try await value(database, "SELECT byline AS v FROM blog_posts WHERE slug = 'safe-streets-for-play'") == "Amina Odhiambo")
            #expect(try await value(database, "SELECT publish_at AS v FROM blog_posts WHERE slug = 'safe-streets-for-play'") == Int64(1_793_697_300))
            #expect(try await value(database, """
                SELECT m.file_id AS v FROM blog_posts p JOIN media m ON m.id = p.cover_image_id WHERE p.slug = 'safe-streets-for-play'
                """) == photo)
            let topics: [String] = try await database.read { sql in
                try await sql.raw("""
                    SELECT t.slug FROM blog_post_topics bt JOIN topics t ON t.id = bt.topic_id JOIN blog_posts p ON p.id = bt.post_id
                    WHERE p.slug = 'safe-streets-for-play' ORDER BY t.slug
                    """).all().map { try $0.decode(column: "slug", as: String.self) }
            }
            #expect(topics == ["street-play", "youth-voices"])
            #expect(try await value(database, """
                SELECT p.slug AS v FROM topics t JOIN topics p ON p.id = t.parent_id WHERE t.slug = 'street-play'
                """) == "urban-planning")
            #expect(try await value(database, "SELECT name AS v FROM topics WHERE slug = 'street-play'") == "Street play & safety")

            // Drafts stay drafts; published items publish; a page on a reserved address moves aside.
            #expect(try await value(database, "SELECT status AS v FROM blog_posts WHERE title = 'Notes for the next newsletter'") == "draft")
            #expect(try await value(database, "SELECT status AS v FROM pages WHERE slug = 'cities'") == "published")
            #expect(try await value(database, """
                SELECT p.slug AS v FROM pages p JOIN wordpress_imports w ON w.item_table = 'pages' AND w.item_id = p.id WHERE w.wp_id = 74
                """) == "about-2")
            let post = try await client.execute(uri: "/blog/safe-streets-for-play", method: .get)
            #expect(post.status == .ok)
            #expect(post.text.contains("Why streets matter</h2>"))
            #expect(try await client.execute(uri: "/cities", method: .get).text.contains("Nairobi, Dhaka, Bogotá and Geneva."))

            // Images arrive waiting for a safeguarding answer, listed for editors, and are not served until answered.
            let waiting = try await attention.groups(now: TestDatabases.referenceNow, mail: false).first { $0.kind == .images }
            #expect(waiting?.total == waitingBefore + 2)
            #expect(try await value(database, """
                SELECT COUNT(*) AS v FROM media m JOIN wordpress_imports w ON w.item_id = m.id AND w.item_table = 'media'
                WHERE m.safeguarding_answered_at IS NULL
                """) == 2)
            #expect(try await client.execute(uri: "/files/\(photo)/children-street.jpg", method: .get).status == .notFound)
            // Once an editor answers, an image only a body shows is served where that body is public.
            let map: Int64 = try #require(try await value(database, """
                SELECT m.id AS v FROM media m JOIN files f ON f.id = m.file_id WHERE f.name = 'neighbourhood-map.png'
                """))
            let mapFile: Int64 = try #require(try await value(database, "SELECT file_id AS v FROM media WHERE id = \(bind: map)"))
            #expect(try await client.execute(uri: "/files/\(mapFile)/neighbourhood-map.png", method: .get).status == .notFound)
            let admin = try await WordPressImporter.importingUser(in: database, email: nil)
            try await MediaQueries(database: database).update(id: map, details: .init(
                title: "Map", altText: "Map of the neighbourhood", credit: "Julia Rivera", showsIdentifiableChildren: false, consentOnFile: false),
                userID: admin, now: TestDatabases.referenceNow)
            // Served as photos are: through its resized copies, made by the worker (here at once).
            try await ImageVariantMaker(database: database).make(mediaID: map, now: TestDatabases.referenceNow)
            let answered = try await client.execute(uri: "/files/\(mapFile)/neighbourhood-map.png", method: .get)
            #expect(answered.status == .movedPermanently)
            let variant = try #require(answered.headers[.location])
            #expect(try await client.execute(uri: variant, method: .get).status == .ok)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func everyOldAddressAnswers301ToItsNewHome(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database in
            _ = try await importFixture(database)
            let photo: Int64 = try #require(try await value(database, """
                SELECT m.file_id AS v FROM media m JOIN files f ON f.id = m.file_id WHERE f.name = 'children-street.jpg'
                """))
            let map: Int64 = try #require(try await value(database, """
                SELECT m.file_id AS v FROM media m JOIN files f ON f.id = m.file_id WHERE f.name = 'neighbourhood-map.png'
                """))
            let expected: [(String, String)] = [
                ("/2026/11/safe-streets-for-play/", "/blog/safe-streets-for-play"),
                ("/2026/11/safe-streets-for-play", "/blog/safe-streets-for-play"),
                ("/?p=58", "/blog/safe-streets-for-play"),
                ("/2026/10/children-and-the-city/", "/blog/children-and-the-city"),
                ("/?p=61", "/blog/children-and-the-city"),
                ("/?page_id=70", "/our-work"),
                ("/our-work/cities/", "/cities"),
                ("/our-work/cities", "/cities"),
                ("/?page_id=72", "/cities"),
                ("/?page_id=74", "/about-2"),
                ("/?attachment_id=101", "/files/\(photo)/children-street.jpg"),
                ("/2026/11/safe-streets-for-play/children-street/", "/files/\(photo)/children-street.jpg"),
                ("/?attachment_id=102", "/files/\(map)/neighbourhood-map.png"),
                ("/wp-content/uploads/2026/10/neighbourhood-map.png", "/files/\(map)/neighbourhood-map.png"),
                ("/category/urban-planning/", "/blog/topics/urban-planning"),
                ("/category/urban-planning/street-play/", "/blog/topics/street-play"),
                ("/category/news", "/blog/topics/news"),
                ("/?cat=7", "/blog/topics/street-play"),
                ("/tag/youth-voices/", "/blog/topics/youth-voices"),
                ("/?tag=youth-voices", "/blog/topics/youth-voices"),
            ]
            for (old, new) in expected {
                let response = try await client.execute(uri: old, method: .get)
                #expect(response.status == .movedPermanently, "\(old)")
                #expect(response.headers[.location] == new, "\(old)")
            }
            // Where the old path is the new one but for its trailing slash, the page itself answers; `/about/`
            // is this site's own About page, so the imported one moved aside and keeps its `?page_id=` form.
            #expect(try await client.execute(uri: "/our-work/", method: .get).text.contains("We work with cities on three things."))
            // A draft had no public address; an unknown id and a hostile value fall through to the home page.
            #expect(try await client.execute(uri: "/?p=64", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/?p=999", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/?p=%2F%2Fevil.example", method: .get).headers[.location] == nil)
            // Every redirect the import wrote leads to a path of this site.
            let targets: [String] = try await database.read { sql in
                try await sql.raw("SELECT to_path FROM redirects").all().map { try $0.decode(column: "to_path", as: String.self) }
            }
            #expect(targets.allSatisfy { $0.hasPrefix("/") && !$0.hasPrefix("//") })
        }
    }

    @Test(arguments: TestDatabases.engines)
    func importingAgainMakesNoCopiesAndUpdatesOnlyWhatChanged(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database in
            _ = try await importFixture(database)
            let before = try await rowCounts(database)
            let again = try await importFixture(database)
            #expect(again.counts["posts"] == .init(created: 0, updated: 0, unchanged: 3))
            #expect(again.counts["pages"] == .init(created: 0, updated: 0, unchanged: 3))
            #expect(again.counts["media"] == .init(created: 0, updated: 0, unchanged: 2))
            #expect(again.counts["redirects"]?.created == 0 && again.counts["redirects"]?.updated == 0)
            #expect(try await rowCounts(database) == before)

            // The old site changed one post's title; only that post is saved again, under its address here.
            let text = try String(contentsOf: fixture.appendingPathComponent("export.xml"), encoding: .utf8)
                .replacingOccurrences(of: "<![CDATA[Safe streets for play]]>", with: "<![CDATA[Safe streets for play, revised]]>")
            let changed = FileManager.default.temporaryDirectory.appendingPathComponent("wxr-\(UUID().uuidString).xml")
            try text.write(to: changed, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: changed) }
            let third = try await importFixture(database, export: changed)
            #expect(third.counts["posts"] == .init(created: 0, updated: 1, unchanged: 2))
            #expect(try await value(database, "SELECT title AS v FROM blog_posts WHERE slug = 'safe-streets-for-play'")
                    == "Safe streets for play, revised")
            #expect(try await value(database, "SELECT COUNT(*) AS v FROM blog_posts") == before["blog_posts"])
            #expect(try await client.execute(uri: "/search?q=revised", method: .get).text
                .contains(#"<a href="/blog/safe-streets-for-play">Safe streets for play, <mark>revised</mark></a>"#))
        }
    }
}
