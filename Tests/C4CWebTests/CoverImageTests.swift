@testable import C4CWeb
import C4CCore
import C4CStore
import C4CTestSupport
import Foundation
import HummingbirdTesting
import SQLKit
import Testing

/// Events and blog posts show their cover: with its credit on their own page, small on their cards,
/// and only when the image may be shown publicly.
@Suite struct CoverImageTests {
    static let alt = "Children crossing a painted street"
    static let credit = "Photo: A. Ndlovu / C4C"

    /// A photo of 1600 × 1067 whose variants are made, or (`variantsReady: false`) still being made
    /// elsewhere: claimed, so the app's own worker leaves it alone while the pages are read.
    /// Written in one transaction for the same reason.
    static func photo(_ database: any Database, name: String = "street.jpg", childrenWithoutConsent: Bool = false,
                      variantsReady: Bool = true) async throws -> (mediaID: Int64, fileID: Int64) {
        let now = TestDatabases.referenceNow.epochSeconds
        let bytes = Data(TestImages.png)
        return try await database.write { sql in
            let fileID = try #require(try await sql.raw("""
                INSERT INTO files (name, content_type, byte_size, sha256, data, created_at)
                VALUES (\(bind: name), 'image/jpeg', \(bind: bytes.count), 'test', \(bind: bytes), \(bind: now)) RETURNING id
                """).first()).decode(column: "id", as: Int64.self)
            let mediaID = try #require(try await sql.raw("""
                INSERT INTO media (file_id, kind, title, alt_text, credit, width, height, shows_identifiable_children, consent_on_file,
                created_at, variants_ready_at, variants_claimed_at)
                VALUES (\(bind: fileID), 'image', 'Street', \(bind: alt), \(bind: credit), 1600, 1067, \(bind: childrenWithoutConsent), FALSE,
                \(bind: now), \(bind: variantsReady ? now : nil), \(bind: variantsReady ? nil : now + 86_400)) RETURNING id
                """).first()).decode(column: "id", as: Int64.self)
            return (mediaID, fileID)
        }
    }

    static func setCover(_ database: any Database, table: String, slug: String, mediaID: Int64) async throws {
        try await database.write { sql in
            try await sql.raw("UPDATE \(ident: table) SET cover_image_id = \(bind: mediaID) WHERE slug = \(bind: slug)").run()
            try await ContentVersionQueries.bump(sql)
        }
    }

    static func page(_ client: some TestClientProtocol, _ uri: String) async throws -> String {
        let response = try await client.execute(uri: uri, method: .get)
        #expect(response.status == .ok, "\(uri)")
        return response.text
    }

    /// The cover on an item's own page: WebP and JPEG variants for the text column, alt text, size, credit.
    static func expectCoverWithCredit(_ html: String, fileID: Int64, _ uri: String) {
        #expect(html.contains(#"<source type="image/webp" srcset="/files/\#(fileID)/w320/street.webp 320w, /files/\#(fileID)/w640/street.webp 640w, /files/\#(fileID)/w960/street.webp 960w, /files/\#(fileID)/w1280/street.webp 1280w, /files/\#(fileID)/w1600/street.webp 1600w" sizes="(min-width: 52rem) 48rem, 100vw">"#), "\(uri)")
        #expect(html.contains(#"<img class="cover" src="/files/\#(fileID)/w640/street.jpg" srcset="/files/\#(fileID)/w320/street.jpg 320w"#), "\(uri)")
        #expect(html.contains(#"alt="\#(alt)" width="1600" height="1067"></picture><p class="credit" dir="auto">\#(HTMLEscaping.escape(credit))</p>"#), "\(uri)")
    }

    /// The cover on a card: small (a phone takes the 320 px copy), lazy, described, without the credit.
    static func expectThumbnail(_ html: String, fileID: Int64, _ uri: String) {
        #expect(html.contains(#"<picture class="thumb"><source type="image/webp" srcset="/files/\#(fileID)/w320/street.webp 320w"#), "\(uri)")
        #expect(html.contains(#"sizes="(min-width: 40rem) 12rem, 7rem"><img src="/files/\#(fileID)/w640/street.jpg""#), "\(uri)")
        #expect(html.contains(#"alt="\#(alt)" width="1600" height="1067" loading="lazy"></picture>"#), "\(uri)")
        #expect(!html.contains(HTMLEscaping.escape(credit)), "cards show no credit, as resource cards: \(uri)")
    }

    @Test(arguments: TestDatabases.engines)
    func anEventWithACoverShowsItWithItsCreditOnItsPageAndSmallOnItsCards(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            let (mediaID, fileID) = try await Self.photo(database)
            let now = TestDatabases.referenceNow
            let event = try #require(try await HomeQueries(database: database).content(language: .en, now: now).featuredEvent)
            let seriesSlug = try #require(try await EventQueries(database: database).event(slug: event.slug, language: .en, now: now)?.event.seriesSlug)
            try await Self.setCover(database, table: "events", slug: event.slug, mediaID: mediaID)

            Self.expectCoverWithCredit(try await Self.page(client, "/events/\(event.slug)"), fileID: fileID, "event page")
            for uri in ["/events", "/events/series/\(seriesSlug)", "/"] {
                Self.expectThumbnail(try await Self.page(client, uri), fileID: fileID, uri)
            }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aPostWithACoverShowsItWithItsCreditOnItsPageAndOnItsCards(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            let (mediaID, fileID) = try await Self.photo(database)
            let now = TestDatabases.referenceNow
            let post = try #require(try await HomeQueries(database: database).content(language: .en, now: now).posts.first)
            let topic = try #require(try await BlogQueries(database: database).post(slug: post.slug, language: .en, now: now)?.topics.first)
            try await Self.setCover(database, table: "blog_posts", slug: post.slug, mediaID: mediaID)

            Self.expectCoverWithCredit(try await Self.page(client, "/blog/\(post.slug)"), fileID: fileID, "post page")
            for uri in ["/blog", "/blog/topics/\(topic.slug)"] {
                Self.expectThumbnail(try await Self.page(client, uri), fileID: fileID, uri)
            }
            // The home page's latest posts are cards in the resources' grid, and draw theirs as resource cards do.
            let home = try await Self.page(client, "/")
            #expect(home.contains(#"sizes="(min-width: 60rem) 18rem, (min-width: 40rem) 45vw, 100vw"><img src="/files/\#(fileID)/w640/street.jpg""#))
            #expect(home.contains(#"alt="\#(Self.alt)" width="1600" height="1067" loading="lazy"></picture>"#))
            #expect(!home.contains(HTMLEscaping.escape(Self.credit)))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aCoverThatMayNotBeShownIsLeftOutEverywhere(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            let now = TestDatabases.referenceNow
            let home = try await HomeQueries(database: database).content(language: .en, now: now)
            let event = try #require(home.featuredEvent)
            let post = try #require(home.posts.first)
            // Identifiable children without consent on file, on the event; a photo whose small copies are
            // not made yet, on the post. Both set before any page is read (and cached).
            let children = try await Self.photo(database, name: "playground.jpg", childrenWithoutConsent: true)
            let unready = try await Self.photo(database, name: "unready.jpg", variantsReady: false)
            try await Self.setCover(database, table: "events", slug: event.slug, mediaID: children.mediaID)
            try await Self.setCover(database, table: "blog_posts", slug: post.slug, mediaID: unready.mediaID)
            // And one that may be shown, on the next post: the lists below are read after the covers were set.
            let shown = try await Self.photo(database, name: "shown.jpg")
            try await Self.setCover(database, table: "blog_posts", slug: try #require(home.posts.dropFirst().first).slug, mediaID: shown.mediaID)
            #expect(try await Self.page(client, "/blog").contains("/files/\(shown.fileID)/w320/shown.webp"))
            for uri in ["/events/\(event.slug)", "/events", "/blog/\(post.slug)", "/blog", "/"] {
                let html = try await Self.page(client, uri)
                #expect(!html.contains("/files/\(children.fileID)/") && !html.contains("/files/\(unready.fileID)/"), "\(uri)")
            }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func theBlogIndexWithACoverOnEveryPostStaysLight(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            let (mediaID, fileID) = try await Self.photo(database)
            try await database.write { sql in
                try await sql.raw("UPDATE blog_posts SET cover_image_id = \(bind: mediaID)").run()
                try await ContentVersionQueries.bump(sql)
            }
            let plain = try await Self.page(client, "/blog")
            #expect(plain.components(separatedBy: #"<picture class="thumb">"#).count - 1 == BlogQueries.pageSize)
            #expect(plain.contains("/files/\(fileID)/w320/street.webp"))
            let compressed = try await client.execute(uri: "/blog", method: .get, headers: PageCacheTests.gzip)
            #expect(compressed.headers[.contentEncoding] == "gzip")
            #expect(compressed.body.readableBytes < 20 * 1024, "well under 60 KB compressed: \(compressed.body.readableBytes) bytes")
        }
    }
}
