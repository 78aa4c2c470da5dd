import C4CStore
import C4CTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct SecurityTests {
    @Test(arguments: TestDatabases.engines)
    func everyResponseCarriesTheSecurityHeaders(engine: Engine) async throws {
        try await TestApp.run(engine) { client, _ async throws in
            for path in ["/", "/no-such-page", "/resources"] {
                let response = try await client.execute(uri: path, method: .get)
                let csp = try #require(response.headers[HTTPField.Name("Content-Security-Policy")!])
                #expect(csp.contains("default-src 'self'"))
                #expect(csp.contains("script-src 'self'"))
                #expect(!csp.contains("unsafe-inline"))
                #expect(csp.contains("frame-ancestors 'none'"))
                #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
                #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "strict-origin-when-cross-origin")
                #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
            }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aForgedCrossSitePostIsRefused(engine: Engine) async throws {
        try await TestApp.run(engine) { client, _ async throws in
            let body = ByteBuffer(string: "email=victim%40example.org")
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

            var crossSite = form
            crossSite[HTTPField.Name("Sec-Fetch-Site")!] = "cross-site"
            let refused = try await client.execute(uri: "/newsletter", method: .post, headers: crossSite, body: body)
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains("sent from another website"))

            var sameSite = form
            sameSite[HTTPField.Name("Sec-Fetch-Site")!] = "same-site"
            #expect(try await client.execute(uri: "/newsletter", method: .post, headers: sameSite, body: body).status == .forbidden)

            var foreignOrigin = form
            foreignOrigin[.origin] = "https://evil.example"
            #expect(try await client.execute(uri: "/newsletter", method: .post, headers: foreignOrigin, body: body).status == .forbidden)

            var nullOrigin = form
            nullOrigin[.origin] = "null"
            #expect(try await client.execute(uri: "/newsletter", method: .post, headers: nullOrigin, body: body).status == .forbidden)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aSameOriginPostIsAccepted(engine: Engine) async throws {
        try await TestApp.run(engine) { client, _ async throws in
            // The post passes the check and reaches the sign-up, which answers "check your inbox":
            // not the 403 of a refused cross-site post.
            let body = ByteBuffer(string: "email=reader%40example.org")
            var sameOrigin: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            sameOrigin[HTTPField.Name("Sec-Fetch-Site")!] = "same-origin"
            #expect(try await client.execute(uri: "/newsletter", method: .post, headers: sameOrigin, body: body).status == .ok)

            let matchingOrigin: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .origin: "http://localhost"]
            #expect(try await client.execute(uri: "/newsletter", method: .post, headers: matchingOrigin, body: body).status == .ok)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func unknownPagesAnswerAHelpful404(engine: Engine) async throws {
        try await TestApp.run(engine) { client, _ async throws in
            let response = try await client.execute(uri: "/no-such-page", method: .get)
            #expect(response.status == .notFound)
            #expect(response.text.contains("Page not found"))
            #expect(response.text.contains(#"type="search""#))
            #expect(response.text.contains(#"href="/resources""#))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func assetsAreFingerprintedCompressedAndCachedForAYear(engine: Engine) async throws {
        try await TestApp.run(engine) { client, _ async throws in
            let html = try await client.execute(uri: "/", method: .get).text
            let css = try #require(html.firstMatch(of: /href="(\/assets\/site\.[0-9a-f]{10}\.css)"/)?.1)
            let plain = try await client.execute(uri: String(css), method: .get)
            #expect(plain.status == .ok)
            #expect(plain.headers[.cacheControl] == "public, max-age=31536000, immutable")
            #expect(plain.text.contains(":focus-visible"))
            let gzipped = try await client.execute(uri: String(css), method: .get, headers: [.acceptEncoding: "gzip, br"])
            #expect(gzipped.headers[.contentEncoding] == "gzip")
            #expect(gzipped.body.readableBytes < plain.body.readableBytes)
            #expect(try await client.execute(uri: "/assets/site.0000000000.css", method: .get).status == .notFound)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func healthSaysTheDatabaseAnswers(engine: Engine) async throws {
        try await TestApp.run(engine) { client, _ async throws in
            let response = try await client.execute(uri: "/healthz", method: .get)
            #expect(response.status == .ok)
            #expect(response.text == "ok\n")
        }
    }
}
