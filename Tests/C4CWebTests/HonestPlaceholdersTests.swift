import C4CCore
import C4CStore
import C4CTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// The sections still being built stay out of the sitemap.
@Suite struct HonestPlaceholdersTests {
    static func href(_ path: String, _ language: Language) -> String {
        language == .en ? path : "/\(language.rawValue)" + (path == "/" ? "" : path)
    }

    @Test(arguments: TestDatabases.engines)
    func theSitemapLeavesOutTheSectionsStillBeingBuilt(engine: Engine) async throws {
        try await TestApp.run(engine) { client, _ async throws in
            let sitemap = try await client.execute(uri: "/sitemap.xml", method: .get).text
            for language in Language.allCases {
                for path in ["/contribute"] {
                    #expect(!sitemap.contains("<loc>http://c4c.test\(Self.href(path, language))</loc>"), "the sitemap lists \(path)")
                }
                #expect(sitemap.contains("<loc>http://c4c.test\(Self.href("/resources", language))</loc>"))
            }
        }
    }
}
