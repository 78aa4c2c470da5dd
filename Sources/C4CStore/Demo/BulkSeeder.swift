import C4CCore
import Foundation
import SQLKit

/// Fills a demo site with many items for measuring: resources, posts, events, vacancies and
/// members in five languages, some linked as translations, spread over kinds, topics, regions,
/// years, organisations and publication states. The text comes from a seeded generator, so the
/// same counts and seed give the same site (dates are relative to the clock's now). Rows go in
/// as multi-row INSERTs inside one transaction with the search index, so a failure leaves nothing.
public struct BulkSeeder: Sendable {
    public struct Counts: Sendable, Equatable {
        public var resources: Int
        public var posts: Int
        public var events: Int
        public var vacancies: Int
        public var members: Int

        public init(resources: Int = 50_000, posts: Int = 5_000, events: Int = 2_000, vacancies: Int = 400, members: Int = 40) {
            self.resources = resources
            self.posts = posts
            self.events = events
            self.vacancies = vacancies
            self.members = members
        }
    }

    /// How many rows each table received, and whether the demo site was seeded first.
    public struct Report: Sendable {
        public var rows: [(table: String, count: Int)]
        public var seededDemoSite: Bool
    }

    let database: any Database
    let clock: WallClock
    let seed: UInt64

    public init(database: any Database, clock: WallClock = .system, seed: UInt64 = 2026) {
        self.database = database
        self.clock = clock
        self.seed = seed
    }

    /// Adds the items. A database holding no site gets the demo site first; a demo site gets the
    /// items added; any other site is refused with `BulkSeedError.notADemoSite`, having written
    /// nothing, unless `force`.
    public func seed(_ counts: Counts, force: Bool = false) async throws -> Report {
        let demo = DemoSeeder(database: database, clock: clock)
        var seededDemoSite = false
        if try await demo.tableHoldingASite() == nil {
            try await demo.seed()
            seededDemoSite = true
        }
        let now = clock.now
        let seed = seed
        let engine = database.engine
        let rows = try await database.write { sql in
            if !force, try await sql.raw("SELECT 1 AS one FROM settings WHERE key = \(bind: DemoSeeder.demoSiteKey)").first() == nil {
                throw BulkSeedError.notADemoSite(table: try await DemoSeeder.tableHoldingASite(sql, engine) ?? "settings")
            }
            var run = try await BulkRun(sql: sql, engine: engine, now: now, seed: seed)
            try await run.all(counts)
            return run.written.sorted { $0.key < $1.key }.map { (table: $0.key, count: $0.value) }
        }
        if engine == .postgres {
            // A bulk load leaves the planner without statistics until autovacuum catches up.
            try await database.read { sql in try await sql.raw("ANALYZE").run() }
        }
        return Report(rows: rows, seededDemoSite: seededDemoSite)
    }
}

public enum BulkSeedError: Error, CustomStringConvertible, Equatable {
    case notADemoSite(table: String)

    public var description: String {
        switch self {
        case .notADemoSite(let table):
            "This database holds a site that is not a demo site (its \(table) table has rows), so no bulk content was added. "
                + "Bulk content goes into a new database or a demo site; --force adds it anyway."
        }
    }
}

/// A small, fast generator with a fixed sequence for a given seed (SplitMix64).
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Rows of one table written as multi-row INSERTs of a few thousand values each (PostgreSQL
/// takes at most 65,535 parameters in a statement). Rows that point at another batch's rows
/// name it as `parent`, which is written first.
final class RowBatch {
    let sql: any SQLDatabase
    let table: String
    let columns: [String]
    let parent: RowBatch?
    private var pending: [[Inserter.Value]] = []
    private(set) var written = 0

    init(_ sql: any SQLDatabase, _ table: String, _ columns: [String], parent: RowBatch? = nil) {
        self.sql = sql
        self.table = table
        self.columns = columns
        self.parent = parent
    }

    func add(_ values: [Inserter.Value]) async throws {
        precondition(values.count == columns.count, "\(table): \(values.count) values for \(columns.count) columns")
        pending.append(values)
        if pending.count * columns.count >= 8_000 { try await flush() }
    }

    func flush() async throws {
        guard !pending.isEmpty else { return }
        try await parent?.flush()
        let insert = sql.insert(into: table).columns(columns)
        for row in pending { insert.values(row.map(Inserter.expression)) }
        try await insert.run()
        written += pending.count
        pending.removeAll(keepingCapacity: true)
    }
}

/// One bulk pass. Items get explicit ids after the largest existing one, so links need no
/// round trip; PostgreSQL's identity sequences are moved past them at the end.
private struct BulkRun {
    let sql: any SQLDatabase
    let engine: Engine
    let now: Date
    var rng: SeededGenerator
    var written: [String: Int] = [:]

    let topics: [Int64]
    let regions: [Int64]
    let countries: [String]
    var organisations: [(id: Int64, name: String)]
    let people: [Int64]
    let images: [Int64]

    static let languages = ["en", "fr", "es", "pt", "ar"]
    static let resourceKinds = ["research_paper", "research_brief", "report", "toolkit", "case_study", "success_story",
                                "guidance", "video", "infographic"]

    init(sql: any SQLDatabase, engine: Engine, now: Date, seed: UInt64) async throws {
        self.sql = sql
        self.engine = engine
        self.now = now
        rng = SeededGenerator(seed: seed)
        func ids(_ query: SQLQueryString) async throws -> [Int64] {
            try await sql.raw(query).all().map { try $0.decode(column: "id", as: Int64.self) }
        }
        topics = try await ids("SELECT id FROM topics ORDER BY id")
        regions = try await ids("SELECT id FROM regions ORDER BY id")
        countries = try await sql.raw("SELECT code FROM regions WHERE kind = 'country' ORDER BY id").all()
            .map { try $0.decode(column: "code", as: String.self) }
        organisations = try await sql.raw("SELECT id, name FROM organisations WHERE lang = 'en' ORDER BY id").all()
            .map { (try $0.decode(column: "id", as: Int64.self), try $0.decode(column: "name", as: String.self)) }
        people = try await ids("SELECT id FROM people WHERE lang = 'en' ORDER BY id")
        images = try await ids("SELECT id FROM media WHERE kind = 'image' AND alt_text <> '' AND credit <> '' ORDER BY id")
    }

    mutating func all(_ counts: BulkSeeder.Counts) async throws {
        try await members(counts.members)
        try await resources(counts.resources)
        try await posts(counts.posts)
        try await events(counts.events)
        try await vacancies(counts.vacancies)
        if engine == .postgres {
            for table in ["organisations", "resources", "blog_posts", "event_series", "events", "vacancies"] {
                try await sql.raw("""
                    SELECT setval(pg_get_serial_sequence(\(bind: table), 'id'), (SELECT MAX(id) FROM \(ident: table)))
                    """).run()
            }
        }
        try await sql.raw("UPDATE content_version SET version = version + 1 WHERE id = 1").run()
    }

    // MARK: Choosing

    mutating func pick<T>(_ values: [T]) -> T { values[Int.random(in: 0..<values.count, using: &rng)] }

    /// One of the values, or nil when there are none (a forced run on a site without members).
    mutating func any<T>(_ values: [T]) -> T? { values.isEmpty ? nil : pick(values) }

    mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < probability }

    mutating func distinct<T>(_ values: [T], _ count: ClosedRange<Int>) -> [T] {
        Array(values.shuffled(using: &rng).prefix(min(values.count, Int.random(in: count, using: &rng))))
    }

    /// The pattern with each `{name}` replaced, first letter capitalised. Written out by hand:
    /// Foundation's `replacingOccurrences` took a fifth of a bulk run.
    mutating func fill(_ pattern: String, _ words: BulkVocabulary, kind: String = "report", year: Int = 2024) -> String {
        var text = ""
        text.reserveCapacity(pattern.utf8.count + 60)
        var rest = pattern[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            text += rest[..<open]
            switch rest[rest.index(after: open)..<close] {
            case "subject": text += pick(words.subjects)
            case "place": text += pick(words.places)
            case "audience": text += pick(words.audiences)
            case "kind": text += kind
            case "year": text += String(year)
            default: text += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        text += rest
        guard let first = text.first, first.isLowercase else { return text }
        return first.uppercased() + text.dropFirst()
    }

    mutating func body(_ words: BulkVocabulary, sections: ClosedRange<Int>) -> String {
        var parts: [String] = []
        for heading in distinct(words.headings, sections) {
            let sentences = (0..<Int.random(in: 2...4, using: &rng)).map { _ in fill(pick(words.sentences), words) }
            parts.append("## \(heading)\n\n\(sentences.joined(separator: " "))")
        }
        return parts.joined(separator: "\n\n")
    }

    /// Mostly published; some drafts; some scheduled, half of them already due.
    mutating func publication(at time: Int64) -> (status: String, publishAt: Int64?) {
        let roll = Double.random(in: 0..<1, using: &rng)
        if roll < 0.90 { return ("published", min(time, now.epochSeconds)) }
        if roll < 0.96 { return ("draft", nil) }
        let later = chance(0.5) ? Int64.random(in: 3_600...(60 * 86_400), using: &rng) : -Int64.random(in: 3_600...(30 * 86_400), using: &rng)
        return ("scheduled", now.epochSeconds + later)
    }

    /// The languages a work exists in: English, sometimes with translations; a few works exist
    /// only in Spanish, French or Portuguese.
    mutating func versions(translated probability: Double) -> [String] {
        if chance(0.05) { return [pick(["es", "fr", "pt"])] }
        guard chance(probability) else { return ["en"] }
        return ["en"] + distinct(["fr", "es", "pt", "ar"], 1...2).sorted()
    }

    func nextID(_ table: String) async throws -> Int64 {
        try await sql.count("SELECT COALESCE(MAX(id), 0) + 1 AS n FROM \(ident: table)").int64
    }

    func slug(_ title: String, _ number: Int64) -> String {
        let base = Slug.make(from: title, maxLength: 60)
        return base.isEmpty ? "item-\(number)" : "\(base)-\(number)"
    }

    static let contentColumns = ["id", "lang", "translation_group", "slug", "status", "publish_at", "created_at", "updated_at"]

    func content(_ id: Int64, _ lang: String, _ group: String, _ slug: String, _ publication: (status: String, publishAt: Int64?),
                 _ created: Int64) -> [Inserter.Value] {
        [id, lang, group, slug, publication.status, publication.publishAt, created, max(created, publication.publishAt ?? created)]
    }

    mutating func finish(_ batches: [RowBatch], index kind: SearchKind? = nil, ids: [Int64] = []) async throws {
        for batch in batches {
            try await batch.flush()
            written[batch.table, default: 0] += batch.written
        }
        guard let kind, !ids.isEmpty else { return }
        // Writing a search document is mostly Swift work (plain text, folding) between statements:
        // one task per core keeps every core busy while another waits for the database.
        let sql = sql
        let parts = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        let size = (ids.count + parts - 1) / parts
        try await withThrowingTaskGroup(of: Void.self) { group in
            for start in stride(from: 0, to: ids.count, by: size) {
                let part = Array(ids[start..<min(start + size, ids.count)])
                group.addTask { try await SearchIndex.refresh(kind, ids: part, in: sql) }
            }
            try await group.waitForAll()
        }
    }

    // MARK: Items

    mutating func members(_ count: Int) async throws {
        guard count > 0 else { return }
        let kinds = ["ngo", "un_agency", "network", "foundation", "academia", "government", "other"]
        let rows = RowBatch(sql, "organisations", Self.contentColumns + [
            "name", "short_name", "kind", "country_code", "website", "description", "steering_committee", "member_since",
        ])
        var id = try await nextID("organisations")
        var ids: [Int64] = []
        for _ in 0..<count {
            let words = BulkVocabulary.english
            let name = "\(pick(words.places)) \(pick(BulkVocabulary.organisationWords))"
            let slug = slug(name, id)
            let short = String(name.split(separator: " ").compactMap(\.first).prefix(5)).uppercased()
            let since = Int.random(in: 2018...2026, using: &rng)
            let description = fill(pick(words.summaries), words, kind: "organisation")
            try await rows.add(content(id, "en", "organisations/\(slug)", slug, ("published", now.epochSeconds - 400 * 86_400), now.epochSeconds)
                + [name, short, pick(kinds), any(countries) ?? "", "https://\(slug).example.org", description, false, since])
            organisations.append((id, name))
            ids.append(id)
            id += 1
        }
        try await finish([rows], index: .members, ids: ids)
    }

    mutating func resources(_ count: Int) async throws {
        let rows = RowBatch(sql, "resources", Self.contentColumns + [
            "title", "kind", "summary", "body", "cover_image_id", "published_on", "series_name", "series_number", "external_url",
            "featured", "citation",
        ])
        let authors = RowBatch(sql, "resource_authors", ["resource_id", "position", "name"], parent: rows)
        let owners = RowBatch(sql, "resource_organisations", ["resource_id", "organisation_id"], parent: rows)
        let filed = RowBatch(sql, "resource_topics", ["resource_id", "topic_id"], parent: rows)
        let places = RowBatch(sql, "resource_regions", ["resource_id", "region_id"], parent: rows)
        let languages = RowBatch(sql, "resource_languages", ["resource_id", "language"], parent: rows)
        var id = try await nextID("resources")
        var ids: [Int64] = []
        let thisYear = Calendar(identifier: .gregorian).component(.year, from: now)
        while ids.count < count {
            let work = id
            let kind = pick(Self.resourceKinds)
            let kindWords = kind.replacingOccurrences(of: "_", with: " ")
            let year = thisYear - Int(pow(Double.random(in: 0..<1, using: &rng), 1.6) * 20)
            let publishedOn = String(format: "%04d-%02d-%02d", year, Int.random(in: 1...12, using: &rng), Int.random(in: 1...28, using: &rng))
            let time = Int64(DateComponents(calendar: Calendar(identifier: .gregorian), timeZone: .gmt, year: year).date?.timeIntervalSince1970 ?? 0)
                + Int64.random(in: 0...(360 * 86_400), using: &rng)
            let publication = publication(at: time)
            let langs = Array(versions(translated: 0.25).prefix(count - ids.count))
            let credited = distinct(BulkVocabulary.names, 1...3)
            let owning = distinct(organisations.map(\.id), 1...2)
            let topicIDs = distinct(topics, 1...2)
            let regionIDs = distinct(regions, 1...2)
            let cover: Int64? = chance(0.3) && !images.isEmpty ? pick(images) : nil
            let isPaper = kind == "research_paper"
            let featured = publication.status == "published" && chance(0.002)
            var slugText = ""
            for lang in langs {
                let words = BulkVocabulary.of(lang)
                let title = fill(pick(words.titles), words, kind: kindWords, year: year)
                if slugText.isEmpty { slugText = slug(title, work) }
                let summary = fill(pick(words.summaries), words, kind: kindWords, year: year)
                try await rows.add(content(id, lang, "resources/bulk-\(work)", slugText, publication, time) + [
                    title, kind, summary, "\(summary)\n\n\(body(words, sections: 2...4))", cover, publishedOn,
                    isPaper ? "Research Series" : "", isPaper ? String(work % 97 + 1) : "",
                    chance(0.1) ? "https://library.example.org/\(work)" : "", featured,
                    "\(credited.joined(separator: ", ")) (\(year)). \(title). Cities4Children.",
                ])
                for (position, name) in credited.enumerated() { try await authors.add([id, position, name]) }
                for organisation in owning { try await owners.add([id, organisation]) }
                for topic in topicIDs { try await filed.add([id, topic]) }
                for region in regionIDs { try await places.add([id, region]) }
                for language in langs { try await languages.add([id, language]) }
                ids.append(id)
                id += 1
            }
        }
        try await finish([rows, authors, owners, filed, places, languages], index: .resources, ids: ids)
    }

    mutating func posts(_ count: Int) async throws {
        let rows = RowBatch(sql, "blog_posts", Self.contentColumns + [
            "title", "summary", "body", "author_person_id", "author_organisation_id", "byline", "contributor_credit", "series_name",
        ])
        let filed = RowBatch(sql, "blog_post_topics", ["post_id", "topic_id"], parent: rows)
        var id = try await nextID("blog_posts")
        var ids: [Int64] = []
        while ids.count < count {
            let work = id
            let time = now.epochSeconds - Int64.random(in: 0...(6 * 365 * 86_400), using: &rng)
            let publication = publication(at: time)
            let langs = Array(versions(translated: 0.1).prefix(count - ids.count))
            let byOrganisation = chance(0.25) || people.isEmpty
            let person: Int64? = byOrganisation ? nil : pick(people)
            let organisation: Int64? = byOrganisation ? any(organisations)?.id : nil
            let series = pick(BulkVocabulary.postSeries)
            let credit = chance(0.05) ? "Contributed by \(pick(BulkVocabulary.names))" : ""
            let topicIDs = distinct(topics, 1...2)
            var slugText = ""
            for lang in langs {
                let words = BulkVocabulary.of(lang)
                let title = fill(pick(words.titles), words, kind: "story")
                if slugText.isEmpty { slugText = slug(title, work) }
                let summary = fill(pick(words.summaries), words, kind: "story")
                try await rows.add(content(id, lang, "blog_posts/bulk-\(work)", slugText, publication, time) + [
                    title, summary, body(words, sections: 2...3), person, organisation, person == nil && organisation == nil ? pick(BulkVocabulary.names) : "",
                    credit, series,
                ])
                for topic in topicIDs { try await filed.add([id, topic]) }
                ids.append(id)
                id += 1
            }
        }
        try await finish([rows, filed], index: .blog, ids: ids)
    }

    mutating func events(_ count: Int) async throws {
        guard count > 0 else { return }
        let seriesRows = RowBatch(sql, "event_series", Self.contentColumns + ["title", "summary", "description"])
        var seriesID = try await nextID("event_series")
        var seriesIDs: [Int64] = []
        for (title, summary) in BulkVocabulary.eventSeries {
            let slug = slug(title, seriesID)
            try await seriesRows.add(content(seriesID, "en", "event_series/\(slug)", slug, ("published", now.epochSeconds - 400 * 86_400),
                                             now.epochSeconds) + [title, summary, summary])
            seriesIDs.append(seriesID)
            seriesID += 1
        }
        try await finish([seriesRows])

        let rows = RowBatch(sql, "events", Self.contentColumns + [
            "series_id", "title", "summary", "description", "starts_at", "ends_at", "time_zone", "online", "venue", "online_url",
            "registration", "registration_url", "capacity", "registration_closes_at", "recording_url", "captions_url", "transcript",
            "organisation_id",
        ])
        let speakers = RowBatch(sql, "event_speakers", ["event_id", "name", "role", "organisation", "position"], parent: rows)
        var id = try await nextID("events")
        var ids: [Int64] = []
        let today = now.epochSeconds - now.epochSeconds % 86_400
        while ids.count < count {
            let work = id
            // Three in four are past, the rest within the coming year; whole quarter hours, UTC 06:00–17:45.
            let days = chance(0.75) ? -Int64.random(in: 1...(4 * 365), using: &rng) : Int64.random(in: 0...365, using: &rng)
            let start = today + days * 86_400 + Int64.random(in: 24...71, using: &rng) * 900
            let end = start + Int64(pick([60, 90, 120, 480])) * 60
            let isPast = end < now.epochSeconds
            let publication = publication(at: start - 45 * 86_400)
            let online = chance(0.7)
            let registration = isPast ? "none" : pick(["none", "builtin", "external"])
            let series: Int64? = chance(0.6) ? pick(seriesIDs) : nil
            let organisation = chance(0.4) ? any(organisations) : nil
            let panel = distinct(BulkVocabulary.names, 1...3)
            let langs = Array(versions(translated: 0.15).prefix(count - ids.count))
            var slugText = ""
            for lang in langs {
                let words = BulkVocabulary.of(lang)
                let title = fill(pick(words.titles), words, kind: "webinar")
                if slugText.isEmpty { slugText = slug(title, work) }
                let summary = fill(pick(words.summaries), words, kind: "webinar")
                try await rows.add(content(id, lang, "events/bulk-\(work)", slugText, publication, start - 60 * 86_400) + [
                    series, title, summary, "\(summary)\n\n\(body(words, sections: 1...2))", start, end, pick(BulkVocabulary.zones),
                    online, online ? "" : "\(pick(words.places)) city hall", online ? "https://meet.example.org/\(work)" : "",
                    registration, registration == "external" ? "https://events.example.org/\(work)" : "",
                    registration == "builtin" ? 200 : nil as Int?, registration == "builtin" ? start - 3_600 : nil as Int64?,
                    isPast && online && chance(0.5) ? "https://www.youtube-nocookie.com/embed/bulk\(work)" : "", "", "",
                    organisation?.id,
                ])
                for (position, name) in panel.enumerated() {
                    let from = position == 0 ? organisation?.name : any(organisations)?.name
                    try await speakers.add([id, name, pick(BulkVocabulary.roles), from ?? "", position])
                }
                ids.append(id)
                id += 1
            }
        }
        try await finish([rows, speakers], index: .events, ids: ids)
    }

    mutating func vacancies(_ count: Int) async throws {
        let kinds = ["consultancy", "job", "internship", "volunteer"]
        let rows = RowBatch(sql, "vacancies", Self.contentColumns + [
            "title", "kind", "organisation_id", "organisation_name", "location", "remote", "summary", "body", "deadline_at",
            "deadline_zone", "apply_email", "apply_subject", "apply_url",
        ])
        var id = try await nextID("vacancies")
        var ids: [Int64] = []
        while ids.count < count {
            let words = BulkVocabulary.english
            // About one in five is still open.
            let deadline = now.epochSeconds + Int64.random(in: (-600 * 86_400)...(120 * 86_400), using: &rng)
            let title = fill(pick(BulkVocabulary.vacancyTitles), words)
            let slug = slug(title, id)
            let organisation = any(organisations)
            let remote = chance(0.3)
            let summary = fill(pick(words.summaries), words, kind: "assignment")
            let byEmail = chance(0.6)
            try await rows.add(content(id, "en", "vacancies/\(slug)", slug, publication(at: deadline - 40 * 86_400), deadline - 45 * 86_400) + [
                title, pick(kinds), organisation?.id, organisation == nil ? "Cities4Children secretariat" : "", remote ? "Remote" : pick(words.places), remote, summary,
                "\(summary)\n\n\(body(words, sections: 2...3))", deadline, pick(BulkVocabulary.zones),
                byEmail ? "jobs@cities4children.example" : "", byEmail ? "Application: \(title)" : "",
                byEmail ? "" : "https://jobs.example.org/\(id)",
            ])
            ids.append(id)
            id += 1
        }
        try await finish([rows], index: .vacancies, ids: ids)
    }
}

private extension Int {
    var int64: Int64 { Int64(self) }
}
