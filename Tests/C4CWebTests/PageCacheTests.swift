@testable import C4CWeb
import C4CCore
import C4CStore
import C4CTestSupport
import CompressNIO
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import Synchronization
import Testing

@Suite struct PageCacheTests {
    /// The app on a seeded database, with its page cache at hand to look into.
    static func run(
        _ engine: Engine, clock: WallClock = .fixed(TestDatabases.referenceNow), limit: Int? = nil, cacheOn: Bool = true,
        wrap: (@Sendable (any Database) -> any Database)? = nil,
        _ body: @escaping @Sendable (any TestClientProtocol, any Database, PageCaching) async throws -> Void
    ) async throws {
        try await TestDatabases.with(engine, seeded: true) { seeded in
            let database = wrap?(seeded) ?? seeded
            var dependencies = try await AppDependencies.make(configuration: try TestApp.configuration(), database: database, clock: clock)
            if let limit { dependencies.configuration.pageCacheBytes = limit }
            dependencies.configuration.pageCache = cacheOn
            let caching = PageCaching(dependencies)
            try await buildApplication(dependencies, caching: caching, logger: TestDatabases.logger).test(.router) { client in
                try await body(client, database, caching)
            }
        }
    }

    static func get(_ client: some TestClientProtocol, _ uri: String, _ headers: HTTPFields = [:]) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: headers)
    }

    static let gzip: HTTPFields = [.acceptEncoding: "gzip, deflate, br"]

    // MARK: Expiry

    /// The earliest English vacancy still open at the seed's "now", and its deadline.
    static func openVacancy(_ database: any Database) async throws -> (slug: String, deadline: Int64) {
        try await database.read { sql in
            let row = try #require(try await sql.raw("""
                SELECT slug, deadline_at FROM vacancies WHERE lang = 'en' AND status = 'published'
                AND deadline_at > \(bind: TestDatabases.referenceNow.epochSeconds) ORDER BY deadline_at LIMIT 1
                """).first())
            return (try row.decode(column: "slug", as: String.self), try row.decode(column: "deadline_at", as: Int64.self))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aCachedVacancyPageClosesAtItsDeadlineWithoutAnyWrite(engine: Engine) async throws {
        let clock = TestClock(TestDatabases.referenceNow)
        try await Self.run(engine, clock: clock.wallClock) { client, database, _ in
            let (slug, deadline) = try await Self.openVacancy(database)
            clock.advance(by: TimeInterval(deadline) - clock.wallClock.now.timeIntervalSince1970 - 60)
            let page = "/vacancies/\(slug)"

            #expect(try await Self.get(client, page).headers[.xCache] == "miss")
            let open = try await Self.get(client, page)
            #expect(open.headers[.xCache] == "hit")
            #expect(!open.text.contains("This vacancy is closed."))
            #expect(try await Self.get(client, "/vacancies").text.contains(page))
            #expect(try await Self.get(client, "/vacancies").headers[.xCache] == "hit")

            // At the deadline itself the vacancy is still open; a second later it is closed.
            clock.advance(by: 60)
            #expect(!(try await Self.get(client, page).text.contains("This vacancy is closed.")))
            clock.advance(by: 1)
            let closed = try await Self.get(client, page)
            #expect(closed.headers[.xCache] == "miss")
            #expect(closed.text.contains("This vacancy is closed."))
            #expect(!(try await Self.get(client, "/vacancies").text.contains(page)))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func anEditThroughTheBackOfficeShowsOnTheNextPageView(engine: Engine) async throws {
        try await Self.run(engine) { client, database, _ in
            try await BackOfficeTests.makeUsers(database)
            _ = try await Self.get(client, "/events")
            #expect(try await Self.get(client, "/events").headers[.xCache] == "hit")
            #expect(!(try await Self.get(client, "/events").text.contains("Streets that teach")))

            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            let created = try await client.execute(uri: "/admin/content/events", method: .post, headers: editor.headers,
                                                   body: ContentAdminTests.webinar(editor, image: try await ContentAdminTests.imageID(database), action: "publish"))
            #expect(created.status == .seeOther)
            let after = try await Self.get(client, "/events")
            #expect(after.headers[.xCache] == "miss")
            #expect(after.text.contains("Streets that teach"))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func savedSettingsShowOnEveryCachedPage(engine: Engine) async throws {
        try await Self.run(engine) { client, database, _ in
            try await BackOfficeTests.makeUsers(database)
            _ = try await Self.get(client, "/about")
            #expect(try await Self.get(client, "/about").headers[.xCache] == "hit")
            let admin = try await Browser.signIn(client, email: "admin%40c4c.test", database: database)
            let saved = try await client.execute(uri: "/admin/settings", method: .post, headers: admin.headers, body: ContentAdminTests.encode([
                ("_csrf", admin.csrf), ("siteName", "Renamed Alliance"), ("tagline", "A new line"), ("oneLiner", "One line"),
                ("contactEmail", "hello@c4c.test"), ("socialLinks", ""), ("timeZone", "UTC"),
            ]))
            #expect(saved.status == .seeOther)
            let after = try await Self.get(client, "/about")
            #expect(after.headers[.xCache] == "miss")
            #expect(after.text.contains("Renamed Alliance"))
        }
    }

    /// With the page cache off, pages still read the settings once for each generation of
    /// content: a row changed behind the app's back shows only once the version moves, as every
    /// save moves it.
    @Test(arguments: TestDatabases.engines)
    func settingsAreReadOnceForEachGenerationOfContentEvenWithThePageCacheOff(engine: Engine) async throws {
        try await Self.run(engine, cacheOn: false) { client, database, caching in
            #expect(try await Self.get(client, "/about").headers[.xCache] == nil)
            try await database.write { sql in
                try await SettingsQueries.upsert(sql, key: "site_name", value: "Unversioned Name")
            }
            #expect(!(try await Self.get(client, "/about").text.contains("Unversioned Name")), "read again without a new version")
            try await database.write { sql in try await ContentVersionQueries.bump(sql) }
            await caching.freshness.refresh()
            let after = try await Self.get(client, "/about").text
            #expect(after.contains("Unversioned Name"))
            #expect(try await Self.get(client, "/").text.contains("Unversioned Name"), "the home page reads them the same way")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func savedSettingsShowOnTheNextPageWithThePageCacheOff(engine: Engine) async throws {
        try await Self.run(engine, cacheOn: false) { client, database, _ in
            try await BackOfficeTests.makeUsers(database)
            _ = try await Self.get(client, "/about")
            let admin = try await Browser.signIn(client, email: "admin%40c4c.test", database: database)
            let saved = try await client.execute(uri: "/admin/settings", method: .post, headers: admin.headers, body: ContentAdminTests.encode([
                ("_csrf", admin.csrf), ("siteName", "Renamed Alliance"), ("tagline", "A new line"), ("oneLiner", "One line"),
                ("contactEmail", "hello@c4c.test"), ("socialLinks", ""), ("timeZone", "UTC"),
            ]))
            #expect(saved.status == .seeOther)
            #expect(try await Self.get(client, "/about").text.contains("Renamed Alliance"))
        }
    }

    /// Two instances sharing one database, each with its own cache: an edit through one shows on
    /// the other within a second, through the other's watcher alone.
    @Test(arguments: TestDatabases.engines)
    func twoInstancesAgreeWithinOneSecond(engine: Engine) async throws {
        try await TestDatabases.with(engine, seeded: true) { database in
            try await BackOfficeTests.makeUsers(database)
            func instance() async throws -> some ApplicationProtocol {
                let dependencies = try await AppDependencies.make(configuration: try TestApp.configuration(), database: database,
                                                                  clock: .fixed(TestDatabases.referenceNow))
                return buildApplication(dependencies, logger: TestDatabases.logger)
            }
            let (first, second) = (try await instance(), try await instance())
            try await first.test(.router) { one in
                try await second.test(.router) { other in
                    for client in [one, other] as [any TestClientProtocol] {
                        _ = try await Self.get(client, "/")
                        #expect(try await Self.get(client, "/").headers[.xCache] == "hit")
                    }
                    let admin = try await Browser.signIn(one, email: "admin%40c4c.test", database: database)
                    let saved = try await one.execute(uri: "/admin/settings", method: .post, headers: admin.headers, body: ContentAdminTests.encode([
                        ("_csrf", admin.csrf), ("siteName", "Renamed on one instance"), ("tagline", "t"), ("oneLiner", "o"),
                        ("contactEmail", ""), ("socialLinks", ""), ("timeZone", "UTC"),
                    ]))
                    #expect(saved.status == .seeOther)
                    #expect(try await Self.get(one, "/").text.contains("Renamed on one instance"), "the editor's instance at once")

                    // Timed from the save to the start of the first request the other instance
                    // answered with the edit, so the time to render that page is not counted.
                    let savedAt = ContinuousClock.now
                    var shownBy: Duration?
                    while shownBy == nil, ContinuousClock.now - savedAt < .seconds(3) {
                        let asked = ContinuousClock.now
                        if try await Self.get(other, "/").text.contains("Renamed on one instance") { shownBy = asked - savedAt }
                        try await Task.sleep(for: .milliseconds(20))
                    }
                    let waited = try #require(shownBy, "the other instance never showed the edit")
                    #expect(waited < .seconds(1), "the other instance showed the edit \(waited) after it was saved")
                }
            }
        }
    }

    // MARK: What is never kept

    @Test(arguments: TestDatabases.engines)
    func theBackOfficeIsNeverCachedAndAnEditorsPageNeverReachesAVisitor(engine: Engine) async throws {
        try await Self.run(engine) { client, database, caching in
            try await BackOfficeTests.makeUsers(database)
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            for _ in 0..<2 {
                let dashboard = try await Self.get(client, "/admin", editor.headers)
                #expect(dashboard.status == .ok)
                #expect(dashboard.headers[.xCache] == nil)
                #expect(dashboard.headers[.cacheControl] == "no-store")
            }
            // A signed-in editor's view of a public page is answered but not kept for others.
            #expect(try await Self.get(client, "/members", editor.headers).headers[.xCache] == "miss")
            #expect(try await Self.get(client, "/members").headers[.xCache] == "miss")
            #expect(try await Self.get(client, "/members").headers[.xCache] == "hit")
            // Nor is a preview, which carries no-store.
            let created = try await client.execute(uri: "/admin/content/events", method: .post, headers: editor.headers,
                                                   body: ContentAdminTests.webinar(editor, image: try await ContentAdminTests.imageID(database), action: "draft"))
            let preview = String(try #require(created.headers[.location]).split(separator: "?")[0]) + "/preview"
            for _ in 0..<2 { #expect(try await Self.get(client, preview, editor.headers).headers[.xCache] == nil) }
            #expect(try await Self.get(client, preview).status != .ok)
            #expect(caching.cache?.usage.pages == 1, "only the visitor's /members was kept")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func noHeaderOrParameterAVisitorSendsSkipsTheCache(engine: Engine) async throws {
        try await Self.run(engine) { client, _, _ in
            _ = try await Self.get(client, "/")
            for headers: HTTPFields in [[.cacheControl: "no-cache"], [HTTPField.Name("Pragma")!: "no-cache"], [.authorization: "Basic eDp5"], [.cookie: "c4c_session=forged"]] {
                #expect(try await Self.get(client, "/", headers).headers[.xCache] == "hit", "\(headers)")
            }
            #expect(try await Self.get(client, "/?nocache=1&_=123").headers[.xCache] == "hit")
            // A load balancer's cookie is not a credential: the page it fetched is kept for everyone.
            #expect(try await Self.get(client, "/about", [.cookie: "lb_route=b2"]).headers[.xCache] == "miss")
            #expect(try await Self.get(client, "/about").headers[.xCache] == "hit")
        }
    }

    // MARK: Keys

    @Test(arguments: TestDatabases.engines)
    func unknownQueryParametersNeitherSplitTheKeyNorReachThePage(engine: Engine) async throws {
        try await TestDatabases.with(engine, seeded: true) { database in
            let dependencies = try await AppDependencies.make(configuration: try TestApp.configuration(), database: database,
                                                              clock: .fixed(TestDatabases.referenceNow))
            let router = buildRouter(dependencies, caching: PageCaching(dependencies))
            router.get("/echo-query") { request, _ in
                Response(status: .ok, headers: [.contentType: "text/plain", .cacheControl: "public, max-age=0"],
                         body: .init(byteBuffer: ByteBuffer(string: "query: \(request.uri.query ?? "")")))
            }
            try await Application(router: router).test(.router) { client in
                let first = try await Self.get(client, "/echo-query?utm_source=mail&kind=report&page=2&fbclid=x")
                #expect(first.headers[.xCache] == "miss")
                #expect(first.text == "query: kind=report&page=2")
                for uri in ["/echo-query?page=2&kind=report", "/echo-query?kind=report&page=2&ref=elsewhere", "/echo-query?kind=%20report%20&page=2"] {
                    let again = try await Self.get(client, uri)
                    #expect(again.headers[.xCache] == "hit", "\(uri)")
                    #expect(again.text == "query: kind=report&page=2")
                }
                #expect(try await Self.get(client, "/echo-query?kind=toolkit").headers[.xCache] == "miss")
                #expect(try await Self.get(client, "/echo-query?q=S%C3%A3o%20Paulo%20%26%20more").text == "query: q=S%C3%A3o%20Paulo%20%26%20more")

                let resources = try await Self.get(client, "/resources?kind=report&utm_campaign=x")
                #expect(resources.status == .ok)
                #expect(try await Self.get(client, "/resources?kind=report").headers[.xCache] == "hit")
            }
        }
    }

    /// A page reading a parameter the key leaves out would be cached under the wrong name, and
    /// would in fact never see it: every parameter the public pages read is in the key's list.
    @Test func everyQueryParameterAPageReadsIsPartOfTheKey() throws {
        let sources = TestApp.rootDirectory.appendingPathComponent("Sources/C4CWeb")
        let files = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
        var read: Set<String> = []
        for case let file as URL in files where file.pathExtension == "swift" && !file.path.contains("/Admin/") {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in text.matches(of: /query\("([A-Za-z_]+)"\)/) { read.insert(String(match.1)) }
            for match in text.matches(of: /queryParameters(?:\.get\(|\[)"([A-Za-z_]+)"/) { read.insert(String(match.1)) }
            if file.lastPathComponent != "Site.swift" {
                #expect(!text.contains("queryParameters"), "\(file.lastPathComponent) reads the query itself: use Request.query and PageKey.parameters")
            }
        }
        #expect(read.contains("page") && read.contains("q"), "found \(read)")
        #expect(read.subtracting(PageKey.parameters).isEmpty, "read by a page but not in PageKey.parameters: \(read.subtracting(PageKey.parameters))")
    }

    // MARK: Conditional requests, HEAD, gzip

    @Test(arguments: TestDatabases.engines)
    func aMatchingETagAnswers304WithoutABody(engine: Engine) async throws {
        try await Self.run(engine) { client, _, _ in
            let page = try await Self.get(client, "/about")
            let etag = try #require(page.headers[.eTag])
            #expect(etag.hasPrefix("\"") && etag.hasSuffix("\""))
            for condition in [etag, "W/\(etag)", "\"other\", \(etag)"] {
                let again = try await Self.get(client, "/about", [.ifNoneMatch: condition])
                #expect(again.status == .notModified, "\(condition)")
                #expect(again.body.readableBytes == 0)
                #expect(again.headers[.eTag] == etag)
                #expect(again.headers[.cacheControl] == "public, max-age=0, must-revalidate")
                #expect(again.headers[.contentType] == nil)
            }
            #expect(try await Self.get(client, "/about", [.ifNoneMatch: "\"stale\""]).status == .ok)
            // The gzip form has a tag of its own.
            let zipped = try await Self.get(client, "/about", Self.gzip)
            let zippedTag = try #require(zipped.headers[.eTag])
            #expect(zippedTag != etag)
            var conditional = Self.gzip
            conditional[.ifNoneMatch] = zippedTag
            #expect(try await Self.get(client, "/about", conditional).status == .notModified)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func headIsAnsweredFromTheCacheWithTheHeadersOfGet(engine: Engine) async throws {
        try await Self.run(engine) { client, _, _ in
            let cold = try await client.execute(uri: "/members", method: .head)
            #expect(cold.status == .ok)
            #expect(cold.headers[.xCache] == "miss")
            #expect(cold.body.readableBytes == 0)
            let page = try await Self.get(client, "/members")
            #expect(page.headers[.xCache] == "hit", "the HEAD filled the cache")
            let head = try await client.execute(uri: "/members", method: .head)
            #expect(head.headers[.xCache] == "hit")
            #expect(head.body.readableBytes == 0)
            #expect(head.headers[.contentLength] == String(page.body.readableBytes))
            #expect(head.headers[.eTag] == page.headers[.eTag])
            let securityPolicy = HTTPField.Name("Content-Security-Policy")!
            #expect(page.headers[securityPolicy] != nil && head.headers[securityPolicy] == page.headers[securityPolicy])
        }
    }

    @Test(arguments: TestDatabases.engines)
    func gzipBodiesDecompressToThePlainBodyCachedOrNot(engine: Engine) async throws {
        for cacheOn in [true, false] {
            try await Self.run(engine, cacheOn: cacheOn) { client, _, _ in
                for uri in ["/", "/fr/resources", "/feed.xml", "/sitemap.xml"] {
                    let plain = try await Self.get(client, uri)
                    let zipped = try await Self.get(client, uri, Self.gzip)
                    #expect(plain.status == .ok, "\(uri)")
                    #expect(plain.headers[.contentEncoding] == nil)
                    #expect(zipped.headers[.contentEncoding] == "gzip", "\(uri)")
                    #expect(zipped.headers[.vary] == "Accept-Encoding")
                    #expect(zipped.body.readableBytes < plain.body.readableBytes / 2, "\(uri)")
                    var body = zipped.body
                    #expect(String(buffer: try body.decompress(with: .gzip())) == plain.text, "\(uri)")
                    #expect(zipped.headers[.eTag] != nil && zipped.headers[.eTag] != plain.headers[.eTag])
                    #expect((zipped.headers[.xCache] != nil) == cacheOn)
                    #expect(try await Self.get(client, uri, [.acceptEncoding: "gzip;q=0, identity"]).headers[.contentEncoding] == nil)
                }
                let event = try await Self.get(client, "/events")
                let calendar = try #require(event.text.firstMatch(of: /href="(\/events\/series\/[a-z0-9-]+\.ics)"/)?.1)
                #expect(try await Self.get(client, String(calendar), Self.gzip).headers[.contentEncoding] == "gzip")
            }
        }
    }

    @Test func acceptEncodingIsReadWithItsQualities() {
        let takes = ["gzip", "GZIP", "br, gzip", "gzip, deflate, br", "x-gzip", "*", "gzip;q=0.5", "br;q=1, gzip;q=0.1", "*;q=0.3"]
        let refuses = ["", "identity", "br", "deflate, br", "gzip;q=0", "gzip; q=0.0, identity", "*;q=0", "br, *;q=0"]
        for value in takes { #expect(ResponseCompression.acceptsGzip([.acceptEncoding: value]), "\(value)") }
        for value in refuses { #expect(!ResponseCompression.acceptsGzip([.acceptEncoding: value]), "\(value)") }
        #expect(!ResponseCompression.acceptsGzip([:]))
    }

    // MARK: Bounds

    @Test func theLeastRecentlyUsedPageIsEvictedFirstAndTheBoundHolds() {
        func page(_ size: Int) -> CachedPage {
            PageCacheMiddleware<AppRequestContext>.page([.contentType: "text/html"], body: ByteBuffer(repeating: 0x61, count: size),
                                                        gzipped: nil, generation: 1, kept: true)
        }
        let cache = PageCache(limit: 40_000)
        for key in ["a", "b", "c", "d"] { cache.keep(page(8_000), for: key) }
        #expect(cache.page("a") != nil, "a is now the most recently used")
        cache.keep(page(8_000), for: "e")
        #expect(cache.page("b") == nil, "b, the least recently used, went first")
        #expect(cache.page("a") != nil)
        #expect(cache.page("e") != nil)
        #expect(cache.usage.bytes <= 40_000)
        cache.keep(page(20_000), for: "huge")
        #expect(cache.page("huge") == nil, "a page over a quarter of the bound is not kept")
        for index in 0..<100 { cache.keep(page(1_000 + index), for: "p\(index)") }
        #expect(cache.usage.bytes <= 40_000)
        #expect(cache.page("p99") != nil && cache.page("p0") == nil)
    }

    @Test(arguments: TestDatabases.engines)
    func aSmallCacheEvictsPagesAndStaysWithinItsBound(engine: Engine) async throws {
        let limit = 160_000
        try await Self.run(engine, limit: limit) { client, _, caching in
            let pages = ["/", "/about", "/members", "/resources", "/events", "/vacancies", "/blog", "/fr/", "/es/", "/pt/", "/ar/"]
            for uri in pages { #expect(try await Self.get(client, uri).status == .ok, "\(uri)") }
            let usage = try #require(caching.cache?.usage)
            #expect(usage.bytes <= limit)
            #expect(usage.pages < pages.count)
            #expect(try await Self.get(client, pages.last!).headers[.xCache] == "hit")
            #expect(try await Self.get(client, pages.first!).headers[.xCache] == "miss", "the oldest was evicted")
        }
    }

    // MARK: Database away

    @Test(arguments: TestDatabases.engines)
    func whileTheDatabaseIsAwayKeptPagesAreServedAndOthersAnswer503InTheVisitorsLanguage(engine: Engine) async throws {
        let clock = TestClock(TestDatabases.referenceNow)
        let switchable = Mutex<SwitchableDatabase?>(nil)
        try await Self.run(engine, clock: clock.wallClock, wrap: { base in
            let database = SwitchableDatabase(base)
            switchable.withLock { $0 = database }
            return database
        }) { client, _, _ in
            let database = try #require(switchable.withLock { $0 })
            let warm = try await Self.get(client, "/fr/")
            #expect(try await Self.get(client, "/fr/").headers[.xCache] == "hit")

            database.isDown = true
            let kept = try await Self.get(client, "/fr/")
            #expect(kept.status == .ok)
            #expect(kept.text == warm.text)
            // Even after the moment it was fresh until has passed.
            clock.advance(by: 400 * 86_400)
            let stale = try await Self.get(client, "/fr/")
            #expect(stale.status == .ok)
            #expect(stale.headers[.xCache] == "stale")
            #expect(stale.text == warm.text)

            let other = try await Self.get(client, "/fr/events")
            #expect(other.status == .serviceUnavailable)
            #expect(other.headers[.retryAfter] == "5")
            #expect(other.headers[.cacheControl] == "no-store")
            #expect(other.text.contains("Momentanément indisponible"))
            #expect(other.text.contains("<html lang=\"fr\""))
            #expect(try await Self.get(client, "/healthz").status == .serviceUnavailable)

            database.isDown = false
            #expect(try await Self.get(client, "/fr/events").status == .ok)
            let fresh = try await Self.get(client, "/fr/")
            #expect(fresh.headers[.xCache] == "miss")
            #expect(try await Self.get(client, "/healthz").status == .ok)
        }
    }

    @Test func aPageRenderedNowStaysRightUntilTheNextScheduledInstant() {
        let now = Date(epochSeconds: 1_795_694_400).addingTimeInterval(0.25)
        let from = now.epochSeconds
        #expect(ContentFreshness.validUntil(next: from + 90, from: from, now: now) == Date(epochSeconds: from + 90))
        #expect(ContentFreshness.validUntil(next: from, from: from, now: now) == Date(epochSeconds: from + 1),
                "a change due in this very second keeps pages only for the rest of it")
        let newYear = ContentFreshness.validUntil(next: nil, from: from, now: now)
        #expect(newYear > now && newYear <= now.addingTimeInterval(366 * 86_400), "the footer's year changes at the new year")
    }
}

/// A test database that can be made unreachable, as a stopped server is.
final class SwitchableDatabase: Database {
    let base: any Database
    private let down = Mutex(false)

    init(_ base: any Database) { self.base = base }

    var isDown: Bool {
        get { down.withLock { $0 } }
        set { down.withLock { $0 = newValue } }
    }

    var engine: Engine { base.engine }
    var isAvailable: Bool { !isDown && base.isAvailable }

    func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        if isDown { throw DatabaseUnavailable("switched off by the test") }
        return try await base.read(body)
    }

    func write<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        if isDown { throw DatabaseUnavailable("switched off by the test") }
        return try await base.write(body)
    }

    func ping(within limit: Duration) async -> Bool {
        isDown ? false : await base.ping(within: limit)
    }

    var connectionWaits: ConnectionWaits { base.connectionWaits }

    /// The test's database is closed by `TestDatabases`, not through this.
    func close() async throws {}
}
