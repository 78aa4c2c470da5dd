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

/// What a member focal point may not decide even on their own items: the fields that state the
/// alliance's relationship with the member, home-page curation, and whom an item is credited to.
@Suite struct FocalPointFieldTests {
    static func ids(_ database: any Database) async throws -> (own: Int64, other: Int64) {
        let ids = try await database.read { sql in
            try await sql.raw("SELECT id FROM organisations ORDER BY id LIMIT 2").all().map { try $0.decode(column: "id", as: Int64.self) }
        }
        return (ids[0], ids[1])
    }

    @Test(arguments: TestDatabases.engines)
    func aFocalPointCannotChangeSteeringCommitteeKindOrMemberSinceOnTheirProfile(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let (own, _) = try await Self.ids(database)
            let focal = try await Browser.signIn(client, email: "focal%40c4c.test", database: database)
            let form = try await client.execute(uri: "/admin/content/members/\(own)", method: .get, headers: focal.headers).text
            #expect(!form.contains(#"name="steering_committee""#) && !form.contains(#"name="member_since""#) && !form.contains(#"name="kind""#),
                    "the profile form offers none of the editors' fields")
            let members = try #require(ContentTypes.named("members"))
            let stored = try #require(try await ContentEditorQueries(database: database).load(members, id: own))
            for (field, value) in [("steering_committee", stored.fields["steering_committee"] == "on" ? "" : "on"), ("member_since", "1901"),
                                   ("kind", stored.fields["kind"] == "foundation" ? "ngo" : "foundation")] where !value.isEmpty {
                let before = try await DatabaseFingerprint.of(database)
                let forged = try await client.execute(uri: "/admin/content/members/\(own)", method: .post, headers: focal.headers,
                    body: ContentAdminTests.encode([("_csrf", focal.csrf), ("name", stored.fields["name"]!), ("slug", stored.slug),
                                                    ("action", "draft"), (field, value)]))
                #expect(forged.status == .forbidden, "setting \(field) is refused")
                #expect(DatabaseFingerprint.difference(before, try await DatabaseFingerprint.of(database)).isEmpty)
            }
            let kept = try await client.execute(uri: "/admin/content/members/\(own)", method: .post, headers: focal.headers,
                body: ContentAdminTests.encode([("_csrf", focal.csrf), ("name", stored.fields["name"]!), ("slug", stored.slug),
                                                ("description", "Our new description."), ("action", "draft")]))
            #expect(kept.status == .seeOther, "their own profile's other fields stay theirs to edit")
            let after = try #require(try await ContentEditorQueries(database: database).load(members, id: own))
            #expect(after.fields["description"] == "Our new description.")
            for field in ["steering_committee", "member_since", "kind"] {
                #expect(after.fields[field] == stored.fields[field], "\(field) keeps the editors' value")
            }
            let audit = try await BackOfficeTests.auditText(client, database)
            #expect(audit.contains("Fay Focal"), "editors see the focal point's change in the audit log")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aFocalPointCannotCreditAnotherOrganisationOnTheirOwnDraft(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let (own, other) = try await Self.ids(database)
            let focal = try await Browser.signIn(client, email: "focal%40c4c.test", database: database)
            let base: [(String, String)] = [("_csrf", focal.csrf), ("title", "Our brief"), ("kind", "report"), ("published_on", "2026-10-01"),
                                            ("action", "draft")]
            let before = try await DatabaseFingerprint.of(database)
            let credited = try await client.execute(uri: "/admin/content/resources", method: .post, headers: focal.headers,
                                                    body: ContentAdminTests.encode(base + [("organisations", String(other))]))
            #expect(credited.status == .forbidden)
            let event = try await client.execute(uri: "/admin/content/events", method: .post, headers: focal.headers, body: ContentAdminTests.encode([
                ("_csrf", focal.csrf), ("title", "Our webinar"), ("time_zone", "UTC"), ("starts_at", "2026-12-10T14:00"),
                ("ends_at", "2026-12-10T15:00"), ("registration", "none"), ("organisation_id", String(other)), ("action", "draft"),
            ]))
            #expect(event.status == .forbidden)
            let featured = try await client.execute(uri: "/admin/content/resources", method: .post, headers: focal.headers,
                                                    body: ContentAdminTests.encode(base + [("featured", "on")]))
            #expect(featured.status == .forbidden, "home-page curation is the editors'")
            let fileID = try await database.read { sql in
                try await sql.raw("SELECT file_id FROM resource_files ORDER BY id LIMIT 1").first()!.decode(column: "file_id", as: Int64.self)
            }
            for (field, value) in [("files", "\(fileID) someone-elses.pdf | en | Theirs"), ("cover_image_id", "1")] {
                let forged = try await client.execute(uri: "/admin/content/resources", method: .post, headers: focal.headers,
                                                      body: ContentAdminTests.encode(base + [(field, value)]))
                #expect(forged.status == .forbidden, "focal points have no media library, so \(field) is the editors' to choose")
            }
            #expect(DatabaseFingerprint.difference(before, try await DatabaseFingerprint.of(database)).isEmpty)

            let proposed = try await client.execute(uri: "/admin/content/resources", method: .post, headers: focal.headers,
                                                    body: ContentAdminTests.encode(base + [("organisations", String(own))]))
            #expect(proposed.status == .seeOther)
            let credits = try await database.read { sql in
                try await sql.raw("""
                    SELECT ro.organisation_id FROM resource_organisations ro JOIN resources r ON r.id = ro.resource_id WHERE r.title = 'Our brief'
                    """).all().map { try $0.decode(column: "organisation_id", as: Int64.self) }
            }
            #expect(credits == [own], "a proposal is credited to the focal point's organisation alone")
        }
    }
}
