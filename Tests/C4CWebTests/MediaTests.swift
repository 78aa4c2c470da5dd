@testable import C4CWeb
import C4CCore
import C4CStore
import C4CTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@Suite struct MediaTests {
    static let boundary = "c4c-test-boundary"

    static func multipart(_ fields: [(String, String)], file: (name: String, bytes: [UInt8])?) -> ByteBuffer {
        var body = ""
        var buffer = ByteBuffer()
        for (name, value) in fields {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        buffer.writeString(body)
        if let file {
            buffer.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            buffer.writeBytes(file.bytes)
            buffer.writeString("\r\n")
        }
        buffer.writeString("--\(boundary)--\r\n")
        return buffer
    }

    static func headers(_ browser: Browser) -> HTTPFields {
        [.contentType: "multipart/form-data; boundary=\(boundary)", .cookie: browser.cookie]
    }

    /// A PNG header for an image 640 × 480.
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
        + [0, 0, 2, 128, 0, 0, 1, 224, 8, 6, 0, 0, 0, 0, 0, 0, 0]

    @Test(arguments: TestDatabases.engines)
    func anImageIsStoredWithItsDescriptionAndSize(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            let response = try await client.execute(uri: "/admin/media", method: .post, headers: Self.headers(editor), body: Self.multipart([
                ("_csrf", editor.csrf), ("title", "Crossing"), ("alt_text", "Children crossing a painted street"),
                ("credit", "Photo: A. Ndlovu"), ("shows_identifiable_children", "yes"), ("consent_on_file", "on"),
            ], file: ("C:\\Users\\me\\Crossing Photo.PNG", try TestImages.make(width: 640, height: 480, ext: "png"))))
            #expect(response.status == .seeOther)
            let item = try #require(try await MediaQueries(database: database).list().first)
            #expect(item.fileName == "crossing-photo.png")
            #expect(item.contentType == "image/png")
            #expect(item.width == 640 && item.height == 480)
            #expect(item.showsIdentifiableChildren && item.consentOnFile)
            let library = try await client.execute(uri: "/admin/media", method: .get, headers: editor.headers).text
            #expect(library.contains("crossing-photo.png"))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aFileIsJudgedByItsContentNotItsName(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            let before = try await MediaQueries(database: database).list().count
            let disguised = try await client.execute(uri: "/admin/media", method: .post, headers: Self.headers(editor), body: Self.multipart([
                ("_csrf", editor.csrf), ("alt_text", "Kept alt text"), ("credit", "Kept credit"), ("shows_identifiable_children", "no"),
            ], file: ("holiday.png", Array("<html><script>alert(1)</script></html>".utf8))))
            #expect(disguised.status == .unprocessableContent)
            #expect(disguised.text.contains("its content was checked, not its name"))
            #expect(disguised.text.contains(#"value="Kept alt text""#), "what was typed is kept")
            #expect(try await MediaQueries(database: database).list().count == before, "nothing was stored")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func sizeLimitsAndRequiredDescriptionsAreEnforced(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            let large = try await client.execute(uri: "/admin/media", method: .post, headers: Self.headers(editor), body: Self.multipart([
                ("_csrf", editor.csrf), ("alt_text", "A"), ("credit", "B"),
            ], file: ("big.png", Self.png + [UInt8](repeating: 0, count: 25 * 1024 * 1024))))
            #expect(large.status == .unprocessableContent)
            #expect(large.text.contains("Images may be at most 25 MB."))
            let undescribed = try await client.execute(uri: "/admin/media", method: .post, headers: Self.headers(editor), body: Self.multipart([
                ("_csrf", editor.csrf), ("alt_text", ""), ("credit", ""),
            ], file: ("a.png", Self.png)))
            #expect(undescribed.status == .unprocessableContent)
            #expect(undescribed.text.contains("Describe the image"))
            #expect(undescribed.text.contains("Give the photographer or source."))
            let huge = try await client.execute(uri: "/admin/media", method: .post, headers: Self.headers(editor), body: Self.multipart([
                ("_csrf", editor.csrf),
            ], file: ("huge.pdf", Array("%PDF-".utf8) + [UInt8](repeating: 0, count: 26 * 1024 * 1024))))
            #expect(huge.status == .contentTooLarge, "reading stops past the largest limit")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func anUploadWithoutItsTokenIsRefused(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            let before = try await MediaQueries(database: database).list().count
            let response = try await client.execute(uri: "/admin/media", method: .post, headers: Self.headers(editor),
                                                    body: Self.multipart([("alt_text", "A"), ("credit", "B")], file: ("a.png", Self.png)))
            #expect(response.status == .forbidden)
            #expect(try await MediaQueries(database: database).list().count == before)
            let admin = try await Browser.signIn(client, email: "admin%40c4c.test", database: database)
            let elsewhere = try await client.execute(uri: "/admin/settings", method: .post, headers: Self.headers(admin),
                                                     body: Self.multipart([("_csrf", admin.csrf), ("siteName", "X")], file: nil))
            #expect(elsewhere.status == .unsupportedMediaType, "only upload routes read multipart bodies")
        }
    }

    @Test func dimensionsAreReadFromHeaders() throws {
        func size(_ bytes: [UInt8]) throws -> (width: Int, height: Int)? {
            UploadKind.dimensions(bytes, kind: try #require(UploadKind.detect(bytes, name: "x")))
        }
        #expect(try #require(try size(Self.png)) == (640, 480))
        let gif: [UInt8] = Array("GIF89a".utf8) + [0x20, 0x03, 0x58, 0x02]
        #expect(try #require(try size(gif)) == (800, 600))
        let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x01, 0xE0, 0x02, 0x80]
        #expect(try #require(try size(jpeg)) == (640, 480))
        #expect(UploadKind.detect([0x50, 0x4B, 0x03, 0x04], name: "report.docx")?.fileExtension == "docx")
        #expect(UploadKind.detect([0x50, 0x4B, 0x03, 0x04], name: "archive.zip") == nil)
    }
}
