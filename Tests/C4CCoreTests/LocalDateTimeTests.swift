import C4CCore
import Foundation
import Testing

@Suite struct LocalDateTimeTests {
    let paris = TimeZone(identifier: "Europe/Paris")!

    private func instant(_ iso: String) -> Date { try! Date(iso, strategy: .iso8601) }

    @Test func datesTheCalendarLacksAreRefusedNotMovedOn() {
        for bad in ["2026-02-31", "2026-02-29", "1900-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00", "2026-2-3",
                    "2026-02-03x", "0000-01-01", "２０２６-01-01", ""] {
            #expect(LocalDate(parsing: bad) == nil, "\(bad)")
        }
        for good in ["2028-02-29", "2000-02-29", "2026-12-31", "2026-04-30", "2026-01-01"] {
            #expect(LocalDate(parsing: good)?.text == good, "\(good)")
        }
    }

    @Test func timesOutsideTheClockAreRefused() {
        for bad in ["2026-12-08T24:00", "2026-12-08T23:60", "2026-12-08T23:59:60", "2026-02-31T10:00", "2026-12-08 14:00",
                    "2026-12-08T4:00", "2026-12-08T14:00Z"] {
            #expect(LocalDateTime(parsing: bad) == nil, "\(bad)")
        }
        #expect(LocalDateTime(parsing: "2026-12-08T23:59")?.text == "2026-12-08T23:59")
        #expect(LocalDateTime(parsing: "2026-12-08T00:00:59")?.text == "2026-12-08T00:00", "seconds are read and dropped")
    }

    @Test func anOrdinaryTimeNamesOneInstant() {
        #expect(LocalDateTime(parsing: "2026-12-08T14:00")!.meaning(in: paris) == .exact(instant("2026-12-08T13:00:00Z")))
        #expect(LocalDateTime(parsing: "2026-07-08T14:00")!.meaning(in: paris) == .exact(instant("2026-07-08T12:00:00Z")))
    }

    @Test func halfPastTwoOnTheOctoberChangeInParisHappensTwiceSummerTimeFirst() {
        let local = LocalDateTime(parsing: "2026-10-25T02:30")!
        #expect(local.meaning(in: paris) == .repeated(instant("2026-10-25T00:30:00Z"), instant("2026-10-25T01:30:00Z")))
        #expect(local.instant(in: paris, offset: 7200) == instant("2026-10-25T00:30:00Z"))
        #expect(local.instant(in: paris, offset: 3600) == instant("2026-10-25T01:30:00Z"))
        #expect(local.instant(in: paris, offset: nil) == nil, "which one is the editor's to say")
        #expect(local.instant(in: paris, offset: 0) == nil, "an offset the zone never had there")
    }

    @Test func halfPastTwoOnTheMarchChangeInParisNeverHappens() {
        #expect(LocalDateTime(parsing: "2026-03-29T02:30")!.meaning(in: paris) == .skipped)
        #expect(LocalDateTime(parsing: "2026-03-29T03:00")!.meaning(in: paris) == .exact(instant("2026-03-29T01:00:00Z")))
        #expect(LocalDateTime(parsing: "2026-03-29T01:59")!.meaning(in: paris) == .exact(instant("2026-03-29T00:59:00Z")))
    }

    @Test func southernHalfHourAndWholeDayChangesAreFoundToo() {
        let sydney = TimeZone(identifier: "Australia/Sydney")!
        #expect(LocalDateTime(parsing: "2026-04-05T02:30")!.meaning(in: sydney)
                == .repeated(instant("2026-04-04T15:30:00Z"), instant("2026-04-04T16:30:00Z")))
        #expect(LocalDateTime(parsing: "2026-10-04T02:30")!.meaning(in: sydney) == .skipped)
        let lordHowe = TimeZone(identifier: "Australia/Lord_Howe")!
        #expect(LocalDateTime(parsing: "2026-04-05T01:45")!.meaning(in: lordHowe)
                == .repeated(instant("2026-04-04T14:45:00Z"), instant("2026-04-04T15:15:00Z")))
        #expect(LocalDateTime(parsing: "2026-04-05T02:30")!.meaning(in: TimeZone(identifier: "UTC")!) == .exact(instant("2026-04-05T02:30:00Z")))
        #expect(LocalDateTime(parsing: "2011-12-30T12:00")!.meaning(in: TimeZone(identifier: "Pacific/Apia")!) == .skipped,
                "Samoa skipped a whole day")
    }

    @Test func offsetsAreWrittenWithHoursAndMinutes() {
        #expect(UTCOffset.label(seconds: 7200) == "UTC+02:00")
        #expect(UTCOffset.label(seconds: 0) == "UTC+00:00")
        #expect(UTCOffset.label(seconds: -12600) == "UTC\u{2212}03:30")
        #expect(UTCOffset.label(seconds: 20700) == "UTC+05:45")
    }

    // MARK: Through the content types' validation

    let events = ContentTypes.named("events")!

    func event(_ changes: [String: String]) -> [String: String] {
        ["title": "Night walk", "time_zone": "Europe/Paris", "starts_at": "2026-12-10T14:00", "ends_at": "2026-12-10T16:00",
         "registration": "none"].merging(changes) { _, new in new }
    }

    @Test func anEventAtARepeatedTimeIsRefusedUntilTheOffsetIsChosen() {
        let repeated = event(["starts_at": "2026-10-25T02:30", "ends_at": "2026-10-25T04:00"])
        #expect(events.validate(repeated).errors["starts_at"] == "error_field_time_repeated")
        let second = events.validate(repeated.merging(["starts_at_offset": "3600"]) { _, new in new })
        #expect(second.errors.isEmpty)
        #expect(second.values["starts_at"] == .integer(instant("2026-10-25T01:30:00Z").epochSeconds))
        let first = events.validate(repeated.merging(["starts_at_offset": "7200"]) { _, new in new })
        #expect(first.values["starts_at"] == .integer(instant("2026-10-25T00:30:00Z").epochSeconds))
        #expect(events.validate(repeated.merging(["starts_at_offset": "-5"]) { _, new in new }).errors["starts_at"] == "error_field_time_repeated")
    }

    @Test func anEventInTheSpringGapOrOnTheThirtyFirstOfFebruaryIsRefused() {
        #expect(events.validate(event(["starts_at": "2026-03-29T02:30", "ends_at": "2026-03-29T04:00"])).errors["starts_at"]
                == "error_field_time_skipped")
        #expect(events.validate(event(["starts_at": "2026-02-31T10:00"])).errors["starts_at"] == "error_field_datetime")
        #expect(events.validate(event(["ends_at": "2026-12-10T25:00"])).errors["ends_at"] == "error_field_datetime")
        let resources = ContentTypes.named("resources")!
        #expect(resources.validate(["title": "A report", "kind": "report", "published_on": "2026-02-31"]).errors["published_on"] == "error_field_date")
        #expect(resources.validate(["title": "A report", "kind": "report", "published_on": "2028-02-29"]).errors.isEmpty)
    }

    @Test func featuredUntilIsReadInTheSitesZone() {
        let posts = ContentTypes.named("posts")!
        let input = ["title": "News", "body": "Text", "featured_until": "2026-12-10T14:00"]
        #expect(posts.validate(input, siteZone: paris).values["featured_until"] == .integer(instant("2026-12-10T13:00:00Z").epochSeconds))
        #expect(posts.validate(input).values["featured_until"] == .integer(instant("2026-12-10T14:00:00Z").epochSeconds), "UTC by default")
        #expect(posts.validate(["title": "News", "body": "Text", "featured_until": "2026-10-25T02:30"], siteZone: paris)
                .errors["featured_until"] == "error_field_time_repeated")
    }

    @Test func aStoredRepeatedTimeComesBackWithTheOffsetThatSaysWhichOne() {
        let second = instant("2026-10-25T01:30:00Z").epochSeconds
        #expect(ContentType.localText(second, zone: paris) == "2026-10-25T02:30")
        #expect(ContentType.offsetChoice(second, zone: paris) == "3600")
        #expect(ContentType.offsetChoice(instant("2026-10-25T00:30:00Z").epochSeconds, zone: paris) == "7200")
        #expect(ContentType.offsetChoice(instant("2026-12-10T13:00:00Z").epochSeconds, zone: paris) == nil)
    }

    @Test func aURLFieldWithATabOrOtherControlCharacterIsRefusedEvenAtItsEnds() {
        let facts = ContentTypes.named("facts")!
        let base = ["figure": "42%", "headline": "A fact", "source_name": "A survey", "source_year": "2025"]
        for bad in ["https://example.org/\tx", "https://example.org/\t", "\thttps://example.org/", "https://example.org/\u{0}",
                    "/\t/evil.example", "https://example.org/\u{7F}", "https://example.org/\u{85}"] {
            #expect(facts.validate(base.merging(["source_url": bad]) { _, new in new }).errors["source_url"] == "error_field_url_control",
                    "\(bad.debugDescription)")
        }
        #expect(facts.validate(base.merging(["source_url": " https://example.org/ "]) { _, new in new }).errors.isEmpty, "spaces around are trimmed")
    }

    @Test func aLinkThatIsNotANumberIsRefusedNotDropped() {
        let resources = ContentTypes.named("resources")!
        let input = ["title": "A report", "kind": "report", "published_on": "2026-01-01"]
        #expect(resources.validate(input.merging(["topics": "3,x"]) { _, new in new }).errors["topics"] == "error_field_choice")
        #expect(resources.validate(input.merging(["topics": "3,4"]) { _, new in new }).values["topics"] == .rows([["3"], ["4"]]))
    }
}
