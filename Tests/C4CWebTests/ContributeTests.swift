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

/// Contributions from a visitor's side (stored with files and receipt before anything else,
/// refused with every value kept) and from an editor's (accept, ask for changes, decline).
@Suite struct ContributeTests {
    static let boundary = "c4c-contribution-boundary"
    static let pdf = Array("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n".utf8)
    static let started = String(TestDatabases.referenceNow.epochSeconds - 120)

    static let filled: [(String, String)] = [
        ("started", started), ("kind", "case_study"), ("title", "Safer school streets in Bogotá"),
        ("summary", "How one district cut traffic outside schools."), ("body", "It began with a parents' walk."),
        ("links", "https://example.org/report"), ("city", "Bogotá"), ("name", "Camila Ríos"), ("email", "camila@example.org"),
        ("organisation", "Ciudad Niña"), ("consent", "yes"), ("privacy", "yes"),
    ]

    static func multipart(_ fields: [(String, String)], files: [(name: String, bytes: [UInt8])]) -> ByteBuffer {
        var buffer = ByteBuffer()
        for (name, value) in fields {
            buffer.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        for file in files {
            buffer.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"files\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            buffer.writeBytes(file.bytes)
            buffer.writeString("\r\n")
        }
        buffer.writeString("--\(boundary)--\r\n")
        return buffer
    }

    static func post(_ client: some TestClientProtocol, _ fields: [(String, String)] = filled,
                     files: [(name: String, bytes: [UInt8])] = [], path: String = "/contribute") async throws -> TestResponse {
        try await client.execute(uri: path, method: .post, headers: [.contentType: "multipart/form-data; boundary=\(boundary)"],
                                 body: multipart(fields, files: files))
    }

    static func replacing(_ name: String, with value: String?) -> [(String, String)] {
        filled.compactMap { $0.0 == name ? value.map { (name, $0) } : $0 }
    }

    static func statusLink(in text: String) throws -> String {
        String(try #require(text.firstMatch(of: /\/contribute\/status\/[A-Za-z0-9_-]+/)?.output))
    }

    @Test(arguments: TestDatabases.engines)
    func aContributionIsStoredWithItsFilesAndReceiptAndShowsItsReferenceAndPrivateStatusLink(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            let response = try await Self.post(client, files: [("report.pdf", Self.pdf), ("street photo.png", MediaTests.png)])
            #expect(response.status == .ok)
            #expect(response.headers[.cacheControl] == "no-store")
            #expect(response.text.contains("C4C-2026-00001"))
            let link = try Self.statusLink(in: response.text)

            let queue = try await ContributionQueries(database: database).queue(all: false)
            #expect(queue.map(\.title) == ["Safer school streets in Bogotá"])
            #expect(queue.first?.name == "Camila Ríos" && queue.first?.status == "received")
            let (_, files) = try #require(try await ContributionQueries(database: database).contribution(id: queue[0].id))
            #expect(files.map(\.name) == ["report.pdf", "street photo.png"])
            #expect(files.map(\.contentType) == ["application/pdf", "image/png"])

            let mail = try await MailQueries(database: database).all()
            #expect(mail.map(\.toAddress) == ["camila@example.org"])
            #expect(mail.first?.subject.contains("C4C-2026-00001") == true)
            #expect(mail.first?.bodyText.contains("http://c4c.test" + link) == true, "the receipt carries the status link")

            let status = try await client.execute(uri: link, method: .get)
            #expect(status.status == .ok)
            #expect(status.headers[.cacheControl] == "no-store")
            #expect(status.text.contains("C4C-2026-00001") && status.text.contains("Received, waiting for an editor"))
            #expect(status.text.contains("<dt>Received on</dt><dd>2026-11-26</dd>"))
            #expect(try await client.execute(uri: "/contribute/status/not-a-real-token", method: .get).status == .notFound)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aFileWhoseContentIsNoAcceptedTypeIsRefusedNextToItsFieldWithEveryValueKeptAndNothingStored(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            let before = try await DatabaseFingerprint.of(database)
            let program = Array("MZ\u{90}\u{0}this is a Windows program".utf8)
            let response = try await Self.post(client, files: [("report.pdf", Self.pdf), ("minutes.pdf", program)])
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains(#"id="contribute-files-error""#))
            #expect(response.text.contains("its content was checked, not its name"))
            for kept in [#"value="Safer school streets in Bogotá""#, "How one district cut traffic outside schools.</textarea>",
                         #"value="camila@example.org""#, #"value="Ciudad Niña""#, #"<option value="case_study" selected>"#,
                         #"name="consent" value="yes" checked"#, "https://example.org/report</textarea>"] {
                #expect(response.text.contains(kept), "kept: \(kept)")
            }
            #expect(DatabaseFingerprint.difference(before, try await DatabaseFingerprint.of(database)).isEmpty)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func filesOverTheirLimitsAreRefusedWithTheTypedValuesKeptAndNothingStored(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            let before = try await DatabaseFingerprint.of(database)
            let eleven = Self.pdf + [UInt8](repeating: 0x20, count: 11 * 1_048_576)
            let one = try await Self.post(client, files: [("big.pdf", eleven)])
            #expect(one.status == .contentTooLarge)
            #expect(one.text.contains("A file is larger than 10 MB"))
            #expect(one.text.contains(#"value="Safer school streets in Bogotá""#))

            let nine = Self.pdf + [UInt8](repeating: 0x20, count: 9 * 1_048_576)
            let three = try await Self.post(client, files: [("a.pdf", nine), ("b.pdf", nine), ("c.pdf", nine)])
            #expect(three.status == .contentTooLarge)
            #expect(three.text.contains("larger than 25 MB"))

            let six = try await Self.post(client, files: Array(repeating: ("a.pdf", Self.pdf), count: 6))
            #expect(six.status == .unprocessableContent)
            #expect(six.text.contains("at most 5 files"))
            #expect(DatabaseFingerprint.difference(before, try await DatabaseFingerprint.of(database)).isEmpty)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func consentToPublishAndThePrivacyNoticeAreRequired(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            let response = try await Self.post(client, Self.filled.filter { $0.0 != "consent" && $0.0 != "privacy" })
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains(#"id="contribute-consent-error""#))
            #expect(response.text.contains(#"id="contribute-privacy-error""#))
            #expect(try await ContributionQueries(database: database).queue(all: true).isEmpty)
            #expect(try await MailQueries(database: database).all().isEmpty)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func robotsAreThankedOrAskedAgainAndNothingTheySendIsKept(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            let honeypot = try await Self.post(client, Self.filled + [("website", "http://spam.example")])
            #expect(honeypot.status == .ok)
            #expect(!honeypot.text.contains("C4C-"))
            let quick = try await Self.post(client, Self.replacing("started", with: String(TestDatabases.referenceNow.epochSeconds - 1)))
            #expect(quick.status == .unprocessableContent)
            #expect(quick.text.contains("within seconds of opening"))
            #expect(quick.text.contains(#"value="Safer school streets in Bogotá""#))
            let noTime = try await Self.post(client, Self.replacing("started", with: nil))
            #expect(noTime.status == .unprocessableContent)
            #expect(try await ContributionQueries(database: database).queue(all: true).isEmpty)
            #expect(try await MailQueries(database: database).all().isEmpty)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func oneAddressMayContributeFiveTimesAnHourAndTheSixthKeepsItsValues(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            for _ in 0..<5 { #expect(try await Self.post(client).status == .ok) }
            let sixth = try await Self.post(client)
            #expect(sixth.status == .tooManyRequests)
            #expect(sixth.text.contains(#"value="Safer school streets in Bogotá""#))
            #expect(try await ContributionQueries(database: database).queue(all: true).count == 5)
        }
    }

    static func mediaCount(_ database: any Database) async throws -> Int {
        try await database.read { sql in
            try await sql.raw("SELECT COUNT(*) AS n FROM media").first()!.decode(column: "n", as: Int.self)
        }
    }

    static func moderate(_ client: some TestClientProtocol, _ editor: Browser, _ id: Int64, _ action: String, message: String = "")
        async throws -> TestResponse {
        try await client.execute(uri: "/admin/contributions/\(id)/\(action)", method: .post, headers: editor.headers,
                                 body: ContentAdminTests.encode([("_csrf", editor.csrf), ("message", message)]))
    }

    @Test(arguments: TestDatabases.engines)
    func acceptingMakesACreditedDraftOfTheRightTypeWithItsFilesInTheMediaLibraryAndTellsTheContributor(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let editor = try await Browser.signIn(client, email: "editor@c4c.test", database: database)
            let received = try await Self.post(client, files: [("report.pdf", Self.pdf), ("street.png", MediaTests.png)])
            let link = try Self.statusLink(in: received.text)
            let idea = try await Self.post(client, Self.replacing("kind", with: "insight"), path: "/fr/contribute")
            #expect(idea.status == .ok)
            let ids = try await ContributionQueries(database: database).queue(all: false).map(\.id)
            let mediaBefore = try await Self.mediaCount(database)

            let queue = try await client.execute(uri: "/admin/contributions", method: .get, headers: editor.headers)
            #expect(queue.text.contains("C4C-2026-00001") && queue.text.contains("C4C-2026-00002"))
            let page = try await client.execute(uri: "/admin/contributions/\(ids[0])", method: .get, headers: editor.headers)
            #expect(page.text.contains("report.pdf") && page.text.contains("https://example.org/report"))

            #expect(try await Self.moderate(client, editor, ids[0], "accept").status == .seeOther)
            let resource = try #require(try await database.read { sql in
                try await sql.raw("""
                    SELECT r.kind, r.status, r.lang, a.name FROM resources r JOIN resource_authors a ON a.resource_id = r.id
                    WHERE r.title = 'Safer school streets in Bogotá'
                    """).first()
            })
            #expect(try resource.decode(column: "kind", as: String.self) == "case_study")
            #expect(try resource.decode(column: "status", as: String.self) == "draft")
            #expect(try resource.decode(column: "name", as: String.self) == "Camila Ríos, Ciudad Niña")
            let credits = try await database.read { sql in
                try await sql.raw("SELECT credit, kind FROM media ORDER BY id DESC LIMIT 2").all().map {
                    "\(try $0.decode(column: "kind", as: String.self)) by \(try $0.decode(column: "credit", as: String.self))"
                }
            }
            #expect(Set(credits) == ["image by Camila Ríos, Ciudad Niña", "document by Camila Ríos, Ciudad Niña"])
            #expect(try await Self.mediaCount(database) == mediaBefore + 2)

            #expect(try await Self.moderate(client, editor, ids[1], "accept").status == .seeOther)
            let post = try #require(try await database.read { sql in
                try await sql.raw("SELECT lang, status, contributor_credit FROM blog_posts WHERE title = 'Safer school streets in Bogotá'").first()
            })
            #expect(try post.decode(column: "lang", as: String.self) == "fr")
            #expect(try post.decode(column: "contributor_credit", as: String.self) == "Camila Ríos, Ciudad Niña")

            let mail = try await MailQueries(database: database).all()
            // Each contributor is told in the language they wrote in: the second wrote in French.
            #expect(mail.filter { $0.subject.contains("C4C-2026-0000") && $0.subject.contains("accept") }.map(\.subject).sorted()
                    == ["Votre contribution C4C-2026-00002 est acceptée", "Your contribution C4C-2026-00001 is accepted"])
            let status = try await client.execute(uri: link, method: .get)
            #expect(status.text.contains("Accepted"))
            let again = try await Self.moderate(client, editor, ids[0], "decline", message: "Too late")
            #expect(again.status == .conflict)
            #expect(try await ContributionQueries(database: database).contribution(token: String(link.split(separator: "/").last!))?.status == "accepted")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func askingForChangesAndDecliningNeedAMessageWhichTheContributorReceivesAndSees(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let editor = try await Browser.signIn(client, email: "editor@c4c.test", database: database)
            let link = try Self.statusLink(in: try await Self.post(client).text)
            let id = try #require(try await ContributionQueries(database: database).queue(all: false).first?.id)

            let empty = try await Self.moderate(client, editor, id, "changes", message: "  ")
            #expect(empty.status == .unprocessableContent)
            #expect(empty.text.contains(#"id="changes-error""#))
            #expect(try await MailQueries(database: database).all().count == 1, "only the receipt")

            #expect(try await Self.moderate(client, editor, id, "changes", message: "Please add the year of the project.").status == .seeOther)
            var status = try await client.execute(uri: link, method: .get)
            #expect(status.text.contains("Changes requested") && status.text.contains("Please add the year of the project."))
            #expect(try await ContributionQueries(database: database).queue(all: false).map(\.id) == [id], "still waiting")

            #expect(try await Self.moderate(client, editor, id, "decline", message: "It is outside our cities' remit.").status == .seeOther)
            status = try await client.execute(uri: link, method: .get)
            #expect(status.text.contains("Declined") && status.text.contains("It is outside our cities&#39; remit.")
                    || status.text.contains("It is outside our cities&#x27; remit."))
            let mail = try await MailQueries(database: database).all()
            #expect(mail.map(\.toAddress) == Array(repeating: "camila@example.org", count: 3))
            #expect(mail[1].bodyText.contains("Please add the year of the project."))
            #expect(mail[2].bodyText.contains("It is outside our cities' remit."))
            #expect(try await ContributionQueries(database: database).queue(all: false).isEmpty)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func theContributionPageIsInTheSitemapInEveryLanguageAndItsFormIsNeverCached(engine: Engine) async throws {
        try await TestApp.run(engine) { client, _ async throws in
            let sitemap = try await client.execute(uri: "/sitemap.xml", method: .get).text
            for language in Language.allCases {
                #expect(sitemap.contains("<loc>http://c4c.test\(PageAddress.href("/contribute", language))</loc>"))
            }
            let form = try await client.execute(uri: "/ar/contribute", method: .get)
            #expect(form.status == .ok)
            #expect(form.headers[.cacheControl] == "no-store")
            #expect(form.text.contains(#"enctype="multipart/form-data""#))
        }
    }
}
