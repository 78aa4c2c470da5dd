import C4CCore
import C4CStore
import C4CTestSupport
import Foundation
import SQLKit
import Testing

/// A resource's authors, languages and cover are read with its own row (`OrderedList`); these
/// tests hold that read to what a statement for each relation returns.
@Suite struct ResourceDetailTests {
    let now = TestDatabases.referenceNow

    @Test(arguments: TestDatabases.engines)
    func authorsComeInTheirOrderWithAnyCharacterAndLanguagesSorted(engine: Engine) async throws {
        try await TestDatabases.with(engine, seeded: true) { database async throws in
            let (id, slug) = try await database.read { sql in
                let row = try #require(try await sql.raw("""
                    SELECT id, slug FROM resources WHERE lang = 'en' AND status = 'published' ORDER BY id LIMIT 1
                    """).first())
                return (try row.decode(column: "id", as: Int64.self), try row.decode(column: "slug", as: String.self))
            }
            let names = [#"Zoë "Zee" O'Neil, PhD"#, "Ана [Ana] \\ Ivanova", "李 明", "Amara\u{1F}Okafor"]
            try await database.write { sql in
                try await sql.raw("DELETE FROM resource_authors WHERE resource_id = \(bind: id)").run()
                try await sql.raw("DELETE FROM resource_languages WHERE resource_id = \(bind: id)").run()
                // Stored out of their order, to be read back in it.
                for (position, name) in zip([3, 1, 4, 2], names) {
                    try await sql.raw("INSERT INTO resource_authors (resource_id, name, position) VALUES (\(bind: id), \(bind: name), \(bind: position))").run()
                }
                for language in ["pt", "ar", "fr"] {
                    try await sql.raw("INSERT INTO resource_languages (resource_id, language) VALUES (\(bind: id), \(bind: language))").run()
                }
            }
            let detail = try #require(try await ResourceQueries(database: database).resource(slug: slug, language: .en, now: now))
            #expect(detail.authors == ["Ана [Ana] \\ Ivanova", "Amara\u{1F}Okafor", #"Zoë "Zee" O'Neil, PhD"#, "李 明"])
            #expect(detail.languages == ["ar", "fr", "pt"])
        }
    }

    @Test(arguments: TestDatabases.engines)
    func everySeededResourceReadsAsAStatementForEachRelationWouldReadIt(engine: Engine) async throws {
        try await TestDatabases.with(engine, seeded: true) { database async throws in
            // Every seeded resource has a cover: one loses it, so both kinds are read.
            try await database.write { sql in
                try await sql.raw("UPDATE resources SET cover_image_id = NULL WHERE id = (SELECT MIN(id) FROM resources WHERE lang = 'en')").run()
            }
            let resources = try await database.read { sql in
                try await sql.raw("""
                    SELECT r.id, r.slug, r.cover_image_id FROM resources r WHERE r.lang = 'en' AND r.status = 'published' ORDER BY r.id
                    """).all().map {
                        (id: try $0.decode(column: "id", as: Int64.self), slug: try $0.decode(column: "slug", as: String.self),
                         cover: try $0.decode(column: "cover_image_id", as: Int64?.self))
                    }
            }
            #expect(resources.count > 5)
            #expect(resources.contains { $0.cover != nil } && resources.contains { $0.cover == nil }, "both kinds are checked")
            for resource in resources {
                let detail = try #require(try await ResourceQueries(database: database).resource(slug: resource.slug, language: .en, now: now))
                let (authors, languages, coverFile) = try await database.read { sql in
                    (try await sql.raw("SELECT name FROM resource_authors WHERE resource_id = \(bind: resource.id) ORDER BY position")
                        .all().map { try $0.decode(column: "name", as: String.self) },
                     try await sql.raw("SELECT language FROM resource_languages WHERE resource_id = \(bind: resource.id) ORDER BY language")
                        .all().map { try $0.decode(column: "language", as: String.self) },
                     try await sql.raw("""
                        SELECT m.file_id FROM media m WHERE m.id = \(bind: resource.cover ?? -1)
                        """).first()?.decode(column: "file_id", as: Int64.self))
                }
                #expect(detail.authors == authors, "\(resource.slug)")
                #expect(detail.languages == languages, "\(resource.slug)")
                #expect(detail.cover?.fileID == coverFile, "\(resource.slug)")
            }
        }
    }
}
