@testable import C4CStore
import C4CCore
import C4CTestSupport
import Foundation
import SQLKit
import Testing

/// The hub's facet index must answer exactly what counting in SQL answers. `sqlListing` is that
/// SQL, kept here as the oracle: every filter is a condition, every facet a GROUP BY under the
/// other filters.
@Suite struct ResourceFacetIndexTests {
    static let counts = BulkSeeder.Counts(resources: 300, posts: 10, events: 10, vacancies: 10, members: 6)
    static let clock = WallClock.fixed(TestDatabases.referenceNow)

    @Test(arguments: TestDatabases.engines)
    func everyFilterOfEveryLanguageCountsAndPagesAsSQLDoes(engine: Engine) async throws {
        try await TestDatabases.with(engine) { database in
            try await BulkSeeder(database: database, clock: Self.clock).seed(Self.counts)
            let hub = ResourceQueries(database: database)
            let now = TestDatabases.referenceNow
            var compared = 0
            for language in Language.allCases {
                let all = try await Self.sqlListing(ResourceFilter(), page: 1, language: language, now: now, in: database)
                #expect(all.total > 20, "\(language): the seed gives every language more than a page")
                let f = all.facets
                var filters = [ResourceFilter(), ResourceFilter(kind: "no-such-kind"), ResourceFilter(query: "city")]
                filters += f.kinds.map { ResourceFilter(kind: $0.value) } + f.topics.map { ResourceFilter(topic: $0.value) }
                filters += f.regions.map { ResourceFilter(region: $0.value) } + f.languages.map { ResourceFilter(language: $0.value) }
                filters += f.years.map { ResourceFilter(year: $0.value) } + f.organisations.map { ResourceFilter(organisation: $0.value) }
                for kind in f.kinds.prefix(3) {
                    for topic in f.topics.prefix(4) { filters.append(ResourceFilter(kind: kind.value, topic: topic.value)) }
                    for region in f.regions.prefix(3) { filters.append(ResourceFilter(query: "city", kind: kind.value, region: region.value)) }
                }
                for year in f.years.prefix(2) {
                    for organisation in f.organisations.prefix(3) { filters.append(ResourceFilter(language: "en", year: year.value, organisation: organisation.value)) }
                }
                for filter in filters {
                    for page in [1, 2] {
                        let expected = try await Self.sqlListing(filter, page: page, language: language, now: now, in: database)
                        let actual = try await hub.list(filter: filter, page: page, language: language, now: now)
                        #expect(actual.total == expected.total, "\(language) \(filter) page \(page)")
                        #expect(actual.items.map(\.id) == expected.items.map(\.id), "\(language) \(filter) page \(page)")
                        #expect(Self.described(actual.facets) == Self.described(expected.facets), "\(language) \(filter)")
                        compared += 1
                    }
                }
            }
            #expect(compared > 200)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aResourceScheduledForLaterJoinsTheListingAtItsSecondWithoutAnyWrite(engine: Engine) async throws {
        try await TestDatabases.with(engine) { database in
            let now = TestDatabases.referenceNow
            let hub = ResourceQueries(database: database)
            try await SearchFixtures.resource(database, "Already out", kind: "toolkit")
            try await SearchFixtures.add(database, "resources", slug: "later", status: "scheduled", publishAt: now.epochSeconds + 90, [
                ("title", "Out in ninety seconds"), ("kind", "toolkit"), ("summary", ""), ("body", ""), ("published_on", "2026-11-26"),
            ])
            let before = try await hub.list(filter: ResourceFilter(kind: "toolkit"), page: 1, language: .en, now: now)
            #expect(before.items.map(\.title) == ["Already out"])
            #expect(before.facets.kinds == [FacetValue(value: "toolkit", label: "toolkit", count: 1)])
            let justBefore = try await hub.list(filter: ResourceFilter(), page: 1, language: .en, now: now.addingTimeInterval(89))
            #expect(justBefore.total == 1)
            let at = try await hub.list(filter: ResourceFilter(kind: "toolkit"), page: 1, language: .en, now: now.addingTimeInterval(90))
            #expect(at.items.map(\.title) == ["Out in ninety seconds", "Already out"])
            #expect(at.facets.kinds == [FacetValue(value: "toolkit", label: "toolkit", count: 2)])
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aWriteThatMovesTheContentVersionShowsInTheNextListing(engine: Engine) async throws {
        try await TestDatabases.with(engine) { database in
            let now = TestDatabases.referenceNow
            let hub = ResourceQueries(database: database)
            let id = try await SearchFixtures.resource(database, "A guide", kind: "guidance")
            #expect(try await hub.list(filter: ResourceFilter(kind: "guidance"), page: 1, language: .en, now: now).total == 1)
            try await database.write { sql in
                try await sql.raw("UPDATE resources SET kind = 'toolkit' WHERE id = \(bind: id)").run()
                try await ContentVersionQueries.bump(sql)
            }
            let after = try await hub.list(filter: ResourceFilter(kind: "guidance"), page: 1, language: .en, now: now)
            #expect(after.total == 0)
            #expect(after.facets.kinds.map(\.value) == ["toolkit"])
        }
    }

    static func described(_ facets: ResourceFacets) -> [String] {
        [("kind", facets.kinds), ("topic", facets.topics), ("region", facets.regions), ("language", facets.languages),
         ("year", facets.years), ("organisation", facets.organisations)].map { name, values in
            "\(name): " + values.map { "\($0.value)=\($0.label)×\($0.count)" }.joined(separator: ", ")
        }
    }

    /// The listing as SQL alone computes it, facets ordered as the index orders them.
    static func sqlListing(_ filter: ResourceFilter, page: Int, language: Language, now: Date, in database: any Database) async throws -> ResourcePage {
        let visible = Visibility.isPublic("r", table: "resources", language: language, now: now.epochSeconds)
        let match = ResourceQueries.searchMatch(filter, engine: database.engine)
        @Sendable func matching(except facet: String? = nil) -> SQLQueryString {
            ([visible] + ResourceQueries.conditions(filter, match: match, except: facet)).joined(" AND ")
        }
        let offset = max(0, page - 1) * ResourceQueries.pageSize
        return try await database.read { sql in
            let items: [ResourceListItem]
            if let match {
                items = try await ResourceQueries.ranked(match, matching: matching, offset: offset, in: sql)
            } else {
                items = try await sql.raw("""
                    SELECT r.id, r.slug, r.lang, r.title, r.kind, r.summary, r.published_on FROM resources r
                    WHERE \(matching()) ORDER BY r.published_on DESC, r.id DESC
                    LIMIT \(literal: ResourceQueries.pageSize) OFFSET \(literal: offset)
                    """).all().map(ResourceQueries.listItem)
            }
            let total = try await sql.count("SELECT COUNT(*) AS n FROM resources r WHERE \(matching())")
            func values(_ query: SQLQueryString) async throws -> [FacetValue] {
                try await sql.raw(query).all().map(ResourceQueries.facetValue)
            }
            let kinds = try await values("""
                SELECT r.kind AS value, COUNT(*) AS n FROM resources r WHERE \(matching(except: "kind")) GROUP BY r.kind
                """)
            let topics = try await values("""
                SELECT t.slug AS value, MAX(\(TopicNames.name("t", language))) AS label, COUNT(DISTINCT r.id) AS n FROM resources r
                JOIN resource_topics rt ON rt.resource_id = r.id
                JOIN topics t ON t.id = rt.topic_id OR t.id = (SELECT c.parent_id FROM topics c WHERE c.id = rt.topic_id)
                WHERE \(matching(except: "topic")) GROUP BY t.slug
                """)
            let regions = try await values("""
                SELECT g.code AS value, MAX(g.name) AS label, COUNT(DISTINCT r.id) AS n FROM resources r
                JOIN resource_regions rr ON rr.resource_id = r.id
                JOIN regions g ON g.id = rr.region_id OR g.id = (SELECT c.parent_id FROM regions c WHERE c.id = rr.region_id)
                WHERE \(matching(except: "region")) GROUP BY g.code
                """)
            let languages = try await values("""
                SELECT rl.language AS value, COUNT(DISTINCT r.id) AS n FROM resources r
                JOIN resource_languages rl ON rl.resource_id = r.id WHERE \(matching(except: "language")) GROUP BY rl.language
                """)
            let years = try await values("""
                SELECT SUBSTR(r.published_on, 1, 4) AS value, COUNT(*) AS n FROM resources r
                WHERE \(matching(except: "year")) GROUP BY SUBSTR(r.published_on, 1, 4)
                """)
            let organisations = try await values("""
                SELECT o.slug AS value, MAX(o.name) AS label, COUNT(DISTINCT r.id) AS n FROM resources r
                JOIN resource_organisations ro ON ro.resource_id = r.id JOIN organisations o ON o.id = ro.organisation_id
                WHERE \(matching(except: "organisation")) GROUP BY o.slug
                """)
            func byName(_ values: [FacetValue]) -> [FacetValue] {
                values.sorted { TextFolding.precedes($0.label, $1.label) || ($0.label == $1.label && $0.value.utf8.lexicographicallyPrecedes($1.value.utf8)) }
            }
            return ResourcePage(items: items, total: total, facets: ResourceFacets(
                kinds: kinds.sorted { $0.value < $1.value }, topics: byName(topics), regions: byName(regions),
                languages: languages.sorted { $0.value < $1.value }, years: years.sorted { $0.value > $1.value },
                organisations: byName(organisations)))
        }
    }
}
