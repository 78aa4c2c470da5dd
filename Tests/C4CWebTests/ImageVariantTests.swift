@testable import C4CWeb
import C4CCore
import C4CStore
import C4CTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import SQLKit
import Testing

/// Photos stay light and safe: stored upright without their metadata, served only as resized copies.
@Suite struct ImageVariantTests {
    static func upload(_ client: some TestClientProtocol, _ editor: Browser, _ bytes: [UInt8], name: String) async throws -> TestResponse {
        try await client.execute(uri: "/admin/media", method: .post, headers: MediaTests.headers(editor), body: MediaTests.multipart([
            ("_csrf", editor.csrf), ("title", "Street"), ("alt_text", "A street with a crossing"), ("credit", "Photo: A. Ndlovu"),
            ("shows_identifiable_children", "no"),
        ], file: (name, bytes)))
    }

    @Test func widthsAreTheStandardOnesBelowTheImageAndNeverWiderThanIt() {
        #expect(ImageVariants.widths(forImageWidth: 4000) == [320, 640, 960, 1280, 1920])
        #expect(ImageVariants.widths(forImageWidth: 1920) == [320, 640, 960, 1280, 1920])
        #expect(ImageVariants.widths(forImageWidth: 1000) == [320, 640, 960, 1000])
        #expect(ImageVariants.widths(forImageWidth: 640) == [320, 640])
        #expect(ImageVariants.widths(forImageWidth: 200) == [200])
        #expect(ImageVariants.widths(forImageWidth: 0) == [])
    }

    @Test func aWebPLosesItsMetadataChunksAndStaysAValidFile() throws {
        func chunk(_ name: String, _ payload: [UInt8]) -> [UInt8] {
            Array(name.utf8) + [UInt8(payload.count), 0, 0, 0] + payload + (payload.count % 2 == 1 ? [0] : [])
        }
        let vp8x = chunk("VP8X", [0x2C, 0, 0, 0, 9, 0, 0, 9, 0, 0])  // ICC, EXIF and XMP flags set
        let image = chunk("VP8 ", [1, 2, 3, 4, 5])
        let body = Array("WEBP".utf8) + vp8x + chunk("ICCP", [9, 9]) + image + chunk("EXIF", Array("Exif\0\0GPS".utf8)) + chunk("XMP ", [7])
        let file = Array("RIFF".utf8) + [UInt8(body.count), 0, 0, 0] + body
        let stripped = [UInt8](try #require(WebPMetadata.stripped(Data(file))))
        let expected = Array("WEBP".utf8) + chunk("VP8X", [0, 0, 0, 0, 9, 0, 0, 9, 0, 0]) + image
        #expect(stripped == Array("RIFF".utf8) + [UInt8(expected.count), 0, 0, 0] + expected)
        #expect(WebPMetadata.stripped(Data("not a webp file".utf8)) == nil)
    }

    @Test(arguments: TestDatabases.engines)
    func aCameraPhotoIsKeptUprightWithoutItsGPSAndVisitorsGetOnlyLightVariants(engine: Engine) async throws {
        let original = TestImages.withCameraMetadata(try TestImages.make(width: 4000, height: 3000), orientation: 6)
        #expect(original.contains(ascii: "Exif") && original.contains(ascii: TestImages.secret))
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            #expect(try await Self.upload(client, editor, original, name: "IMG_2041.JPG").status == .seeOther)
            let (mediaID, fileID, name, stored, width, height) = try await database.read { sql in
                let row = try #require(try await sql.raw("""
                    SELECT m.id, f.id AS file_id, f.name, f.data, m.width, m.height FROM media m JOIN files f ON f.id = m.file_id
                    ORDER BY m.id DESC LIMIT 1
                    """).first())
                return (try row.decode(column: "id", as: Int64.self), try row.decode(column: "file_id", as: Int64.self),
                        try row.decode(column: "name", as: String.self), Array(try row.decode(column: "data", as: Data.self)),
                        try row.decode(column: "width", as: Int.self), try row.decode(column: "height", as: Int.self))
            }
            #expect(name == "img-2041.jpg")
            #expect(width == 3000 && height == 4000, "turned upright as the camera meant it")
            #expect(!stored.contains(ascii: "Exif") && !stored.contains(ascii: TestImages.secret), "no metadata is stored")
            let variants = try await database.read { sql in
                try await sql.raw("SELECT width, format, data FROM media_variants WHERE media_id = \(bind: mediaID) ORDER BY format, width").all()
                    .map { (try $0.decode(column: "width", as: Int.self), try $0.decode(column: "format", as: String.self),
                            Array(try $0.decode(column: "data", as: Data.self))) }
            }
            #expect(variants.map(\.0) == [320, 640, 960, 1280, 1920, 320, 640, 960, 1280, 1920])
            #expect(variants.map(\.1) == Array(repeating: "jpeg", count: 5) + Array(repeating: "webp", count: 5))
            for (width, format, bytes) in variants {
                #expect(!bytes.contains(ascii: "Exif") && !bytes.contains(ascii: "EXIF") && !bytes.contains(ascii: TestImages.secret),
                        "\(format) \(width) carries no metadata")
            }

            // Placed on a public page: the page offers the variants; the file's own address leads to one.
            try await database.write { sql in
                try await sql.raw("UPDATE resources SET cover_image_id = \(bind: mediaID) WHERE slug = 'heat-shade-and-schoolyards'").run()
                try await ContentVersionQueries.bump(sql)
            }
            let page = try await client.execute(uri: "/resources/heat-shade-and-schoolyards", method: .get).text
            #expect(page.contains(#"<source type="image/webp" srcset="/files/\#(fileID)/w320/img-2041.webp 320w, /files/\#(fileID)/w640/img-2041.webp 640w"#))
            #expect(page.contains(#"src="/files/\#(fileID)/w640/img-2041.jpg" srcset="/files/\#(fileID)/w320/img-2041.jpg 320w"#))
            #expect(page.contains(#"sizes="(min-width: 52rem) 48rem, 100vw""#))
            let own = try await client.execute(uri: "/files/\(fileID)/img-2041.jpg", method: .get)
            #expect(own.status == .movedPermanently)
            #expect(own.headers[.location] == "/files/\(fileID)/w1920/img-2041.jpg")
            #expect(Array(buffer: own.body) != stored && Array(buffer: own.body) != original, "the file itself is never sent")
            let phone = try await client.execute(uri: "/files/\(fileID)/w640/img-2041.webp", method: .get)
            #expect(phone.status == .ok)
            #expect(phone.headers[.contentType] == "image/webp")
            #expect(phone.body.readableBytes <= 80 * 1024, "a phone gets at most 80 KB: \(phone.body.readableBytes)")
            #expect(!Array(buffer: phone.body).contains(ascii: "Exif"))
            for missing in ["/files/\(fileID)/w700/img-2041.webp", "/files/\(fileID)/w640/other.webp", "/files/\(fileID)/x640/img-2041.webp",
                            "/files/\(fileID)/w640/img-2041.gif"] {
                #expect(try await client.execute(uri: missing, method: .get).status == .notFound, "\(missing)")
            }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aPhotoNotOnAnyPublicPageHasNoPublicVariants(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            #expect(try await Self.upload(client, editor, try TestImages.make(width: 800, height: 600), name: "draft.jpg").status == .seeOther)
            let fileID = try await LinksAndMenusTests.id(database, "SELECT MAX(file_id) AS id FROM media")
            #expect(try await client.execute(uri: "/files/\(fileID)/w640/draft.webp", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/files/\(fileID)/draft.jpg", method: .get).status == .notFound)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func anImageClaimingMoreThanFiftyMegapixelsIsRefusedBeforeDecoding(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            let before = try await MediaQueries(database: database).list().count
            // A valid PNG header for 10,000 × 6,000 pixels: a decompression bomb needs no more than this to start.
            let bomb: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
                + [0, 0, 0x27, 0x10, 0, 0, 0x17, 0x70, 8, 2, 0, 0, 0, 0, 0, 0, 0] + [UInt8](repeating: 0, count: 1000)
            let refused = try await Self.upload(client, editor, bomb, name: "bomb.png")
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("more than 50 megapixels"))
            #expect(refused.text.contains(#"value="A street with a crossing""#), "what was typed is kept")
            let unreadable = try await Self.upload(client, editor, [0xFF, 0xD8, 0xFF, 0xE0, 0, 16] + Array("JFIF".utf8) + [UInt8](repeating: 7, count: 500),
                                                   name: "broken.jpg")
            #expect(unreadable.status == .unprocessableContent)
            #expect(unreadable.text.contains("could not be read"))
            #expect(try await MediaQueries(database: database).list().count == before, "nothing was stored")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func photosArrivingByOtherRoadsGetStrippedAndResizedByTheWorker(engine: Engine) async throws {
        try await TestDatabases.with(engine, seeded: true) { database in
            try await BackOfficeTests.makeUsers(database)
            let photo = TestImages.withCameraMetadata(try TestImages.make(width: 1200, height: 900))
            // As an accepted contribution or an import stores it: the bytes as they came.
            let id = try await MediaQueries(database: database).create(
                name: "contributed.jpg", contentType: "image/jpeg", data: Data(photo), isImage: true, width: 1200, height: 900,
                details: .init(title: "", altText: "", credit: "", showsIdentifiableChildren: false, consentOnFile: false), userID: 1,
                now: TestDatabases.referenceNow)
            let broken = try await MediaQueries(database: database).create(
                name: "broken.jpg", contentType: "image/jpeg", data: Data([0xFF, 0xD8, 0xFF] + [UInt8](repeating: 1, count: 300)), isImage: true,
                width: nil, height: nil, details: .init(title: "", altText: "", credit: "", showsIdentifiableChildren: false, consentOnFile: false),
                userID: 1, now: TestDatabases.referenceNow)
            let maker = ImageVariantMaker(database: database)
            var outcomes: [Int64: Bool] = [:]
            while let outcome = try await maker.makeNext(now: TestDatabases.referenceNow) { outcomes[outcome.mediaID] = outcome.made }
            #expect(outcomes == [id: true, broken: false], "each image taken once; the broken one waits for tomorrow")
            let stored = try await database.read { sql in
                Array(try #require(try await sql.raw("SELECT f.data FROM media m JOIN files f ON f.id = m.file_id WHERE m.id = \(bind: id)")
                    .first()).decode(column: "data", as: Data.self))
            }
            #expect(!stored.contains(ascii: TestImages.secret) && !stored.contains(ascii: "Exif"))
            let variants = try await database.read { sql in
                try await sql.raw("SELECT COUNT(*) AS n FROM media_variants WHERE media_id = \(bind: id)").first()?.decode(column: "n", as: Int.self)
            }
            #expect(variants == 6, "upright it is 900 px wide: 320, 640 and 900 px, in WebP and JPEG")
            #expect(try await maker.makeNext(now: TestDatabases.referenceNow.addingTimeInterval(3_600)) == nil)
            #expect(try await maker.makeNext(now: TestDatabases.referenceNow.addingTimeInterval(90_000))?.mediaID == broken)
            // `c4c media regenerate`: every photo waits again and is made again.
            #expect(try await maker.requeueAll() == 2)
            #expect(try await maker.makeNext(now: TestDatabases.referenceNow)?.mediaID == id)
        }
    }
}
