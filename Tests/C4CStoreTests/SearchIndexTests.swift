@testable import C4CStore
import C4CCore
import C4CTestSupport
import Foundation
import SQLKit
import Testing

/// Items written straight into a test database, each with its search document written in the
/// same transaction, as every write path does.
enum SearchFixtures {
    static let now = TestDatabases.referenceNow.epochSeconds

    @discardableResult
    static func add(_ database: any Database, _ table: String, slug: String, lang: String = "en", group: String? = nil,
                    status: String = "published", publishAt: Int64? = nil, _ fields: [(String, Inserter.Value)]) async throws -> Int64 {
        try await database.write { sql in
            let id = try await Inserter(sql).insertRow(table, [
                ("lang", lang), ("translation_group", group ?? "\(table)/\(slug)"), ("slug", slug), ("status", status),
                ("publish_at", publishAt ?? now - 86_400), ("created_at", now), ("updated_at", now),
            ] + fields)
            try await SearchIndex.refresh(table: table, ids: [id], in: sql)
            return id
        }
    }

    static func resource(_ database: any Database, _ title: String, summary: String = "", body: String = "",
                         kind: String = "report", lang: String = "en", group: String? = nil) async throws -> Int64 {
        try await add(database, "resources", slug: Slug.make(from: title) + "-\(lang)", lang: lang, group: group, [
            ("title", title), ("kind", kind), ("summary", summary), ("body", body), ("published_on", "2025-06-01"),
        ])
    }

    static func organisation(_ database: any Database, _ name: String) async throws -> Int64 {
        try await add(database, "organisations", slug: Slug.make(from: name) + "-\(UUID().uuidString.prefix(4).lowercased())",
                      [("name", name), ("kind", "ngo"), ("description", "A member.")])
    }
}

@Suite struct SearchIndexTests {
    static func titles(_ results: SearchQueries.Results, _ kind: SearchKind = .resources) -> [String] {
        results.groups.first { $0.kind == kind }?.hits.map(\.title) ?? []
    }

    @Test(arguments: TestDatabases.engines)
    func aTitleMatchRanksAboveABodyOnlyMatch(engine: Engine) async throws {
        try await TestDatabases.with(engine) { database in
            try await SearchFixtures.resource(database, "Annual report of the alliance",
                                              summary: "Playgrounds, playgrounds and more playgrounds in every chapter.",
                                              body: "We visited playgrounds. The playgrounds were busy. Playgrounds need shade.")
            try await SearchFixtures.resource(database, "Playgrounds for every child", summary: "A short guide.")
            let now = TestDatabases.referenceNow
            let results = try await SearchQueries(database: database).search("playground", language: .en, now: now)
            #expect(Self.titles(results) == ["Playgrounds for every child", "Annual report of the alliance"])
            let hub = try await ResourceQueries(database: database).list(filter: ResourceFilter(query: "playground"), page: 1,
                                                                         language: .en, now: now)
            #expect(hub.items.map(\.title) == ["Playgrounds for every child", "Annual report of the alliance"])
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aTitleRanksFirstOnlyWhenOneOfItsWordsStartsWithEachTerm(engine: Engine) async throws {
        try await TestDatabases.with(engine) { database in
            // Oldest to newest; every one matches "park a" somewhere.
            try await SearchFixtures.resource(database, "Parks and a garden", summary: "A short guide.")
            try await SearchFixtures.resource(database, "Parks for all ages", body: "Read it in a day.")
            try await SearchFixtures.resource(database, "Skatepark guide", body: "A park nearby.")
            let now = TestDatabases.referenceNow
            // A single letter is a whole word ("all" and "ages" do not hold "a"); a longer term
            // starts a word ("skatepark" does not hold "park").
            let expected = ["Parks and a garden", "Skatepark guide", "Parks for all ages"]
            let results = try await SearchQueries(database: database).search("park a", language: .en, now: now)
            #expect(Self.titles(results) == expected)
            let hub = try await ResourceQueries(database: database).list(filter: ResourceFilter(query: "park a"), page: 1,
                                                                         language: .en, now: now)
            #expect(hub.items.map(\.title) == expected)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func accentsAndCaseFoldTheSameWayInBothDirections(engine: Engine) async throws {
        try await TestDatabases.with(engine) { database in
            try await SearchFixtures.resource(database, "Play streets in Bogotá")
            try await SearchFixtures.resource(database, "Mobilité à São Paulo", summary: "Façades, niños y Übergänge.")
            try await SearchFixtures.resource(database, "School routes in bogota and sao paulo", summary: "Facades, ninos, ubergange.")
            let search = SearchQueries(database: database)
            func found(_ query: String) async throws -> Set<String> {
                Set(Self.titles(try await search.search(query, language: .en, now: TestDatabases.referenceNow)))
            }
            let bogota: Set = ["Play streets in Bogotá", "School routes in bogota and sao paulo"]
            #expect(try await found("bogota") == bogota)
            #expect(try await found("Bogotá") == bogota)
            #expect(try await found("BOGOTÁ") == bogota)
            let saoPaulo: Set = ["Mobilité à São Paulo", "School routes in bogota and sao paulo"]
            #expect(try await found("São") == saoPaulo)
            #expect(try await found("sao PAULO") == saoPaulo)
            #expect(try await found("façade") == saoPaulo)
            #expect(try await found("facade") == saoPaulo)
            #expect(try await found("niño") == saoPaulo)
            #expect(try await found("ninos") == saoPaulo)
            #expect(try await found("Übergänge") == saoPaulo)
            #expect(try await found("uberg") == saoPaulo, "a word is matched by its start")
            #expect(try await found("mobilite") == ["Mobilité à São Paulo"])
            #expect(try await found("MOBILITÉ") == ["Mobilité à São Paulo"])
        }
    }

    static let hostileQueries = [
        "\"", "'", "\"unclosed phrase", "it's", "a AND", "OR", "NOT x", "NEAR(a b)", "-", "-child", "*", "chi*", "a*b",
        ":", "title:x", "body : y", "&", "|", "!", "()", "(", ")", "&|!()", "a & b | !c", "x:*", "'x':*", "^start",
        "{title body}: x", "\\", "%", "_", "'; DROP TABLE resources; --", "\u{0}", "🙂", "مدينة الأطفال", "+", "a+b",
        String(repeating: "long", count: 300), String(repeating: "w ", count: 200), "<script>alert(1)</script>", "\t\n",
    ]

    @Test(arguments: TestDatabases.engines)
    func hostileQueryStringsNeverError(engine: Engine) async throws {
        try await TestDatabases.with(engine, seeded: true) { database in
            let search = SearchQueries(database: database)
            let hub = ResourceQueries(database: database)
            for query in Self.hostileQueries {
                _ = try await search.search(query, language: .fr, now: TestDatabases.referenceNow)
                _ = try await search.search(query, language: .en, now: TestDatabases.referenceNow, kinds: [.events], limit: 20, offset: 20)
                _ = try await hub.list(filter: ResourceFilter(query: query, kind: "report"), page: 2, language: .en, now: TestDatabases.referenceNow)
            }
            try await SearchFixtures.resource(database, "Play streets and child rights")
            let quoted = try await search.search("\"child\" AND (streets)", language: .en, now: TestDatabases.referenceNow)
            #expect(Self.titles(quoted).first == "Play streets and child rights", "operators are only separators: the words are still searched")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func theSeededSiteAndATopicRenameLeaveTheIndexExact(engine: Engine) async throws {
        try await TestDatabases.with(engine, seeded: true) { database in
            #expect(try await database.read { try await SearchIndex.differences($0) }.isEmpty)
            let count = try await database.read { sql in try await sql.count("SELECT COUNT(*) AS n FROM search_documents") }
            #expect(count > 40)
            let search = SearchQueries(database: database)
            let topic = try await database.read { sql in
                try await sql.raw("SELECT id FROM topics WHERE slug = 'road-safety'").first()!.decode(column: "id", as: Int64.self)
            }
            #expect(try await search.search("zebrastreifen", language: .en, now: TestDatabases.referenceNow).total == 0)
            let editor = try await database.write { sql in
                try await Inserter(sql).insertRow("users", [
                    ("email", "editor@c4c.test"), ("name", "Editor"), ("password_hash", "-"), ("role", "editor"),
                    ("created_at", 0), ("updated_at", 0),
                ])
            }
            try await TopicQueries(database: database).rename(id: topic, name: "Zebrastreifen", userID: editor, now: TestDatabases.referenceNow)
            #expect(try await database.read { try await SearchIndex.differences($0) }.isEmpty)
            let found = try await search.search("zebrastreifen", language: .en, now: TestDatabases.referenceNow)
            #expect(found.groups.contains { $0.kind == .resources } && found.groups.contains { $0.kind == .blog },
                    "what is filed under the renamed topic is found by its new name")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aMigrationBuildsTheIndexForContentThatWasThereBefore(engine: Engine) async throws {
        try await TestDatabases.withBlank(engine) { database in
            let before = Array(Schema.migrations.prefix { $0.id != Schema.search.id })
            try await Migrator(database: database, migrations: before).migrate()
            try await database.write { sql in
                try await Inserter(sql).insertRow("organisations", [
                    ("lang", "en"), ("translation_group", "o/1"), ("slug", "ecole"), ("status", "published"), ("publish_at", 0),
                    ("created_at", 0), ("updated_at", 0), ("name", "École des Villes"), ("kind", "academia"),
                ])
                try await Inserter(sql).insertRow("resources", [
                    ("lang", "en"), ("translation_group", "r/1"), ("slug", "ninos"), ("status", "published"), ("publish_at", 0),
                    ("created_at", 0), ("updated_at", 0), ("title", "Niños en la calle"), ("kind", "report"), ("published_on", "2024-01-01"),
                ])
            }
            try await Migrator(database: database).migrate()
            #expect(try await database.read { try await SearchIndex.differences($0) }.isEmpty)
            let results = try await SearchQueries(database: database).search("ecole ninos", language: .en, now: TestDatabases.referenceNow)
            #expect(results.total == 0, "every word must match in one item")
            let ninos = try await SearchQueries(database: database).search("ninos", language: .en, now: TestDatabases.referenceNow)
            #expect(Self.titles(ninos) == ["Niños en la calle"])
            let members = try await SiteQueries(database: database).members(language: .en, now: TestDatabases.referenceNow, kind: nil, country: nil)
            #expect(members.members.map(\.name) == ["École des Villes"])
            let sortName = try await database.read { sql in
                try await sql.raw("SELECT sort_name FROM organisations").first()!.decode(column: "sort_name", as: String.self)
            }
            #expect(sortName == "ecole des villes")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func namesSortByTheirFoldedFormOnBothEngines(engine: Engine) async throws {
        try await TestDatabases.with(engine) { database in
            var ids: [Int64] = []
            for name in ["Zeta Foundation", "École urbaine", "arbeit für Kinder", "Ärzte der Welt", "Bogotá Cómo Vamos", "bogota youth"] {
                ids.append(try await SearchFixtures.organisation(database, name))
            }
            let expected = ["arbeit für Kinder", "Ärzte der Welt", "Bogotá Cómo Vamos", "bogota youth", "École urbaine", "Zeta Foundation"]
            let members = try await SiteQueries(database: database).members(language: .en, now: TestDatabases.referenceNow, kind: nil, country: nil)
            #expect(members.members.map(\.name) == expected)
            let resource = try await SearchFixtures.resource(database, "Shared work")
            try await database.write { [ids] sql in
                for id in ids { try await sql.raw("INSERT INTO resource_organisations (resource_id, organisation_id) VALUES (\(bind: resource), \(bind: id))").run() }
            }
            let hub = try await ResourceQueries(database: database).list(filter: ResourceFilter(), page: 1, language: .en, now: TestDatabases.referenceNow)
            #expect(hub.facets.organisations.map(\.label) == expected)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func searchWordsNarrowTheHubAndItsFacetCounts(engine: Engine) async throws {
        try await TestDatabases.with(engine) { database in
            try await SearchFixtures.resource(database, "Safe routes toolkit", kind: "toolkit")
            try await SearchFixtures.resource(database, "Safe routes report", kind: "report")
            try await SearchFixtures.resource(database, "Another safe routes report", kind: "report")
            try await SearchFixtures.resource(database, "Parks report", kind: "report")
            let hub = ResourceQueries(database: database)
            let now = TestDatabases.referenceNow
            let searched = try await hub.list(filter: ResourceFilter(query: "routes"), page: 1, language: .en, now: now)
            #expect(searched.total == 3)
            #expect(Dictionary(uniqueKeysWithValues: searched.facets.kinds.map { ($0.value, $0.count) }) == ["toolkit": 1, "report": 2])
            let both = try await hub.list(filter: ResourceFilter(query: "routes", kind: "report"), page: 1, language: .en, now: now)
            #expect(Set(both.items.map(\.title)) == ["Safe routes report", "Another safe routes report"])
            #expect(Dictionary(uniqueKeysWithValues: both.facets.kinds.map { ($0.value, $0.count) }) == ["toolkit": 1, "report": 2],
                    "a facet's counts leave out its own filter but keep the words")
            let nothing = try await hub.list(filter: ResourceFilter(query: "?!"), page: 1, language: .en, now: now)
            #expect(nothing.total == 0 && nothing.facets.kinds.isEmpty, "a query without words matches nothing")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aWordInMoreItemsThanAreRankedStillCountsAndPagesThroughEveryMatch(engine: Engine) async throws {
        try await TestDatabases.with(engine) { database in
            let count = SearchMatch.candidateLimit + 45
            let ids = try await database.write { sql in
                var ids: [Int64] = []
                for number in 1...count {
                    ids.append(try await Inserter(sql).insertRow("resources", [
                        ("lang", "en"), ("translation_group", "r/\(number)"), ("slug", "pebble-\(number)"), ("status", "published"),
                        ("publish_at", 0), ("created_at", 0), ("updated_at", 0), ("title", "Item \(number)"),
                        ("kind", number % 2 == 0 ? "report" : "toolkit"), ("summary", "Pebbles on the path."),
                        ("published_on", "2024-01-01"),
                    ]))
                }
                try await SearchIndex.refresh(.resources, ids: ids, in: sql)
                return ids
            }
            let now = TestDatabases.referenceNow
            let results = try await SearchQueries(database: database).search("pebble", language: .en, now: now)
            let group = try #require(results.groups.first)
            #expect(group.more && group.total > SearchMatch.candidateLimit, "says that older matches were left out of the ranking")
            let hub = ResourceQueries(database: database)
            let first = try await hub.list(filter: ResourceFilter(query: "pebble"), page: 1, language: .en, now: now)
            #expect(first.total == count, "the hub counts every match")
            #expect(Dictionary(uniqueKeysWithValues: first.facets.kinds.map { ($0.value, $0.count) }) == ["report": count / 2, "toolkit": count - count / 2])
            var seen: [Int64] = []
            for page in 1...(count + ResourceQueries.pageSize - 1) / ResourceQueries.pageSize {
                seen += try await hub.list(filter: ResourceFilter(query: "pebble"), page: page, language: .en, now: now).items.map(\.id)
            }
            #expect(seen.count == count && Set(seen) == Set(ids), "every match on exactly one page: ranked ones, then the older ones")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func draftsAndScheduledItemsAreFoundOnlyOnceTheyArePublic(engine: Engine) async throws {
        try await TestDatabases.with(engine) { database in
            let now = TestDatabases.referenceNow
            try await SearchFixtures.add(database, "pages", slug: "draft", status: "draft", [("title", "Hidden lantern page")])
            try await SearchFixtures.add(database, "pages", slug: "later", status: "scheduled", publishAt: now.epochSeconds + 3600,
                                         [("title", "Scheduled lantern page")])
            let search = SearchQueries(database: database)
            #expect(try await search.search("lantern", language: .en, now: now).total == 0)
            let later = try await search.search("lantern", language: .en, now: now.addingTimeInterval(3600))
            #expect(Self.titles(later, .pages) == ["Scheduled lantern page"], "no write was needed for it to appear")
        }
    }
}
