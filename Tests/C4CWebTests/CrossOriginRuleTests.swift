@testable import C4CWeb
import HTTPTypes
import Testing

/// The cross-origin rule on its own, over every combination that matters.
@Suite struct CrossOriginRuleTests {
    typealias Rule = CrossOriginProtection<AppRequestContext>
    let fetchSite = HTTPField.Name("Sec-Fetch-Site")!

    @Test func safeMethodsAlwaysPass() {
        #expect(Rule.isAllowed(method: .get, headers: [fetchSite: "cross-site"], authority: "c4c.test"))
        #expect(Rule.isAllowed(method: .head, headers: [fetchSite: "cross-site"], authority: "c4c.test"))
    }

    @Test(arguments: [HTTPRequest.Method.post, .put, .patch, .delete])
    func unsafeMethodsFollowFetchMetadata(method: HTTPRequest.Method) {
        #expect(Rule.isAllowed(method: method, headers: [fetchSite: "same-origin"], authority: "c4c.test"))
        #expect(Rule.isAllowed(method: method, headers: [fetchSite: "none"], authority: "c4c.test"))
        #expect(!Rule.isAllowed(method: method, headers: [fetchSite: "cross-site"], authority: "c4c.test"))
        #expect(!Rule.isAllowed(method: method, headers: [fetchSite: "same-site"], authority: "c4c.test"))
        // Fetch metadata wins over a matching Origin.
        #expect(!Rule.isAllowed(method: method, headers: [fetchSite: "cross-site", .origin: "http://c4c.test"], authority: "c4c.test"))
    }

    @Test func originIsComparedWhenFetchMetadataIsMissing() {
        #expect(Rule.isAllowed(method: .post, headers: [.origin: "https://c4c.test"], authority: "c4c.test"))
        #expect(Rule.isAllowed(method: .post, headers: [.origin: "http://127.0.0.1:8080"], authority: "127.0.0.1:8080"))
        #expect(Rule.isAllowed(method: .post, headers: [.origin: "https://c4c.test"], authority: "c4c.test:443"))
        #expect(!Rule.isAllowed(method: .post, headers: [.origin: "http://127.0.0.1:9999"], authority: "127.0.0.1:8080"))
        #expect(!Rule.isAllowed(method: .post, headers: [.origin: "https://c4c.test.evil.example"], authority: "c4c.test"))
        #expect(!Rule.isAllowed(method: .post, headers: [.origin: "null"], authority: "c4c.test"))
        #expect(!Rule.isAllowed(method: .post, headers: [.origin: "https://c4c.test"], authority: nil))
    }

    @Test func nonBrowserClientsWithNeitherHeaderPass() {
        #expect(Rule.isAllowed(method: .post, headers: [:], authority: "c4c.test"))
    }
}
