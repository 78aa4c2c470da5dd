import C4CCore
import C4CStore
import Foundation
import Hummingbird

/// `/events`, `/events/past`, `/events/{slug}` (and `.ics`), `/events/series/{slug}` (and `.ics`).
struct EventsController<Context: RequestContext>: Sendable {
    let site: Site
    let queries: EventQueries
    let translations: Translations
    let directory: SiteQueries

    /// Alliance cities whose clocks every event page shows, with their IANA zones.
    static var allianceCities: [(key: String, zone: String)] {
        [("city_nairobi", "Africa/Nairobi"), ("city_dhaka", "Asia/Dhaka"), ("city_bogota", "America/Bogota"), ("city_geneva", "Europe/Zurich")]
    }

    func addRoutes(to router: Router<Context>) {
        router.getInEveryLanguage("/events") { _, _, language in try await list(language, past: false) }
        router.getInEveryLanguage("/events/past") { _, _, language in try await list(language, past: true) }
        router.getInEveryLanguage("/events/:slug") { _, context, language in
            let slug = try context.parameters.require("slug")
            if slug.hasSuffix(".ics") { return try await eventCalendar(String(slug.dropLast(4))) }
            return try await show(slug, language)
        }
        router.getInEveryLanguage("/events/series/:slug") { _, context, language in
            let slug = try context.parameters.require("slug")
            if slug.hasSuffix(".ics") { return try await seriesCalendar(String(slug.dropLast(4))) }
            return try await series(slug, language)
        }
    }

    struct Item: Sendable, Encodable {
        let title: String
        let href: String
        let summary: String
        let series: String
        let start: TimeView
        let place: String
        let thumbnail: ImageView?
        let textLang: TextLanguage
    }

    func item(_ event: EventDetail, _ address: PageAddress) -> Item {
        Item(title: event.title, href: address.href("/events/\(event.slug)"), summary: event.summary, series: event.seriesTitle ?? "",
             start: TimeView(event.start, address.language),
             place: event.online ? site.text("event_online", address.language) : event.venue,
             thumbnail: event.cover.map { ImageView($0, place: .thumbnail) },
             textLang: TextLanguage(event.lang, page: address.language))
    }

    struct ListView: Sendable, Encodable {
        let heading: String
        let items: [Item]
        let empty: String
        let otherHref: String
        let otherLabel: String
        let series: [SeriesLink]
        struct SeriesLink: Sendable, Encodable {
            let title: String
            let href: String
            let calendarHref: String
            let textLang: TextLanguage
        }
    }

    func list(_ language: Language, past: Bool) async throws -> Response {
        let now = site.clock.now
        let address = PageAddress(language: language, path: past ? "/events/past" : "/events")
        let events = past ? try await queries.past(language: language, now: now) : try await queries.upcoming(language: language, now: now)
        let series = try await queries.allSeries(language: language, now: now)
        let heading = site.text(past ? "nav_past_events" : "nav_events", language)
        let view = ListView(
            heading: heading, items: events.map { item($0, address) },
            empty: site.text(past ? "events_none_past" : "events_none_upcoming", language),
            otherHref: address.href(past ? "/events" : "/events/past"),
            otherLabel: site.text(past ? "events_upcoming_link" : "events_past_link", language),
            series: series.map { .init(title: $0.title, href: address.href("/events/series/\($0.slug)"),
                                       calendarHref: "/events/series/\($0.slug).ics", textLang: TextLanguage($0.lang, page: language)) }
        )
        return try await site.render("events/index", address: address, title: heading,
                                     description: site.text("events_intro", language), page: view)
    }

    struct ShowView: Sendable, Encodable {
        struct CityTime: Sendable, Encodable {
            let city: String
            let time: TimeView
        }
        struct Registration: Sendable, Encodable {
            let href: String?
            let text: String
        }
        /// The event's own language, said on its texts when shown as fallback.
        let textLang: TextLanguage
        let title: String
        let summary: String
        let cover: ImageView?
        let description: String
        let seriesTitle: String
        let seriesHref: String
        let start: TimeView
        let end: TimeView
        let cities: [CityTime]
        let place: String
        let isPast: Bool
        let speakers: [Speaker]
        let registration: Registration?
        let form: RegistrationController<Context>.Form?
        let recordingHref: String?
        let recordingEmbed: String
        let captionsHref: String
        let transcript: String
        let calendarHref: String
    }

    func show(_ slug: String, _ language: Language, preview: Int64? = nil) async throws -> Response {
        let now = site.clock.now
        let versions = try await translations("events", "/events", slug, language)
        if preview == nil, let moved = versions.redirect(from: PageAddress(language: language, path: "/events/\(slug)")) { return moved }
        guard let (event, speakers) = try await queries.event(slug: slug, language: language, now: now, preview: preview) else { throw HTTPError(.notFound) }
        let address = PageAddress(language: language, path: "/events/\(slug)")
        let settings = try await site.settingsNow()
        let isPast = event.isPast(at: now)
        let closesAt = event.registrationClosesAt ?? event.start.instant.epochSeconds
        let open = event.registration == "builtin" && !isPast && now.epochSeconds < closesAt
        let registration: ShowView.Registration? = switch event.registration {
        case _ where isPast: nil
        case "external": SafeURL.filter(event.registrationUrl).map { .init(href: $0, text: site.text("event_register_external", language)) }
        case "builtin" where !open: .init(href: nil, text: site.text("registration_closed_text", language))
        default: nil
        }
        let form = open ? try await RegistrationController<Context>.form(slug: event.slug, closesAt: closesAt, timeZone: event.start.zone.identifier,
                                                                           language, site: site, directory: directory) : nil
        let view = ShowView(
            textLang: TextLanguage(event.lang, page: language),
            title: event.title, summary: event.summary, cover: event.cover.map { ImageView($0, place: .column) },
            description: Markdown.html(event.description),
            seriesTitle: event.seriesTitle ?? "", seriesHref: event.seriesSlug.map { address.href("/events/series/\($0)") } ?? "",
            start: TimeView(event.start, language), end: TimeView(event.end, language),
            cities: Self.allianceCities.compactMap { key, zone in
                TimeZone(identifier: zone).map { .init(city: site.text(key, language), time: TimeView(ZonedTime(instant: event.start.instant, zone: $0), language)) }
            },
            place: event.online ? site.text("event_online", language) : event.venue,
            isPast: isPast, speakers: speakers, registration: registration, form: form,
            recordingHref: SafeURL.filter(event.recordingUrl).map(SafeURL.watchPage(forEmbed:)),
            recordingEmbed: SafeURL.filter(event.recordingUrl) ?? "", captionsHref: SafeURL.filter(event.captionsUrl) ?? "",
            transcript: event.transcript,
            calendarHref: "/events/\(event.slug).ics"
        )
        let url = site.publicURL + address.href(address.path)
        let location: JSONLD.Term = event.online
            ? ["@type": "VirtualLocation", "url": .string(url)]
            : ["@type": "Place", "name": .string(event.venue), "address": .string(event.venue)]
        let jsonLD = try JSONLD.node("Event", [
            ("name", .string(event.title)), ("description", .string(event.summary)), ("url", .string(url)),
            ("startDate", .string(event.start.isoWithOffset)), ("endDate", .string(event.end.isoWithOffset)),
            ("eventStatus", "https://schema.org/EventScheduled"),
            ("eventAttendanceMode", .string(event.online ? "https://schema.org/OnlineEventAttendanceMode" : "https://schema.org/OfflineEventAttendanceMode")),
            ("location", location),
            ("organizer", ["@type": "Organization", "name": .string(settings.name), "url": .string(site.publicURL + "/")]),
            ("performer", .array(speakers.map { ["@type": "Person", "name": .string($0.name)] })),
            ("superEvent", event.seriesTitle.map { ["@type": "EventSeries", "name": .string($0)] } ?? .null),
        ])
        return try await site.render("events/show", address: address, title: event.title, description: event.summary,
                                     page: view, contentLanguage: Language(rawValue: event.lang),
                                     versions: versions, jsonLD: jsonLD, ogType: "article",
                                     preview: preview != nil)
    }

    struct SeriesView: Sendable, Encodable {
        let textLang: TextLanguage
        let title: String
        let summary: String
        let description: String
        let upcoming: [Item]
        let past: [Item]
        let calendarHref: String
        let webcalHref: String
    }

    func series(_ slug: String, _ language: Language, preview: Int64? = nil) async throws -> Response {
        let now = site.clock.now
        let versions = try await translations("event_series", "/events/series", slug, language)
        if preview == nil, let moved = versions.redirect(from: PageAddress(language: language, path: "/events/series/\(slug)")) { return moved }
        guard let series = try await queries.series(slug: slug, language: language, now: now, preview: preview) else { throw HTTPError(.notFound) }
        let address = PageAddress(language: language, path: "/events/series/\(slug)")
        let events = try await queries.inSeries(id: series.id, language: language, now: now)
        let host = URL(string: site.publicURL)?.host ?? "localhost"
        let port = URL(string: site.publicURL)?.port.map { ":\($0)" } ?? ""
        let view = SeriesView(
            textLang: TextLanguage(series.lang, page: language),
            title: series.title, summary: series.summary, description: Markdown.html(series.description),
            upcoming: events.filter { !$0.isPast(at: now) }.map { item($0, address) },
            past: events.filter { $0.isPast(at: now) }.reversed().map { item($0, address) },
            calendarHref: "/events/series/\(slug).ics", webcalHref: "webcal://\(host)\(port)/events/series/\(slug).ics"
        )
        let jsonLD = try JSONLD.node("EventSeries", [
            ("name", .string(series.title)), ("description", .string(series.summary)),
            ("url", .string(site.publicURL + address.href(address.path))),
        ])
        return try await site.render("events/series", address: address, title: series.title, description: series.summary,
                                     page: view, versions: versions, jsonLD: jsonLD,
                                     preview: preview != nil)
    }

    func calendarEvent(_ event: EventDetail) -> CalendarEvent {
        let host = URL(string: site.publicURL)?.host ?? "c4c"
        return CalendarEvent(
            uid: "event-\(event.id)@\(host)", start: event.start, end: event.end, summary: event.title,
            description: event.summary, location: event.online ? site.publicURL + "/events/\(event.slug)" : event.venue,
            url: site.publicURL + "/events/\(event.slug)", lastModified: Date(epochSeconds: event.updatedAt)
        )
    }

    func eventCalendar(_ slug: String) async throws -> Response {
        let language = try await translations.language(of: "events", slug)
        guard let (event, _) = try await queries.event(slug: slug, language: language, now: site.clock.now) else { throw HTTPError(.notFound) }
        let body = ICalendar.document(name: nil, events: [calendarEvent(event)], now: site.clock.now)
        return textResponse(body, contentType: "text/calendar; charset=utf-8", filename: "\(slug).ics")
    }

    func seriesCalendar(_ slug: String) async throws -> Response {
        let now = site.clock.now
        let language = try await translations.language(of: "event_series", slug)
        guard let series = try await queries.series(slug: slug, language: language, now: now) else { throw HTTPError(.notFound) }
        let events = try await queries.inSeries(id: series.id, language: language, now: now)
        let body = ICalendar.document(name: series.title, events: events.map(calendarEvent), now: now)
        return textResponse(body, contentType: "text/calendar; charset=utf-8")
    }
}
