import Foundation

public struct EventDetail: Sendable, Decodable {
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

    public var zone: TimeZone { TimeZone(identifier: timeZone) ?? .gmt }
    public var start: ZonedTime { ZonedTime(instant: Date(epochSeconds: startsAt), zone: zone) }
    public var end: ZonedTime { ZonedTime(instant: Date(epochSeconds: endsAt), zone: zone) }
    public func isPast(at now: Date) -> Bool { Date(epochSeconds: endsAt) < now }
}

public struct Speaker: Sendable, Decodable {
    public var name: String
    public var role: String
    public var organisation: String
}

public struct EventSeries: Sendable, Decodable {
    public var id: Int64
    public var slug: String
    public var title: String
    public var summary: String
    public var description: String
}

public struct VacancyDetail: Sendable, Decodable {
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

    public var deadline: Deadline {
        Deadline(ZonedTime(instant: Date(epochSeconds: deadlineAt), zone: TimeZone(identifier: deadlineZone) ?? .gmt))
    }
}

public struct PostDetail: Sendable, Decodable {
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

    public var published: Date { Date(epochSeconds: publishAt ?? createdAt) }
}

/// A topic with its parent, for "Mobility › Road safety".
public struct TopicRef: Sendable, Decodable {
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
