import Foundation

public struct EventDetail: Sendable {
    public var id: Int64
    public var slug: String
    public var lang: String
    public var title: String
    public var summary: String
    public var description: String
    public var seriesSlug: String?
    public var seriesTitle: String?
    public var startsAt: Int64
    public var endsAt: Int64
    public var timeZone: String
    public var online: Bool
    public var venue: String
    public var registration: String
    public var registrationUrl: String
    public var registrationClosesAt: Int64?
    public var recordingUrl: String
    public var captionsUrl: String
    public var transcript: String
    public var updatedAt: Int64
    /// The cover, only when it may be shown publicly.
    public var cover: ImageRef?

    public init(id: Int64, slug: String, lang: String, title: String, summary: String, description: String, seriesSlug: String?,
                seriesTitle: String?, startsAt: Int64, endsAt: Int64, timeZone: String, online: Bool, venue: String,
                registration: String, registrationUrl: String, registrationClosesAt: Int64?, recordingUrl: String,
                captionsUrl: String, transcript: String, updatedAt: Int64, cover: ImageRef? = nil) {
        self.id = id
        self.slug = slug
        self.lang = lang
        self.title = title
        self.summary = summary
        self.description = description
        self.seriesSlug = seriesSlug
        self.seriesTitle = seriesTitle
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.timeZone = timeZone
        self.online = online
        self.venue = venue
        self.registration = registration
        self.registrationUrl = registrationUrl
        self.registrationClosesAt = registrationClosesAt
        self.recordingUrl = recordingUrl
        self.captionsUrl = captionsUrl
        self.transcript = transcript
        self.updatedAt = updatedAt
        self.cover = cover
    }

    public var zone: TimeZone { TimeZone(identifier: timeZone) ?? .gmt }
    public var start: ZonedTime { ZonedTime(instant: Date(epochSeconds: startsAt), zone: zone) }
    public var end: ZonedTime { ZonedTime(instant: Date(epochSeconds: endsAt), zone: zone) }
    public func isPast(at now: Date) -> Bool { Date(epochSeconds: endsAt) < now }
}

public struct Speaker: Sendable {
    public var name: String
    public var role: String
    public var organisation: String

    public init(name: String, role: String, organisation: String) {
        self.name = name
        self.role = role
        self.organisation = organisation
    }
}

public struct EventSeries: Sendable {
    public var id: Int64
    public var slug: String
    public var title: String
    public var summary: String
    public var description: String

    /// The language this text is written in (`TextLanguage` labels it on pages of another).
    public var lang: String

    public init(id: Int64, slug: String, title: String, summary: String, description: String, lang: String = "en") {
        self.lang = lang
        self.id = id
        self.slug = slug
        self.title = title
        self.summary = summary
        self.description = description
    }
}

public struct VacancyDetail: Sendable {
    public var id: Int64
    public var slug: String
    public var lang: String
    public var title: String
    public var kind: String
    public var organisation: String
    public var organisationSlug: String?
    public var location: String
    public var remote: Bool
    public var summary: String
    public var body: String
    public var deadlineAt: Int64
    public var deadlineZone: String
    public var applyEmail: String
    public var applySubject: String
    public var applyUrl: String
    public var termsFileId: Int64?
    public var termsFileName: String?
    public var termsContentType: String?
    public var termsByteSize: Int64?
    public var publishAt: Int64?
    public var createdAt: Int64

    public init(id: Int64, slug: String, lang: String, title: String, kind: String, organisation: String,
                organisationSlug: String?, location: String, remote: Bool, summary: String, body: String, deadlineAt: Int64,
                deadlineZone: String, applyEmail: String, applySubject: String, applyUrl: String, termsFileId: Int64?,
                termsFileName: String?, termsContentType: String?, termsByteSize: Int64?, publishAt: Int64?, createdAt: Int64) {
        self.id = id
        self.slug = slug
        self.lang = lang
        self.title = title
        self.kind = kind
        self.organisation = organisation
        self.organisationSlug = organisationSlug
        self.location = location
        self.remote = remote
        self.summary = summary
        self.body = body
        self.deadlineAt = deadlineAt
        self.deadlineZone = deadlineZone
        self.applyEmail = applyEmail
        self.applySubject = applySubject
        self.applyUrl = applyUrl
        self.termsFileId = termsFileId
        self.termsFileName = termsFileName
        self.termsContentType = termsContentType
        self.termsByteSize = termsByteSize
        self.publishAt = publishAt
        self.createdAt = createdAt
    }

    public var deadline: Deadline {
        Deadline(ZonedTime(instant: Date(epochSeconds: deadlineAt), zone: TimeZone(identifier: deadlineZone) ?? .gmt))
    }
}

public struct PostDetail: Sendable {
    public var id: Int64
    public var slug: String
    public var lang: String
    public var title: String
    public var summary: String
    public var body: String
    public var byline: String
    public var authorOrganisationSlug: String?
    public var contributorCredit: String
    public var seriesName: String
    public var publishAt: Int64?
    public var createdAt: Int64
    public var updatedAt: Int64
    /// The cover, only when it may be shown publicly.
    public var cover: ImageRef?

    public init(id: Int64, slug: String, lang: String, title: String, summary: String, body: String, byline: String,
                authorOrganisationSlug: String?, contributorCredit: String, seriesName: String, publishAt: Int64?,
                createdAt: Int64, updatedAt: Int64, cover: ImageRef? = nil) {
        self.id = id
        self.slug = slug
        self.lang = lang
        self.title = title
        self.summary = summary
        self.body = body
        self.byline = byline
        self.authorOrganisationSlug = authorOrganisationSlug
        self.contributorCredit = contributorCredit
        self.seriesName = seriesName
        self.publishAt = publishAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.cover = cover
    }

    public var published: Date { Date(epochSeconds: publishAt ?? createdAt) }
}

/// A topic with its parent, for "Mobility › Road safety".
public struct TopicRef: Sendable {
    public var slug: String
    public var name: String
    public var parentName: String?

    public init(slug: String, name: String, parentName: String?) {
        self.slug = slug
        self.name = name
        self.parentName = parentName
    }

    public var path: String { parentName.map { "\($0) › \(name)" } ?? name }
}
