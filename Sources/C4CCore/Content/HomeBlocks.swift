import Foundation

/// What the home page shows, as plain values read from storage.

public struct HeroSlide: Sendable, Equatable {
    public var headline: String
    public var figure: String
    public var sourceName: String
    public var sourceYear: Int?
    public var linkURL: String
    public var image: ImageRef

    /// The language this text is written in (`TextLanguage` labels it on pages of another).
    public var lang: String

    public init(headline: String, figure: String, sourceName: String, sourceYear: Int?, linkURL: String, image: ImageRef, lang: String = "en") {
        self.lang = lang
        self.headline = headline
        self.figure = figure
        self.sourceName = sourceName
        self.sourceYear = sourceYear
        self.linkURL = linkURL
        self.image = image
    }
}

public struct EventSummary: Sendable, Equatable {
    public var slug: String
    public var title: String
    public var summary: String
    public var seriesTitle: String
    public var start: ZonedTime
    public var end: ZonedTime
    public var online: Bool
    public var venue: String
    public var recordingURL: String
    public var cover: ImageRef?

    /// The language this text is written in (`TextLanguage` labels it on pages of another).
    public var lang: String

    public init(slug: String, title: String, summary: String, seriesTitle: String, start: ZonedTime, end: ZonedTime,
                online: Bool, venue: String, recordingURL: String, cover: ImageRef? = nil, lang: String = "en") {
        self.lang = lang
        self.slug = slug
        self.title = title
        self.summary = summary
        self.seriesTitle = seriesTitle
        self.start = start
        self.end = end
        self.online = online
        self.venue = venue
        self.recordingURL = recordingURL
        self.cover = cover
    }

    public func isUpcoming(at now: Date) -> Bool { end.instant >= now }
}

public struct VacancySummary: Sendable, Equatable {
    public var slug: String
    public var title: String
    public var kind: String
    public var organisation: String
    public var location: String
    public var remote: Bool
    public var deadline: Deadline

    /// The language this text is written in (`TextLanguage` labels it on pages of another).
    public var lang: String

    public init(slug: String, title: String, kind: String, organisation: String, location: String, remote: Bool, deadline: Deadline, lang: String = "en") {
        self.lang = lang
        self.slug = slug
        self.title = title
        self.kind = kind
        self.organisation = organisation
        self.location = location
        self.remote = remote
        self.deadline = deadline
    }
}

public struct ResourceSummary: Sendable, Equatable {
    public var slug: String
    public var title: String
    public var kind: String
    public var summary: String
    public var publishedOn: String
    public var cover: ImageRef?

    /// The language this text is written in (`TextLanguage` labels it on pages of another).
    public var lang: String

    public init(slug: String, title: String, kind: String, summary: String, publishedOn: String, cover: ImageRef?, lang: String = "en") {
        self.lang = lang
        self.slug = slug
        self.title = title
        self.kind = kind
        self.summary = summary
        self.publishedOn = publishedOn
        self.cover = cover
    }
}

public struct PostSummary: Sendable, Equatable {
    public var slug: String
    public var title: String
    public var summary: String
    public var publishedAt: Date
    public var byline: String
    public var cover: ImageRef?

    /// The language this text is written in (`TextLanguage` labels it on pages of another).
    public var lang: String

    public init(slug: String, title: String, summary: String, publishedAt: Date, byline: String, cover: ImageRef?, lang: String = "en") {
        self.lang = lang
        self.slug = slug
        self.title = title
        self.summary = summary
        self.publishedAt = publishedAt
        self.byline = byline
        self.cover = cover
    }
}

public struct MemberLogo: Sendable, Equatable {
    public var slug: String
    public var name: String
    public var logo: ImageRef?

    public init(slug: String, name: String, logo: ImageRef?) {
        self.slug = slug
        self.name = name
        self.logo = logo
    }
}

public struct SocialLink: Sendable, Equatable, Codable {
    public var label: String
    public var url: String

    public init(label: String, url: String) {
        self.label = label
        self.url = url
    }
}

/// A free page an editor placed in the main menu or the footer.
public struct MenuPage: Sendable, Equatable {
    public var slug: String
    public var title: String
    public var menu: String
    /// The language this title is written in; a menu shows each page in the reader's language
    /// where it is translated, else in English.
    public var lang: String
    /// Links a page's translations (`translation_group`).
    public var group: String

    public init(slug: String, title: String, menu: String, lang: String = "en", group: String = "") {
        self.slug = slug
        self.title = title
        self.menu = menu
        self.lang = lang
        self.group = group.isEmpty ? slug : group
    }
}

extension [MenuPage] {
    /// One entry per page: its translation into `language` where there is one, else its English text.
    public func shown(in language: Language) -> [MenuPage] {
        var chosen: [String: MenuPage] = [:]
        var order: [String] = []
        for page in self {
            if let current = chosen[page.group] {
                if page.lang == language.rawValue || (current.lang != language.rawValue && page.lang == Language.default.rawValue) {
                    chosen[page.group] = page
                }
            } else if page.lang == language.rawValue || page.lang == Language.default.rawValue {
                chosen[page.group] = page
                order.append(page.group)
            }
        }
        return order.compactMap { chosen[$0] }
    }
}

/// Site-wide settings editors change in the back office.
public struct SiteSettings: Sendable, Equatable {
    public var menuPages: [MenuPage] = []
    public var name: String
    public var tagline: String
    public var oneLiner: String
    public var contactEmail: String
    public var socialLinks: [SocialLink]
    /// The zone schedule and 'featured until' times are entered and shown in; stored times stay UTC.
    public var timeZone: TimeZone = SiteSettings.utc
    /// The name, tagline and one-liner as written for other languages, by `key.lang` (`tagline.fr`).
    public var translations: [String: String] = [:]
    /// The settings an administrator may write once per language.
    public static let translatableKeys = ["site_name", "tagline", "one_liner"]

    /// A translatable setting in `language`, or its English text where none was written.
    public func text(_ key: String, _ language: Language) -> (text: String, language: Language) {
        if language != .default, let translated = translations["\(key).\(language.rawValue)"], !translated.isEmpty {
            return (translated, language)
        }
        let english = switch key {
        case "site_name": name
        case "tagline": tagline
        default: oneLiner
        }
        return (english, .default)
    }

    public init(name: String, tagline: String, oneLiner: String, contactEmail: String, socialLinks: [SocialLink]) {
        self.name = name
        self.tagline = tagline
        self.oneLiner = oneLiner
        self.contactEmail = contactEmail
        self.socialLinks = socialLinks
    }

    public static let fallback = SiteSettings(
        name: "Cities4Children", tagline: "", oneLiner: "", contactEmail: "", socialLinks: []
    )

    /// Named "UTC", as the zone lists name it, rather than Foundation's "GMT".
    public static let utc = TimeZone(identifier: "UTC") ?? .gmt

    /// The zone an administrator chose, when it is one the site offers; UTC otherwise.
    public static func timeZone(named identifier: String?) -> TimeZone {
        guard let identifier, ContentTypes.zones.contains(identifier) else { return utc }
        return TimeZone(identifier: identifier) ?? utc
    }
}

public struct HomeContent: Sendable, Equatable {
    public var slides: [HeroSlide]
    public var featuredEvent: EventSummary?
    public var vacancies: [VacancySummary]
    public var spotlight: [ResourceSummary]
    public var posts: [PostSummary]
    public var members: [MemberLogo]

    public init(slides: [HeroSlide], featuredEvent: EventSummary?, vacancies: [VacancySummary],
                spotlight: [ResourceSummary], posts: [PostSummary], members: [MemberLogo]) {
        self.slides = slides
        self.featuredEvent = featuredEvent
        self.vacancies = vacancies
        self.spotlight = spotlight
        self.posts = posts
        self.members = members
    }
}
