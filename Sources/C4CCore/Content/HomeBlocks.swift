import Foundation

/// What the home page shows, as plain values read from storage.

public struct HeroSlide: Sendable, Equatable {
    public var headline: String
    public var figure: String
    public var sourceName: String
    public var sourceYear: Int?
    public var linkURL: String
    public var image: ImageRef

    public init(headline: String, figure: String, sourceName: String, sourceYear: Int?, linkURL: String, image: ImageRef) {
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

    public init(slug: String, title: String, summary: String, seriesTitle: String, start: ZonedTime, end: ZonedTime,
                online: Bool, venue: String, recordingURL: String, cover: ImageRef? = nil) {
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

    public init(slug: String, title: String, kind: String, organisation: String, location: String, remote: Bool, deadline: Deadline) {
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

    public init(slug: String, title: String, kind: String, summary: String, publishedOn: String, cover: ImageRef?) {
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

    public init(slug: String, title: String, summary: String, publishedAt: Date, byline: String, cover: ImageRef?) {
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

    public init(slug: String, title: String, menu: String) {
        self.slug = slug
        self.title = title
        self.menu = menu
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
