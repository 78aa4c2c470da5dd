import C4CCore
import C4CStore
import C4CTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// Until the mailing list is real, no page asks for an address it would throw away, and the
/// sections still being built stay out of the sitemap.
@Suite struct HonestPlaceholdersTests {
    static func href(_ path: String, _ language: Language) -> String {
        language == .en ? path : "/\(language.rawValue)" + (path == "/" ? "" : path)
    }

    @Test(arguments: TestDatabases.engines)
    func noPageOffersAnEmailInputForTheMailingList(engine: Engine) async throws {
        try await TestApp.run(engine) { client, _ async throws in
            for language in Language.allCases {
                for path in ["/", "/newsletter", "/contribute", "/contact", "/resources", "/events", "/about"] {
                    let response = try await client.execute(uri: Self.href(path, language), method: .get)
                    #expect(response.status == .ok, "\(Self.href(path, language)) answered \(response.status)")
                    let html = response.text
                    #expect(html.firstMatch(of: /<form[^>]*action="[^"]*\/newsletter"/) == nil, "\(Self.href(path, language)) has a sign-up form")
                    #expect(!html.contains(#"type="email""#), "\(Self.href(path, language)) asks for an email address")
                }
            }
            #expect(try await client.execute(uri: "/", method: .get).text.contains("Sign-up opens soon"))
            #expect(try await client.execute(uri: "/fr", method: .get).text.contains("Les inscriptions ouvrent bientôt"))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func postingToTheMailingListIsRefusedInEveryLanguageAndKeepsNothing(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            for language in Language.allCases {
                let response = try await client.execute(uri: Self.href("/newsletter", language), method: .post,
                                                        headers: [.contentType: "application/x-www-form-urlencoded"],
                                                        body: ByteBuffer(string: "email=reader%40example.org"))
                #expect(!(200..<300).contains(response.status.code), "\(Self.href("/newsletter", language)) answered \(response.status)")
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET, HEAD")
                if language == .en { #expect(response.text.contains("Sign-up to the mailing list is not open yet")) }
            }
            let kept = try await database.read { sql in
                try await sql.raw("SELECT (SELECT COUNT(*) FROM subscribers) + (SELECT COUNT(*) FROM mail_outbox) AS n").first()!
                    .decode(column: "n", as: Int.self)
            }
            #expect(kept == 0)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func theSitemapLeavesOutTheSectionsStillBeingBuilt(engine: Engine) async throws {
        try await TestApp.run(engine) { client, _ async throws in
            let sitemap = try await client.execute(uri: "/sitemap.xml", method: .get).text
            for language in Language.allCases {
                for path in ["/contribute", "/contact", "/newsletter"] {
                    #expect(!sitemap.contains("<loc>http://c4c.test\(Self.href(path, language))</loc>"), "the sitemap lists \(path)")
                }
                #expect(sitemap.contains("<loc>http://c4c.test\(Self.href("/resources", language))</loc>"))
            }
        }
    }
}
