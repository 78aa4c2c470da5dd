@testable import C4CCore
import Foundation
import Testing

@Suite struct ICalendarTests {
    private func instant(_ iso: String) -> Date { try! Date(iso, strategy: .iso8601) }

    private func parisMeetings() -> String {
        let paris = TimeZone(identifier: "Europe/Paris")!
        let events = [("2026-10-20T09:00:00Z", "before"), ("2026-10-27T10:00:00Z", "after")].map { start, name in
            CalendarEvent(uid: "\(name)@c4c.test", start: ZonedTime(instant: instant(start), zone: paris),
                          end: ZonedTime(instant: instant(start).addingTimeInterval(3600), zone: paris),
                          summary: "Forum, \(name); with commas", description: "Line one\nline two", location: "Paris",
                          url: "https://c4c.test/events/\(name)", lastModified: instant("2026-09-01T00:00:00Z"))
        }
        return ICalendar.document(name: "Paris Streets Forum", events: events, now: instant("2026-11-26T12:00:00Z"))
    }

    @Test func writesLocalTimesWithTheirZone() {
        let calendar = parisMeetings()
        #expect(calendar.contains("DTSTART;TZID=Europe/Paris:20261020T110000\r\n"))
        #expect(calendar.contains("DTSTART;TZID=Europe/Paris:20261027T110000\r\n"))
        #expect(calendar.contains("DTSTAMP:20261126T120000Z\r\n"))
    }

    @Test func describesTheOctoberChangeInVTimezone() {
        let calendar = parisMeetings()
        #expect(calendar.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\n"))
        // 25 October 2026, 03:00 summer time becomes 02:00 winter time.
        #expect(calendar.contains("BEGIN:STANDARD\r\nDTSTART:20261025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n"))
        #expect(calendar.contains("BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n"))
    }

    @Test func escapesTextAndFoldsLongLines() {
        let calendar = parisMeetings()
        #expect(calendar.contains("SUMMARY:Forum\\, before\\; with commas\r\n"))
        #expect(calendar.contains("DESCRIPTION:Line one\\nline two\r\n"))
        let long = ICalendar.fold("DESCRIPTION:" + String(repeating: "é", count: 100))
        for line in long.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75) }
        #expect(long.replacingOccurrences(of: "\r\n ", with: "") == "DESCRIPTION:" + String(repeating: "é", count: 100))
        #expect(calendar.hasSuffix("END:VCALENDAR\r\n"))
    }

    @Test func aZoneWithoutChangesGetsOneObservance() {
        let nairobi = TimeZone(identifier: "Africa/Nairobi")!
        let lines = ICalendar.timeZone(nairobi, from: instant("2026-03-01T00:00:00Z"), to: instant("2026-03-02T00:00:00Z"))
        #expect(lines.filter { $0.hasPrefix("BEGIN:STANDARD") }.count == 1)
        #expect(lines.contains("TZOFFSETTO:+0300"))
        #expect(!lines.contains { $0.hasPrefix("BEGIN:DAYLIGHT") })
    }
}

@Suite struct AtomTests {
    @Test func escapesAndDatesEntries() {
        let feed = AtomFeed(id: "https://c4c.test/feed.xml", title: "Cities & Children", subtitle: "<news>",
                            selfURL: "https://c4c.test/feed.xml", alternateURL: "https://c4c.test/", language: .en,
                            author: "Secretariat", entries: [
            .init(id: "https://c4c.test/blog/a", title: "A \"quoted\" <title>", url: "https://c4c.test/blog/a",
                  updated: Date(timeIntervalSince1970: 1_795_694_400), published: nil, summary: "x\u{0001}y", author: "Amina"),
        ])
        let xml = feed.xml()
        #expect(xml.contains("<title>Cities &amp; Children</title>"))
        #expect(xml.contains("<title>A &quot;quoted&quot; &lt;title&gt;</title>"))
        #expect(xml.contains("<updated>2026-11-26T12:00:00Z</updated>"))
        #expect(xml.contains("<summary>xy</summary>"), "control characters are not allowed in XML")
    }
}

@Suite struct MarkdownTests {
    @Test func rendersMarkdown() {
        let html = Markdown.html("## Vision\n\nCities **for** children.\n\n1. One\n2. Two")
        #expect(html.contains("<h2>Vision</h2>"))
        #expect(html.contains("<strong>for</strong>"))
        #expect(html.contains("<ol><li>One</li>"))
    }

    @Test func neverPassesRawHTMLOrScriptLinks() {
        let html = Markdown.html("<script>alert(1)</script>\n\nHello <img src=x onerror=alert(2)> and [click](javascript:alert(3)).\n\n<div onclick=\"x\">block</div>")
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<div"))
        #expect(!html.contains("href=\"javascript:"))
        #expect(html.contains("&lt;script"))
    }

    @Test func keepsSafeLinksAndDropsThirdPartyImages() {
        let html = Markdown.html("[Report](https://example.org/r) [home](/resources) ![x](https://tracker.example/p.gif) ![y](/files/1/a.png)")
        #expect(html.contains(#"<a href="https://example.org/r">Report</a>"#))
        #expect(html.contains(#"<a href="/resources">home</a>"#))
        #expect(!html.contains("tracker.example"))
        #expect(html.contains(#"src="/files/1/a.png""#))
    }

    @Test func quotesInTargetsCannotBreakOutOfAttributes() {
        let html = Markdown.html(#"[x](https://a.org/"onmouseover="alert(1)) and ![a" onerror="alert(2)](/x.png) and [y](/\evil.example)"#)
        #expect(!html.contains("onmouseover=\""))
        #expect(!html.contains("onerror=\""))
        #expect(!html.contains(#"href="/\evil"#))
        #expect(!html.contains("<img"))
    }

    @Test func safeURLsRefuseScriptsAndProtocolTricks() {
        for bad in ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "//evil.example", "/\\evil.example",
                    "vbscript:x", "https://a.org/\"x", ""] {
            #expect(!SafeURL.isAllowed(bad), "\(bad)")
        }
        for good in ["https://example.org/a?b=c", "http://x.org", "mailto:a@b.org", "/resources", "#top"] {
            #expect(SafeURL.isAllowed(good), "\(good)")
        }
        #expect(SafeURL.watchPage(forEmbed: "https://www.youtube-nocookie.com/embed/abc") == "https://www.youtube.com/watch?v=abc")
        #expect(FilePath.make(id: 3, name: "Étude 2024 (final).pdf") == "/files/3/%C3%89tude%202024%20%28final%29.pdf")
    }

    @Test func aTopLevelHeadingBecomesASecondLevelOne() {
        #expect(Markdown.html("# Title").contains("<h2>Title</h2>"))
    }

    @Test func readingTimeRoundsUp() {
        #expect(Markdown.readingMinutes("word") == 1)
        #expect(Markdown.readingMinutes(String(repeating: "word ", count: 401)) == 3)
    }
}

@Suite struct CitationTests {
    let source = CitationSource(key: "walking_to_school", title: "Walking to school {in} Nairobi", authors: ["Priya Raman", "Tomás Restrepo"],
                                year: "2024", publisher: "Cities4Children", series: "Research Series", number: "2",
                                url: "https://c4c.test/resources/walking-to-school", isReport: true)

    @Test func bibTeXHasEveryFieldAndEscapesBraces() {
        let bib = source.bibTeX
        #expect(bib.hasPrefix("@techreport{walking_to_school,\n"))
        #expect(bib.contains("  author = {Priya Raman and Tomás Restrepo}"))
        #expect(bib.contains("  title = {Walking to school \\{in\\} Nairobi}"))
        #expect(bib.contains("  institution = {Cities4Children}"))
        #expect(bib.hasSuffix("}\n"))
    }

    @Test func risHasOneLinePerFieldAndEnds() {
        let lines = source.ris.components(separatedBy: "\r\n")
        #expect(lines.first == "TY  - RPRT")
        #expect(lines.filter { $0.hasPrefix("AU  - ") }.count == 2)
        #expect(lines.contains("PY  - 2024"))
        #expect(lines.contains("ER  - "))
    }

    @Test func fileLabelsShowFormatAndSize() {
        #expect(FileLabel.describe(contentType: "application/pdf", name: "a.pdf", bytes: 2_300_000) == "PDF · 2.3 MB")
        #expect(FileLabel.describe(contentType: "application/pdf", name: "a.pdf", bytes: 1_500) == "PDF · 2 KB")
        #expect(FileLabel.describe(contentType: "application/octet-stream", name: "data.xlsx", bytes: 10) == "XLSX · 10 B")
    }
}
