@testable import C4CWeb
import C4CCore
import C4CStore
import C4CTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing

/// Bodies and addresses too large to take get a clear page, and an upload is refused before its
/// file is read when its token is wrong or its declared size is past the limit.
@Suite struct OversizeInputTests {
    @Test(arguments: TestDatabases.engines)
    func aFormBodyOfAMegabyteOrMoreAnswers413WithAPage(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let admin = try await Browser.signIn(client, email: "admin%40c4c.test", database: database)
            let before = try await DatabaseFingerprint.of(database)
            let huge = "_csrf=\(admin.csrf)&siteName=" + String(repeating: "a", count: 1_100_000)
            let response = try await client.execute(uri: "/admin/settings", method: .post, headers: admin.headers, body: ByteBuffer(string: huge))
            #expect(response.status == .contentTooLarge)
            #expect(response.text.contains("more than 1 MB of text"))
            #expect(response.text.contains("<html"))
            #expect(DatabaseFingerprint.difference(before, try await DatabaseFingerprint.of(database)).isEmpty)
        }
    }

    /// A stranger's two megabytes, and bytes that are not UTF-8, sent to every public form this
    /// site has: a page that says no (or a form with errors), never a 5xx, and nothing kept.
    @Test(arguments: TestDatabases.engines)
    func everyPublicFormRefusesTwoMegabytesAndInvalidUTF8WithoutStoringAnything(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            let event = try await database.read { sql in
                try await sql.raw("SELECT slug FROM events WHERE registration = 'builtin' ORDER BY starts_at DESC LIMIT 1")
                    .first()!.decode(column: "slug", as: String.self)
            }
            let forms = ["/contact", "/fr/newsletter", "/events/\(event)/register", "/events/registration/no-such-token",
                         "/newsletter/unsubscribe/no-such-token", "/contribute"]
            let big = ByteBuffer(string: "name=" + String(repeating: "a", count: 2_000_000))
            var invalid = ByteBuffer(string: "name=")
            invalid.writeBytes([0xC3, 0x28, 0xFF, 0xFE, 0xED, 0xA0, 0x80])
            invalid.writeString("&email=a%FF%FE@example.org&message=%C3%28")
            var multipartBig = ByteBuffer(string: "--b\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n")
            multipartBig.writeString(String(repeating: "a", count: 2_000_000))
            multipartBig.writeString("\r\n--b--\r\n")
            let before = try await DatabaseFingerprint.of(database)
            for path in forms {
                for (label, body) in [("2 MB", big), ("invalid UTF-8", invalid)] {
                    let response = try await client.execute(uri: path, method: .post, headers: Browser.form, body: body)
                    #expect([400, 403, 404, 409, 413, 415, 422].contains(response.status.code), "\(label) to \(path): \(response.status)")
                }
            }
            let upload = try await client.execute(uri: "/contribute", method: .post,
                                                  headers: [.contentType: "multipart/form-data; boundary=b"], body: multipartBig)
            #expect(upload.status == .contentTooLarge)
            #expect(DatabaseFingerprint.difference(before, try await DatabaseFingerprint.of(database)).isEmpty)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func anUploadDeclaredPastTheLimitIsRefusedFromItsHeaders(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            var headers = editor.headers
            headers[.contentType] = "multipart/form-data; boundary=b"
            // The test client declares the body's real length, as a browser does.
            let response = try await client.execute(uri: "/admin/media", method: .post, headers: headers,
                                                    body: ByteBuffer(repeating: 0x41, count: UploadKind.overallLimit + MultipartUpload.overhead + 1))
            #expect(response.status == .contentTooLarge)
            #expect(response.text.contains("the most this form accepts"))
        }
    }

    /// The body arrives in 1 MB chunks; a forged token in the first part stops the reading there.
    @Test func anUploadWithAWrongTokenIsRefusedAfterItsFirstChunk() async throws {
        let pulled = Mutex(0)
        let first = "--b\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\nforged\r\n"
            + "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n"
        let chunks = AsyncStream<ByteBuffer> { continuation in
            continuation.yield(ByteBuffer(string: first))
            for _ in 0..<30 { continuation.yield(ByteBuffer(repeating: 0x41, count: 1_000_000)) }
            continuation.finish()
        }
        let counted = chunks.map { chunk in
            pulled.withLock { $0 += 1 }
            return chunk
        }
        let request = Request(head: HTTPRequest(method: .post, scheme: "http", authority: "c4c.test", path: "/admin/media",
                                                headerFields: [.contentType: "multipart/form-data; boundary=b"]),
                              body: RequestBody(asyncSequence: counted))
        await #expect(throws: HTTPError.self) {
            _ = try await MultipartUpload.read(request, limit: UploadKind.overallLimit, csrfToken: "the real token")
        }
        #expect(pulled.withLock { $0 } == 1, "only the first chunk was read")
    }

    @Test(arguments: TestDatabases.engines)
    func aVeryLongAddressGetsAPageNotAnEmpty400(engine: Engine) async throws {
        try await TestDatabases.with(engine, seeded: true) { database in
            let dependencies = try await AppDependencies.make(configuration: try TestApp.configuration(), database: database,
                                                              clock: .fixed(TestDatabases.referenceNow))
            let app = buildApplication(dependencies, logger: TestDatabases.logger)
            try await app.test(.live) { client in
                let response = try await client.execute(uri: "/search?q=" + String(repeating: "a", count: 100_000), method: .get)
                #expect(response.status == .uriTooLong)
                #expect(response.text.contains("This address is too long."))
                #expect(response.headers[HTTPField.Name("Content-Security-Policy")!] != nil, "the page carries the security headers")
            }
        }
    }
}
