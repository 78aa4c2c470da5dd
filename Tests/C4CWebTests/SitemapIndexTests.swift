import C4CCore
import C4CStore
import C4CTestSupport
import Foundation
import Synchronization
import HummingbirdTesting
import Testing

/// Past the sitemap limit `/sitemap.xml` becomes an index of numbered pages; below it, one plain
/// sitemap. The tests lower the limit instead of making 50,000 items.
@Suite struct SitemapIndexTests {
    static func locations(_ xml: String) -> [String] {
        xml.components(separatedBy: "<loc>").dropFirst().map { String($0.prefix { $0 != "<" }) }
    }

    static func get(_ client: some TestClientProtocol, _ uri: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get)
    }

    @Test(arguments: TestDatabases.engines)
    func belowTheLimitTheSitemapIsOnePlainListAndHasNoNumberedPages(engine: Engine) async throws {
        try await TestApp.run(engine) { client, _ in
            let sitemap = try await Self.get(client, "/sitemap.xml")
            #expect(sitemap.status == .ok)
            #expect(sitemap.text.contains("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">"))
            #expect(!sitemap.text.contains("<sitemapindex"))
            #expect(sitemap.text.contains("<loc>http://c4c.test/resources/heat-shade-and-schoolyards</loc>"))
            #expect(try await Self.get(client, "/sitemap-1.xml").status == .notFound)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func pastTheLimitTheSitemapIsAnIndexWhosePagesListEveryAddressOnce(engine: Engine) async throws {
        let everything = try await Self.plainSitemap(engine)
        #expect(everything.count > 100)
        let size = 37
        try await TestApp.run(engine, adjust: { $0.configuration.sitemapPageSize = size }) { client, _ in
            let index = try await Self.get(client, "/sitemap.xml")
            #expect(index.status == .ok)
            #expect(index.headers[.contentType] == "application/xml; charset=utf-8")
            #expect(index.text.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"))
            #expect(!index.text.contains("<urlset"))
            let pages = Self.locations(index.text)
            let expected = (everything.count + size - 1) / size
            #expect(pages == (1...expected).map { "http://c4c.test/sitemap-\($0).xml" })
            var listed: [String] = []
            for (number, page) in pages.enumerated() {
                let response = try await Self.get(client, String(page.dropFirst("http://c4c.test".count)))
                #expect(response.status == .ok, "\(page)")
                #expect(response.text.contains("<urlset"), "\(page)")
                let urls = Self.locations(response.text)
                #expect(urls.count == (number == pages.count - 1 ? everything.count - size * (pages.count - 1) : size), "\(page)")
                listed += urls
            }
            #expect(listed == everything)
            for missing in ["/sitemap-0.xml", "/sitemap-\(expected + 1).xml", "/sitemap-one.xml", "/sitemap-1.txt", "/sitemap-99999999999999999999.xml"] {
                #expect(try await Self.get(client, missing).status == .notFound, "\(missing)")
            }
        }
    }

    /// Every address of the demo site, from one plain sitemap.
    static func plainSitemap(_ engine: Engine) async throws -> [String] {
        let addresses = Mutex<[String]>([])
        try await TestApp.run(engine) { client, _ in
            let text = try await get(client, "/sitemap.xml").text
            addresses.withLock { $0 = locations(text) }
        }
        let all = addresses.withLock { $0 }
        #expect(Set(all).count == all.count, "an address is listed twice")
        return all
    }
}
