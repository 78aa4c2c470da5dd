import C4CCore
import C4CStore
import C4CTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@Suite struct PublicSiteTests {
    /// Follows every internal link from the home page, as a visitor's browser would, and expects
    /// every page and file to answer 200.
    @Test(arguments: TestDatabases.engines)
    func aCrawlFromHomeFindsNoBrokenLink(engine: Engine) async throws {
        try await TestApp.run(engine) { client, _ async throws in
            var queue = ["/"]
            var seen: Set<String> = ["/"]
            var pageTypes: Set<String> = []
            while !queue.isEmpty {
                let path = queue.removeFirst()
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .ok, "\(path) answered \(response.status)")
                guard response.headers[.contentType]?.hasPrefix("text/html") == true else { continue }
                pageTypes.insert(String(path.split(separator: "?")[0].split(separator: "/").first ?? "home"))
                for match in response.text.matches(of: /href="(\/[^"#]*)"/) {
                    let link = String(match.1).replacingOccurrences(of: "&amp;", with: "&")
                    // Filter combinations multiply without end: the filter tests cover them.
                    if link.contains("?") && !link.contains("page=") { continue }
                    if seen.insert(link).inserted { queue.append(link) }
                }
            }
            for section in ["facts", "about", "members", "affiliates", "resources", "events", "vacancies", "blog", "privacy"] {
                #expect(pageTypes.contains(section), "the crawl never reached /\(section)")
            }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func resourceFiltersCombineAndCount(engine: Engine) async throws {
        try await TestApp.run(engine) { client, _ async throws in
            let all = try await client.execute(uri: "/resources", method: .get).text
            #expect(all.contains("30 resources"))
            let toolkits = try await client.execute(uri: "/resources?kind=case_study", method: .get).text
            let count = try #require(toolkits.firstMatch(of: /(\d+) resources/)?.1).flatMap { Int($0) }
            #expect((1..<30).contains(try #require(count)))
            // The kind facet keeps its counts under its own filter; choosing a kind again clears it.
            #expect(toolkits.contains(#"href="/resources" aria-current="true" class="selected"><bdi>Case study</bdi>"#))
            let combined = try await client.execute(uri: "/resources?kind=case_study&language=fr", method: .get).text
            let combinedCount = try #require(combined.firstMatch(of: /(\d+) resources/)?.1).flatMap { Int($0) }
            #expect(try #require(combinedCount) <= count!)
            #expect(combined.contains(#"href="/resources?kind=case_study&amp;language=fr&amp;topic="#), "topic links keep both filters")
            let search = try await client.execute(uri: "/resources?q=toddlers", method: .get).text
            #expect(search.contains("Streets for <mark>toddlers</mark>"))
            #expect(search.contains("2 resources"), "one in its title, one in its summary")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aResourceShowsItsFilesCitationAndLanguages(engine: Engine) async throws {
        try await TestApp.run(engine) { client, _ async throws in
            let page = try await client.execute(uri: "/resources/measuring-play-deserts-in-latin-american-cities", method: .get)
            #expect(page.status == .ok)
            #expect(page.text.contains("PDF · "))
            #expect(page.text.contains("Français"))
            #expect(page.text.contains(#"hreflang="fr" download"#))
            let bib = try await client.execute(uri: "/resources/measuring-play-deserts-in-latin-american-cities/cite.bib", method: .get)
            #expect(bib.headers[.contentType] == "application/x-bibtex; charset=utf-8")
            #expect(bib.text.contains("title = {Measuring play deserts in Latin American cities}"))
            let ris = try await client.execute(uri: "/resources/measuring-play-deserts-in-latin-american-cities/cite.ris", method: .get)
            #expect(ris.text.hasPrefix("TY  - "))
            #expect(try await client.execute(uri: "/resources/no-such-resource/cite.bib", method: .get).status == .notFound)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aVacancyClosedAnHourAgoLeavesTheListAndSaysItIsClosed(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            let now = TestDatabases.referenceNow
            try await database.write { sql in
                try await sql.raw("""
                    UPDATE vacancies SET deadline_at = \(bind: now.epochSeconds - 3600), deadline_zone = 'Africa/Nairobi'
                    WHERE slug = 'programme-officer-safe-routes-to-school'
                    """).run()
            }
            let list = try await client.execute(uri: "/vacancies", method: .get).text
            #expect(!list.contains("Programme officer, safe routes to school"))
            #expect(list.contains("Research intern, play and public space"))
            let page = try await client.execute(uri: "/vacancies/programme-officer-safe-routes-to-school", method: .get)
            #expect(page.status == .ok)
            #expect(page.text.contains("This vacancy is closed."))
            #expect(!page.text.contains("How to apply"))
            let open = try await client.execute(uri: "/vacancies/research-intern-play-and-public-space", method: .get).text
            #expect(!open.contains("This vacancy is closed."))
            #expect(open.contains("mailto:jobs@cities4children.example?subject=Application"))
            #expect(open.contains("Terms of Reference"))
        }
    }

    /// Search engines ask for expired postings to drop their JobPosting data; the page itself stays.
    @Test(arguments: TestDatabases.engines)
    func aClosedVacancyDropsItsJobPostingDataAndAnOpenOneKeepsIt(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await database.write { sql in
                try await sql.raw("""
                    UPDATE vacancies SET deadline_at = \(bind: TestDatabases.referenceNow.epochSeconds - 1)
                    WHERE slug = 'programme-officer-safe-routes-to-school'
                    """).run()
            }
            let closed = try await client.execute(uri: "/vacancies/programme-officer-safe-routes-to-school", method: .get).text
            #expect(closed.contains("This vacancy is closed."))
            #expect(!closed.contains("JobPosting"))
            #expect(!closed.contains("validThrough"))
            #expect(closed.contains(#""@type":"WebPage""#), "the page still says what it is")
            let open = try await client.execute(uri: "/vacancies/research-intern-play-and-public-space", method: .get).text
            #expect(open.contains(#""@type":"JobPosting""#))
            #expect(open.contains("validThrough"))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func parisMeetingsStayAtElevenAcrossTheClockChange(engine: Engine) async throws {
        try await TestApp.run(engine) { client, _ async throws in
            let series = try await client.execute(uri: "/events/series/paris-streets-forum", method: .get).text
            let times = series.matches(of: /<time datetime="(\d{4}-10-\d\dT11:00:00[+-]\d\d:\d\d)">/).map { String($0.1) }
            #expect(times.contains { $0.hasSuffix("+02:00") }, "a meeting on summer time at 11:00")
            #expect(times.contains { $0.hasSuffix("+01:00") }, "a meeting on winter time at 11:00")
            let calendar = try await client.execute(uri: "/events/series/paris-streets-forum.ics", method: .get)
            #expect(calendar.headers[.contentType] == "text/calendar; charset=utf-8")
            let starts = calendar.text.components(separatedBy: "\r\n").filter { $0.hasPrefix("DTSTART;TZID=Europe/Paris:") }
            #expect(starts.count >= 2)
            #expect(starts.allSatisfy { $0.hasSuffix("T110000") })
            #expect(calendar.text.contains("TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100"))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func anEventPageGivesTheTimeInAllianceCitiesAndLoadsNoPlayer(engine: Engine) async throws {
        try await TestApp.run(engine) { client, _ async throws in
            let page = try await client.execute(uri: "/events/cooling-cities-for-children", method: .get).text
            for city in ["Nairobi", "Dhaka", "Bogotá", "Geneva"] { #expect(page.contains("\(city): <time")) }
            #expect(page.contains(#"class="recording-link" href="https://www.youtube.com/watch?v=demo1""#))
            #expect(!page.contains("<iframe"), "no third-party player before the visitor asks")
            let ics = try await client.execute(uri: "/events/cooling-cities-for-children.ics", method: .get)
            #expect(ics.text.contains("DTSTART;TZID=Asia/Dhaka:"))
            #expect(ics.text.contains("T150000"))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func everyPageTypeCarriesJSONLDOfItsKind(engine: Engine) async throws {
        try await TestApp.run(engine) { client, _ async throws in
            let expectations: [(String, String, [String])] = [
                ("/", "Organization", ["name", "url"]),
                ("/events/school-streets-around-the-world", "Event", ["startDate", "endDate", "eventAttendanceMode", "location"]),
                ("/vacancies/research-intern-play-and-public-space", "JobPosting", ["title", "datePosted", "validThrough", "hiringOrganization"]),
                ("/blog/what-we-learned-from-40-school-route-audits", "BlogPosting", ["headline", "datePublished", "author"]),
                ("/resources/walking-to-school-in-nairobi-a-route-audit-method", "Report", ["name", "datePublished", "publisher"]),
                ("/resources/child-responsive-planning-a-toolkit-for-municipal-staff", "CreativeWork", ["name"]),
                ("/members/streets-alive-collective", "Organization", ["name"]),
            ]
            for (path, type, fields) in expectations {
                let html = try await client.execute(uri: path, method: .get).text
                let json = try #require(html.firstMatch(of: /<script type="application\/ld\+json">(.*?)<\/script>/)?.1, "\(path)")
                let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
                #expect(object["@type"] as? String == type, "\(path)")
                #expect(object["@context"] as? String == "https://schema.org")
                for field in fields { #expect(object[field] != nil, "\(path) lacks \(field)") }
                #expect(html.contains(#"<meta property="og:title""#))
                #expect(html.contains(#"<link rel="canonical" href="http://c4c.test"#))
            }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func redirectsAndRemovedPagesAnswerAsRecorded(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await database.write { sql in
                try await sql.raw("INSERT INTO redirects (from_path, to_path, status_code) VALUES ('/2019/05/old-post', '/blog/what-we-learned-from-40-school-route-audits', 301)").run()
                try await sql.raw("INSERT INTO redirects (from_path, to_path, status_code) VALUES ('/removed', '', 410)").run()
            }
            let moved = try await client.execute(uri: "/2019/05/old-post", method: .get)
            #expect(moved.status == .movedPermanently)
            #expect(moved.headers[.location] == "/blog/what-we-learned-from-40-school-route-audits")
            let gone = try await client.execute(uri: "/removed", method: .get)
            #expect(gone.status == .gone)
            #expect(gone.text.contains("This page has been removed"))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aMissingTranslationFallsBackToEnglishAndSaysSo(engine: Engine) async throws {
        try await TestApp.run(engine) { client, _ async throws in
            let french = try await client.execute(uri: "/fr/about", method: .get).text
            #expect(french.contains("À propos de l'alliance") || french.contains("À propos de l&#39;alliance"))
            #expect(!french.contains("not yet available"))
            let privacy = try await client.execute(uri: "/fr/privacy", method: .get)
            #expect(privacy.status == .ok)
            #expect(privacy.text.contains("Cette page n&#39;est pas encore traduite"))
            #expect(privacy.text.contains(#"<h1 lang="en" dir="ltr">Privacy policy</h1>"#), "the English text says its language")
            #expect(privacy.text.contains(#"<main id="main" tabindex="-1">"#), "the French interface around it is not called English")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func feedsSitemapAndRobotsDescribeTheSite(engine: Engine) async throws {
        try await TestApp.run(engine) { client, _ async throws in
            for path in ["/feed.xml", "/blog/feed.xml", "/resources/feed.xml", "/events/feed.xml"] {
                let feed = try await client.execute(uri: path, method: .get)
                #expect(feed.headers[.contentType] == "application/atom+xml; charset=utf-8")
                #expect(feed.text.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""))
                #expect(feed.text.contains("<entry>"), "\(path) is empty")
            }
            let sitemap = try await client.execute(uri: "/sitemap.xml", method: .get).text
            #expect(sitemap.contains("<loc>http://c4c.test/resources/heat-shade-and-schoolyards</loc>"))
            #expect(sitemap.contains("<loc>http://c4c.test/fr/about</loc>"))
            #expect(sitemap.contains("<loc>http://c4c.test/vacancies/volunteer-translators-french-spanish-portuguese-arabic</loc>"))
            let robots = try await client.execute(uri: "/robots.txt", method: .get).text
            #expect(robots.contains("Sitemap: http://c4c.test/sitemap.xml"))
            let home = try await client.execute(uri: "/", method: .get).text
            #expect(home.contains(#"<link rel="alternate" type="application/atom+xml""#))
            let blog = try await client.execute(uri: "/blog", method: .get).text
            #expect(blog.contains(#"href="/blog/feed.xml">"#))
            let facts = try await client.execute(uri: "/facts", method: .get).text
            #expect(facts.contains(#""@type":"WebPage""#), "list pages carry a WebPage node")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func filesOfDraftsAndImagesHeldBackForSafeguardingAreNotServed(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            let page = try await client.execute(uri: "/resources/heat-shade-and-schoolyards", method: .get).text
            let pdf = String(try #require(page.firstMatch(of: /href="(\/files\/\d+\/[^"]+\.pdf)"/)?.1))
            #expect(try await client.execute(uri: pdf, method: .get).status == .ok)
            #expect(try await client.execute(uri: pdf, method: .head).status == .ok)
            try await database.write { sql in
                try await sql.raw("UPDATE resources SET status = 'draft' WHERE slug = 'heat-shade-and-schoolyards'").run()
            }
            #expect(try await client.execute(uri: pdf, method: .get).status == .notFound, "a draft's file is private")

            let home = try await client.execute(uri: "/", method: .get).text
            let slide = String(try #require(home.firstMatch(of: /src="(\/files\/\d+\/slide-1\.svg)"/)?.1))
            try await database.write { sql in
                try await sql.raw("UPDATE media SET shows_identifiable_children = TRUE, consent_on_file = FALSE WHERE file_id = (SELECT id FROM files WHERE name = 'slide-1.svg')").run()
            }
            #expect(try await client.execute(uri: slide, method: .get).status == .notFound, "no consent, no image")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func fileNamesThatNeedEncodingStillDownload(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await database.write { sql in
                try await sql.raw("UPDATE files SET name = 'Étude 2024 \"final\".pdf' WHERE id = (SELECT terms_file_id FROM vacancies WHERE slug = 'research-intern-play-and-public-space')").run()
            }
            let page = try await client.execute(uri: "/vacancies/research-intern-play-and-public-space", method: .get).text
            let link = String(try #require(page.firstMatch(of: /href="(\/files\/\d+\/[^"]+)" download/)?.1))
            #expect(link.hasSuffix("/%C3%89tude%202024%20%22final%22.pdf"))
            let file = try await client.execute(uri: link, method: .get)
            #expect(file.status == .ok)
            #expect(file.headers[.contentDisposition] == #"inline; filename="_tude 2024 _final_.pdf"; filename*=UTF-8''%C3%89tude%202024%20%22final%22.pdf"#)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func editorTypedAddressesNeverBecomeScriptLinks(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await database.write { sql in
                try await sql.raw("UPDATE organisations SET website = 'javascript:alert(1)' WHERE slug = 'streets-alive-collective'").run()
                try await sql.raw("UPDATE vacancies SET apply_url = 'javascript:alert(2)' WHERE slug = 'research-intern-play-and-public-space'").run()
            }
            let member = try await client.execute(uri: "/members/streets-alive-collective", method: .get).text
            let vacancy = try await client.execute(uri: "/vacancies/research-intern-play-and-public-space", method: .get).text
            #expect(!member.contains("javascript:"))
            #expect(!vacancy.contains("javascript:"))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aFallbackItemSaysWhichLanguageItIsIn(engine: Engine) async throws {
        try await TestApp.run(engine) { client, _ async throws in
            let event = try await client.execute(uri: "/fr/events/cooling-cities-for-children", method: .get).text
            #expect(event.contains(#"<h1 lang="en" dir="ltr">"#))
            #expect(event.contains(#"<div class="prose" lang="en" dir="ltr">"#))
            #expect(event.contains("Cette page n&#39;est pas encore traduite"))
            #expect(!event.contains(#"<link rel="alternate" hreflang="es""#), "no alternate is announced for a translation that does not exist")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func searchGroupsResultsByKind(engine: Engine) async throws {
        try await TestApp.run(engine) { client, _ async throws in
            let page = try await client.execute(uri: "/search?q=school", method: .get).text
            #expect(page.contains(#"<h2>Resources <span class="count">"#))
            #expect(page.contains(#"<h2>Webinars and events <span class="count">"#))
            #expect(page.contains("Open <mark>school</mark> grounds after hours"))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func membersFilterByKindAndCountry(engine: Engine) async throws {
        try await TestApp.run(engine) { client, _ async throws in
            let foundations = try await client.execute(uri: "/members?kind=foundation", method: .get).text
            #expect(foundations.contains("Horizon Foundation for Children"))
            #expect(!foundations.contains(">Streets Alive Collective<"))
            let kenya = try await client.execute(uri: "/members?country=KE", method: .get).text
            #expect(kenya.contains("Streets Alive Collective"))
            #expect(kenya.contains("1 member<"))
            let member = try await client.execute(uri: "/members/streets-alive-collective", method: .get).text
            #expect(member.contains("Walking to school in Nairobi"), "its resources are listed")
        }
    }
}
