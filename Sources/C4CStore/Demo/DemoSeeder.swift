import C4CCore
import Foundation
import SQLKit

/// Fills a database that holds no site yet with the demo content, in one transaction, with dates
/// relative to the clock's now: so a fresh site always has upcoming webinars, open vacancies and a
/// closed one. It marks the site as a demo site, and refuses a database that already holds a site.
public struct DemoSeeder: Sendable {
    let database: any Database
    let clock: WallClock

    /// The `settings` key that marks a site seeded with the demo content; its value is when.
    public static let demoSiteKey = "demo_site"

    /// Tables whose rows are bookkeeping rather than a site: a failed sign-in on an empty
    /// database does not make it a site. Nor does the search index (`search_…` tables), derived
    /// from the content: SQLite's FTS5 keeps rows in its own tables from the moment it is created.
    static let bookkeepingTables: Set<String> = ["schema_migrations", "content_version", "login_attempts", "password_reset_requests"]

    public init(database: any Database, clock: WallClock = .system) {
        self.database = database
        self.clock = clock
    }

    /// The first table that holds a row making this database a site (users, settings, content,
    /// files, anything but bookkeeping), or nil when it holds none. A site whose members were all
    /// deleted is still a site.
    public func tableHoldingASite() async throws -> String? {
        let engine = database.engine
        return try await database.read { sql in try await Self.tableHoldingASite(sql, engine) }
    }

    static func tableHoldingASite(_ sql: any SQLDatabase, _ engine: Engine) async throws -> String? {
        for table in try await SchemaInspection.tables(sql, engine) where !bookkeepingTables.contains(table) && !table.hasPrefix("search_") {
            if try await sql.raw("SELECT 1 AS one FROM \(ident: table) LIMIT 1").first() != nil { return table }
        }
        return nil
    }

    /// Seeds the demo content; throws `DemoSeedError.siteExists`, having written nothing, when the
    /// database already holds a site. The check and the seeding share one transaction.
    public func seed() async throws {
        let now = clock.now
        let engine = database.engine
        try await database.write { sql in
            if let table = try await Self.tableHoldingASite(sql, engine) {
                throw DemoSeedError.siteExists(table: table)
            }
            try await Run(db: Inserter(sql), now: now).all()
            try await SearchIndex.rebuild(sql)
        }
    }
}

public enum DemoSeedError: Error, CustomStringConvertible, Equatable {
    case siteExists(table: String)

    public var description: String {
        switch self {
        case .siteExists(let table):
            "This database already holds a site (its \(table) table has rows), so no demo content was added. "
                + "Demo content goes only into a new, empty database."
        }
    }
}

/// One seeding pass; keeps the ids it creates so later items can point at earlier ones.
private struct Run {
    let db: Inserter
    let now: Date
    var stamp: Int64 { now.epochSeconds }

    func all() async throws {
        try await settings()
        let facts = try await keyFacts()
        try await heroSlides(facts: facts)
        let topics = try await topicTree()
        let regions = try await regionList()
        let members = try await organisations()
        try await affiliates()
        let people = try await peopleList(members: members)
        try await pages()
        try await resources(members: members, topics: topics, regions: regions)
        try await events()
        try await parisForum()
        try await vacancies(members: members)
        try await posts(people: people, members: members, topics: topics)
        try await DemoTranslations(db: db).add()
        try await DemoNames(db: db).add()
    }

    func content(_ slug: String, group: String, daysAgo: Int = 30, lang: String = "en") -> KeyValuePairs<String, Inserter.Value> {
        ["lang": lang, "translation_group": group, "slug": slug, "status": "published",
         "publish_at": stamp - Int64(daysAgo) * 86_400, "created_at": stamp, "updated_at": stamp]
    }

    func insertContent(_ table: String, slug: String, daysAgo: Int = 30, lang: String = "en", group: String? = nil,
                       _ fields: KeyValuePairs<String, Inserter.Value>) async throws -> Int64 {
        var columns: [(String, Inserter.Value)] = content(slug, group: group ?? "\(table)/\(slug)", daysAgo: daysAgo, lang: lang).map { ($0.key, $0.value) }
        columns += fields.map { ($0.key, $0.value) }
        return try await db.insertRow(table, columns)
    }

    func image(_ name: String, _ data: Data, width: Int, height: Int, alt: String, credit: String) async throws -> Int64 {
        let file = try await db.storeFile(name: name, contentType: "image/svg+xml", data: data, now: now)
        return try await db.insert("media", [
            "file_id": file, "kind": "image", "title": alt, "alt_text": alt, "credit": credit,
            "width": width, "height": height, "shows_identifiable_children": false, "consent_on_file": false,
            "safeguarding_answered_at": stamp, "created_at": stamp,
        ])
    }

    func settings() async throws {
        let links = #"[{"label":"Mastodon","url":"https://mastodon.social/@cities4children"},{"label":"LinkedIn","url":"https://www.linkedin.com/company/cities4children"},{"label":"YouTube","url":"https://www.youtube.com/@cities4children"}]"#
        for (key, value) in [
            ("site_name", "Cities4Children"),
            ("tagline", "Putting child rights at the heart of how cities are planned and run"),
            ("one_liner", "An alliance of 25+ organisations — NGOs, UN agencies, city networks, foundations and universities — working for cities where every child can grow up safe, healthy and heard."),
            ("contact_email", "secretariat@cities4children.example"),
            ("social_links", links),
        ] {
            try await insertSetting(key, value)
        }
        try await insertSetting(DemoSeeder.demoSiteKey, now.formatted(.iso8601))
    }

    /// Adds a setting only where the key is absent: seeding never writes over a site's settings.
    func insertSetting(_ key: String, _ value: String) async throws {
        try await db.sql.raw("""
            INSERT INTO settings (key, value) VALUES (\(bind: key), \(bind: value)) ON CONFLICT (key) DO NOTHING
            """).run()
    }

    func keyFacts() async throws -> [Int64] {
        var ids: [Int64] = []
        for (index, fact) in DemoText.facts.enumerated() {
            ids.append(try await insertContent("key_facts", slug: "fact-\(index + 1)", [
                "headline": fact.headline, "figure": fact.figure, "source_name": fact.source,
                "source_url": fact.url, "source_year": fact.year, "reviewed_at": stamp,
            ]))
        }
        return ids
    }

    func heroSlides(facts: [Int64]) async throws {
        let slides: [(fact: Int, link: String, alt: String, credit: String)] = [
            (0, "/resources", "Illustration of a city skyline at dusk above a green park crossed by a path",
             "Illustration: Cities4Children demo art"),
            (3, "/resources?topic=road-safety", "Illustration of tall buildings beside a park with a winding footpath",
             "Illustration: Cities4Children demo art"),
            (2, "/events", "Illustration of a low city skyline under a warm sky with a sun",
             "Illustration: Cities4Children demo art"),
        ]
        for (index, slide) in slides.enumerated() {
            let image = try await image("slide-\(index + 1).svg", DemoArt.cityscape(seed: index * 3 + 1),
                                        width: 1200, height: 600, alt: slide.alt, credit: slide.credit)
            _ = try await insertContent("hero_slides", slug: "slide-\(index + 1)", [
                "fact_id": facts[slide.fact], "headline": DemoText.facts[slide.fact].headline, "image_id": image,
                "link_url": slide.link, "position": index,
            ])
        }
    }

    func topicTree() async throws -> [String: Int64] {
        var ids: [String: Int64] = [:]
        for topic in DemoText.topics {
            ids[topic.slug] = try await db.insert("topics", [
                "lang": "en", "translation_group": "topics/\(topic.slug)", "slug": topic.slug, "name": topic.name,
                "parent_id": topic.parent.flatMap { ids[$0] },
            ])
        }
        return ids
    }

    func regionList() async throws -> [String: Int64] {
        var ids: [String: Int64] = [:]
        for region in DemoText.regions {
            ids[region.code] = try await db.insert("regions", [
                "code": region.code, "name": region.name, "kind": region.kind, "parent_id": region.parent.flatMap { ids[$0] },
            ])
        }
        return ids
    }

    func organisations() async throws -> [Int64] {
        var ids: [Int64] = []
        for (index, member) in DemoText.members.enumerated() {
            let logo = try await image("logo-\(member.short.lowercased()).svg", DemoArt.logo(initials: member.short, seed: index),
                                       width: 160, height: 80, alt: "\(member.name) logo", credit: "Logo: \(member.name)")
            let slug = Slug.make(from: member.name)
            ids.append(try await insertContent("organisations", slug: slug, daysAgo: 400, [
                "name": member.name, "short_name": member.short, "kind": member.kind, "country_code": member.country,
                "website": "https://\(slug).example.org", "description": member.about, "logo_id": logo,
                "steering_committee": member.steering, "member_since": member.since,
            ]))
        }
        return ids
    }

    func affiliates() async throws {
        let rows: [(String, String, String, String)] = [
            ("Kenya Alliance for Child-Friendly Cities", "KE", "Streets Alive Collective", "Wanjiru Kamau"),
            ("Colombia Ciudades para la Niñez", "CO", "Andes Youth Cities", "Camila Ortiz"),
            ("Bangladesh Urban Children's Forum", "BD", "Delta Resilience Institute", "Rafiq Ahmed"),
        ]
        for (name, country, lead, contact) in rows {
            let slug = Slug.make(from: name)
            _ = try await insertContent("affiliates", slug: slug, daysAgo: 300, [
                "name": name, "country_code": country, "lead_organisation": lead, "contact_name": contact,
                "contact_email": "contact@\(slug).example.org", "website": "https://\(slug).example.org",
            ])
        }
    }

    func peopleList(members: [Int64]) async throws -> [Int64] {
        var ids: [Int64] = []
        for (index, person) in DemoText.people.enumerated() {
            ids.append(try await insertContent("people", slug: Slug.make(from: person.name), daysAgo: 300, [
                "name": person.name, "role": person.role, "organisation_id": members[person.member],
                "bio": person.bio, "team": person.team, "position": index,
            ]))
        }
        return ids
    }

    func pages() async throws {
        _ = try await insertContent("pages", slug: "about", daysAgo: 300, [
            "title": "About the alliance", "summary": "Who we are, what we want for children in cities, and how we work.",
            "body": DemoText.about, "menu": "main", "menu_position": 1,
        ])
        _ = try await insertContent("pages", slug: "about", daysAgo: 300, lang: "fr", group: "pages/about", [
            "title": "À propos de l'alliance", "summary": "Qui nous sommes, ce que nous voulons pour les enfants des villes.",
            "body": "Cities4Children est une alliance d'organisations qui veulent que chaque ville soit un bon endroit pour grandir.",
            "menu": "main", "menu_position": 1,
        ])
        _ = try await insertContent("pages", slug: "privacy", daysAgo: 300, [
            "title": "Privacy policy", "summary": "What we do with the personal data you give us.",
            "body": DemoText.privacy, "menu": "footer", "menu_position": 1,
        ])
    }

    func resources(members: [Int64], topics: [String: Int64], regions: [String: Int64]) async throws {
        let topicSlugs = DemoText.topics.map(\.slug)
        let countryCodes = DemoText.regions.filter { $0.kind == "country" }.map(\.code)
        let languageSets = [["en"], ["en", "fr"], ["en", "es"], ["en", "pt"], ["en", "ar"], ["en", "fr", "es"]]
        for (index, item) in DemoText.resourceTitles.enumerated() {
            let kind = DemoText.kind(of: item.title, index: index)
            let slug = Slug.make(from: item.title)
            let year = 2019 + index % 7
            let month = 1 + (index * 5) % 12
            let isPaper = kind == "research_paper"
            let cover = try await image("cover-\(index + 1).svg", DemoArt.cover(seed: index), width: 600, height: 400,
                                        alt: "Abstract cover illustration in \(["green", "blue", "red", "purple", "ochre", "teal", "olive", "plum"][index % 8]) tones",
                                        credit: "Cover design: Cities4Children demo art")
            let authors = ["Priya Raman", "Tomás Restrepo", "Amina Odhiambo", "Jonas Vermeer"]
            let author = authors[index % authors.count]
            let org = members[index % members.count]
            let id = try await insertContent("resources", slug: slug, daysAgo: 10 + index * 20, [
                "title": item.title, "kind": kind, "summary": item.summary,
                "body": "\(item.summary)\n\nThis \(kind.replacingOccurrences(of: "_", with: " ")) was prepared by members of the alliance and reviewed by the secretariat.",
                "cover_image_id": cover, "published_on": String(format: "%04d-%02d-15", year, month),
                "series_name": isPaper ? "Research Series" : "", "series_number": isPaper ? "\(index / 9 + 1)" : "",
                "featured": index % 7 == 0,
                "citation": "\(author) (\(year)). \(item.title). Cities4Children.",
            ])
            try await db.link("resource_authors", ["resource_id": id, "position": 0, "name": author])
            try await db.link("resource_organisations", ["resource_id": id, "organisation_id": org])
            try await db.link("resource_topics", ["resource_id": id, "topic_id": topics[topicSlugs[index % topicSlugs.count]]!])
            try await db.link("resource_regions", ["resource_id": id, "region_id": regions[countryCodes[index % countryCodes.count]]!])
            for (position, language) in languageSets[index % languageSets.count].enumerated() {
                try await db.link("resource_languages", ["resource_id": id, "language": language])
                guard kind != "video" else { continue }
                let file = try await db.storeFile(name: "\(slug)-\(language).pdf", contentType: "application/pdf",
                                                  data: DemoArt.pdf(title: item.title, lines: [item.summary, "Language: \(language)"]), now: now)
                _ = try await db.insert("resource_files", [
                    "resource_id": id, "file_id": file, "language": language, "label": item.title, "position": position,
                ])
            }
        }
    }

    /// An instant given as a local date and hour in a zone, `days` from today (or from `base`).
    func instant(daysFromNow days: Int, hour: Int, zone: String, from base: Date? = nil) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone) ?? .gmt
        let day = calendar.date(byAdding: .day, value: days, to: base ?? now) ?? now
        var parts = calendar.dateComponents([.year, .month, .day], from: day)
        parts.hour = hour
        parts.minute = 0
        return calendar.date(from: parts) ?? day
    }

    func events() async throws {
        let series = try await insertContent("event_series", slug: "dialogues-4-action", daysAgo: 365, [
            "title": "Dialogues 4 Action",
            "summary": "Monthly webinars where practitioners, city officials and young people work through one problem together.",
            "description": "Each Dialogue brings a city official, a researcher and a young person to the same table for ninety minutes.",
        ])
        for (index, event) in DemoText.events.enumerated() {
            let start = instant(daysFromNow: event.dayOffset, hour: event.hour, zone: event.zone)
            let isPast = event.dayOffset < 0
            let id = try await insertContent("events", slug: Slug.make(from: event.title), daysAgo: isPast ? -event.dayOffset + 30 : 20, [
                "series_id": series, "title": event.title, "summary": event.summary,
                "description": "\(event.summary)\n\nThe session is held in English with live captions.",
                "starts_at": start.epochSeconds, "ends_at": start.epochSeconds + 90 * 60, "time_zone": event.zone,
                "online": true, "registration": isPast ? "none" : (index % 2 == 0 ? "builtin" : "external"),
                "registration_url": index % 2 == 0 ? "" : "https://events.example.org/d4a-\(index + 1)",
                "capacity": 300, "registration_closes_at": start.epochSeconds - 3600,
                "recording_url": isPast ? "https://www.youtube-nocookie.com/embed/demo\(index + 1)" : "",
                "captions_url": "", "transcript": "",
            ])
            let speakers: [(String, String, String)] = [
                ("Grace Mwangi", "Community organiser", "Streets Alive Collective"),
                ("Priya Raman", "Planner and lecturer", "Institute for Child-Responsive Planning"),
                ("Diego Salazar", "Youth council member, 17", "Andes Youth Cities"),
            ]
            for (position, speaker) in speakers.enumerated() where (position + index) % 3 != 2 {
                _ = try await db.insert("event_speakers", [
                    "event_id": id, "name": speaker.0, "role": speaker.1, "organisation": speaker.2, "position": position,
                ])
            }
        }
    }

    /// A series of Paris meetings at 11:00 local time on both sides of each October change of
    /// clocks near today: the case where calendars that store UTC offsets go wrong.
    func parisForum() async throws {
        let zone = "Europe/Paris"
        let paris = TimeZone(identifier: zone)!
        var changes: [Date] = []
        var cursor = now.addingTimeInterval(-400 * 86_400)
        while let next = paris.nextDaylightSavingTimeTransition(after: cursor), next < now.addingTimeInterval(400 * 86_400) {
            if Calendar(identifier: .gregorian).dateComponents(in: paris, from: next).month == 10 { changes.append(next) }
            cursor = next
        }
        let series = try await insertContent("event_series", slug: "paris-streets-forum", daysAgo: 365, [
            "title": "Paris Streets Forum",
            "summary": "Meetings of city staff and parents on school streets in the Paris region, at 11:00 Paris time.",
            "description": "Held in person at the alliance's Paris office and online, in French and English.",
        ])
        for (round, change) in changes.enumerated() {
            for (side, days) in [(0, -5), (1, 2)] {
                let start = instant(daysFromNow: days, hour: 11, zone: zone, from: change)
                let slug = "paris-streets-forum-\(Calendar(identifier: .gregorian).component(.year, from: change))-\(side == 0 ? "before" : "after")-clock-change"
                _ = try await insertContent("events", slug: slug, daysAgo: 30, [
                    "series_id": series, "title": "Paris Streets Forum, \(side == 0 ? "October" : "late October") meeting \(round + 1)",
                    "summary": "School streets in the Paris region: what changed this term.",
                    "description": "Held at 11:00 Paris time, on \(side == 0 ? "summer" : "winter") time.",
                    "starts_at": start.epochSeconds, "ends_at": start.epochSeconds + 60 * 60, "time_zone": zone,
                    "online": false, "venue": "Alliance office, 12 rue de l'Exemple, Paris", "registration": "none",
                    "registration_url": "", "recording_url": "", "captions_url": "", "transcript": "",
                ])
            }
        }
    }

    func vacancies(members: [Int64]) async throws {
        for vacancy in DemoText.vacancies {
            let deadline = instant(daysFromNow: vacancy.dayOffset, hour: 23, zone: vacancy.zone).addingTimeInterval(59 * 60)
            let terms = try await db.storeFile(
                name: "\(Slug.make(from: vacancy.title, maxLength: 40))-terms-of-reference.pdf", contentType: "application/pdf",
                data: DemoArt.pdf(title: "Terms of Reference", lines: [vacancy.title, vacancy.summary]), now: now)
            _ = try await insertContent("vacancies", slug: Slug.make(from: vacancy.title, maxLength: 60), daysAgo: 20, [
                "title": vacancy.title, "kind": vacancy.kind, "organisation_id": members[vacancy.member],
                "location": vacancy.location, "remote": vacancy.remote, "summary": vacancy.summary,
                "body": "\(vacancy.summary)\n\nSee the Terms of Reference for the full description, requirements and timeline.",
                "terms_file_id": terms, "deadline_at": deadline.epochSeconds, "deadline_zone": vacancy.zone,
                "apply_email": "jobs@cities4children.example", "apply_subject": "Application: \(vacancy.title)",
            ])
        }
    }

    func posts(people: [Int64], members: [Int64], topics: [String: Int64]) async throws {
        let topicSlugs = DemoText.topics.map(\.slug)
        for (index, post) in DemoText.postTitles.enumerated() {
            let byOrganisation = index % 4 == 3
            let id = try await insertContent("blog_posts", slug: Slug.make(from: post.title), daysAgo: 3 + index * 9, [
                "title": post.title, "summary": post.summary,
                "body": "\(post.summary)\n\n## What happened\n\nMembers shared notes, photos and data. The secretariat gathered them here.\n\n## What comes next\n\nWe will report back in the next Dialogues 4 Action webinar.",
                "author_person_id": byOrganisation ? nil : people[index % people.count],
                "author_organisation_id": byOrganisation ? members[index % members.count] : nil,
                "contributor_credit": index == 10 ? "Contributed by Sahel Urban Futures" : "",
                "series_name": post.series,
            ])
            try await db.link("blog_post_topics", ["post_id": id, "topic_id": topics[topicSlugs[index % topicSlugs.count]]!])
        }
    }
}
