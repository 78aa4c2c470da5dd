import C4CCore
import Foundation

/// The home page's view model: every block of the front page, ready for the template.
struct HomePage: Sendable, Encodable {
    struct Slide: Sendable, Encodable {
        let number: Int
        let figure: String
        let headline: String
        let source: String
        let href: String
        let image: ImageView
        /// Only the first slide loads at once; the rest wait until scrolled to.
        let lazy: Bool
        let textLang: TextLanguage
    }

    struct Event: Sendable, Encodable {
        let title: String
        let href: String
        let summary: String
        let series: String?
        let start: TimeView
        let isUpcoming: Bool
        let place: String
        /// Set only for a past webinar with a recording. Optional, because Mustache treats
        /// every String, even an empty one, as true in a section.
        let recordingHref: String?
        let thumbnail: ImageView?
        let textLang: TextLanguage
    }

    struct Vacancy: Sendable, Encodable {
        let title: String
        let href: String
        let organisation: String
        let location: String
        let kind: String
        let deadline: TimeView
        let textLang: TextLanguage
    }

    struct Resource: Sendable, Encodable {
        let title: String
        let href: String
        let kind: String
        let summary: String
        let year: String
        let cover: ImageView?
        let textLang: TextLanguage
    }

    struct Post: Sendable, Encodable {
        let title: String
        let href: String
        let summary: String
        let byline: String
        let dateISO: String
        let date: String
        let cover: ImageView?
        let textLang: TextLanguage
    }

    struct Member: Sendable, Encodable {
        let name: String
        let href: String
        let logo: ImageView?
    }

    let t: [String: String]
    let layout: Layout
    let oneLiner: LocalizedText
    let slides: [Slide]
    let event: Event?
    let eventHeading: String
    let vacancies: [Vacancy]
    let resources: [Resource]
    let posts: [Post]
    let members: [Member]
    let links: [String: String]
    // Templates read stored properties only (what `Encodable` writes), so these flags are stored.
    let hasSlides: Bool
    let hasVacancies: Bool

    init(content: HomeContent, settings: SiteSettings, address: PageAddress, renderer: PageRenderer, now: Date) throws {
        let language = address.language
        let catalog = renderer.catalog
        let t = catalog.table(for: language)
        self.t = t
        func text(_ key: String) -> String { t[key] ?? key }

        let organization = JSONLD.Organization(
            name: settings.name, url: renderer.publicURL + "/", description: settings.oneLiner,
            email: settings.contactEmail.isEmpty ? nil : settings.contactEmail,
            logo: renderer.publicURL + (renderer.assets.addresses["icon.svg"] ?? ""),
            sameAs: settings.socialLinks.map(\.url),
            member: content.members.map { .init(name: $0.name, url: renderer.publicURL + "/members/\($0.slug)") }
        )
        layout = renderer.layout(address: address, title: nil, description: settings.text("one_liner", language).text, settings: settings,
                                 now: now, jsonLD: try JSONLD.encode(organization))
        let oneLiner = settings.text("one_liner", language)
        self.oneLiner = LocalizedText(oneLiner.text, oneLiner.language, page: language)
        slides = content.slides.enumerated().map { index, slide in
            Slide(number: index + 1, figure: slide.figure, headline: slide.headline,
                  source: slide.sourceYear.map { "\(slide.sourceName), \($0)" } ?? slide.sourceName,
                  href: SafeURL.filter(slide.linkURL).map { $0.hasPrefix("/") ? address.href($0) : $0 } ?? address.href("/"),
                  image: ImageView(slide.image, place: .fullWidth), lazy: index > 0, textLang: TextLanguage(slide.lang, page: language))
        }
        hasSlides = !slides.isEmpty
        if let event = content.featuredEvent {
            let upcoming = event.isUpcoming(at: now)
            self.event = Event(
                title: event.title, href: address.href("/events/\(event.slug)"), summary: event.summary,
                series: event.seriesTitle.isEmpty ? nil : event.seriesTitle, start: TimeView(event.start, language), isUpcoming: upcoming,
                place: event.online ? text("event_online") : event.venue,
                recordingHref: upcoming ? nil : SafeURL.filter(event.recordingURL).map(SafeURL.watchPage(forEmbed:)),
                thumbnail: event.cover.map { ImageView($0, place: .thumbnail) }, textLang: TextLanguage(event.lang, page: language)
            )
            eventHeading = text(upcoming ? "home_next_webinar" : "home_latest_webinar")
        } else {
            self.event = nil
            eventHeading = text("home_next_webinar")
        }
        vacancies = content.vacancies.map {
            Vacancy(title: $0.title, href: address.href("/vacancies/\($0.slug)"), organisation: $0.organisation,
                    location: $0.remote && $0.location.isEmpty ? text("vacancy_remote") : $0.location,
                    kind: text("vacancy_kind_\($0.kind)"), deadline: TimeView($0.deadline.zoned, language),
                    textLang: TextLanguage($0.lang, page: language))
        }
        hasVacancies = !vacancies.isEmpty
        resources = content.spotlight.map {
            Resource(title: $0.title, href: address.href("/resources/\($0.slug)"), kind: text("resource_kind_\($0.kind)"),
                     summary: $0.summary, year: String($0.publishedOn.prefix(4)), cover: $0.cover.map { ImageView($0, place: .card) },
                     textLang: TextLanguage($0.lang, page: language))
        }
        let dayStyle = Date.FormatStyle(date: .long, time: .omitted, locale: language.locale, timeZone: .gmt)
        posts = content.posts.map {
            Post(title: $0.title, href: address.href("/blog/\($0.slug)"), summary: $0.summary, byline: $0.byline,
                 dateISO: $0.publishedAt.formatted(.iso8601.year().month().day()), date: $0.publishedAt.formatted(dayStyle),
                 cover: $0.cover.map { ImageView($0, place: .card) }, textLang: TextLanguage($0.lang, page: language))
        }
        members = content.members.map {
            Member(name: $0.name, href: address.href("/members/\($0.slug)"), logo: $0.logo.map { ImageView($0, place: .card) })
        }
        links = [
            "events": address.href("/events"), "vacancies": address.href("/vacancies"),
            "resources": address.href("/resources"), "blog": address.href("/blog"),
            "members": address.href("/members"), "contribute": address.href("/contribute"), "newsletter": address.href("/newsletter"),
            "about": address.href("/about"),
        ]
    }
}
