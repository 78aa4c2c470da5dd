import Foundation

/// A key fact with its source, shown on the facts page and reused by hero slides.
public struct KeyFact: Sendable {
    public var slug: String
    public var figure: String
    public var headline: String
    public var sourceName: String
    public var sourceUrl: String
    public var sourceYear: Int

    /// The language this text is written in (`TextLanguage` labels it on pages of another).
    public var lang: String

    public init(slug: String, figure: String, headline: String, sourceName: String, sourceUrl: String, sourceYear: Int, lang: String = "en") {
        self.lang = lang
        self.slug = slug
        self.figure = figure
        self.headline = headline
        self.sourceName = sourceName
        self.sourceUrl = sourceUrl
        self.sourceYear = sourceYear
    }
}

/// A free page in Markdown: about, privacy policy, principles.
public struct FreePage: Sendable {
    public var slug: String
    public var lang: String
    public var title: String
    public var summary: String
    public var body: String
    public var updatedAt: Int64

    public init(slug: String, lang: String, title: String, summary: String, body: String, updatedAt: Int64) {
        self.slug = slug
        self.lang = lang
        self.title = title
        self.summary = summary
        self.body = body
        self.updatedAt = updatedAt
    }
}

public struct Person: Sendable {
    public var slug: String
    public var name: String
    public var role: String
    public var organisation: String?
    public var bio: String
    public var team: String

    /// The language this text is written in (`TextLanguage` labels it on pages of another).
    public var lang: String

    public init(slug: String, name: String, role: String, organisation: String?, bio: String, team: String, lang: String = "en") {
        self.lang = lang
        self.slug = slug
        self.name = name
        self.role = role
        self.organisation = organisation
        self.bio = bio
        self.team = team
    }
}

public struct MemberSummary: Sendable {
    public var id: Int64
    public var slug: String
    public var lang: String
    public var name: String
    public var kind: String
    public var countryCode: String
    public var countryName: String?
    public var description: String
    public var steeringCommittee: Bool
    public var memberSince: Int?
    public var website: String
    public var logoFileId: Int64?
    public var logoFileName: String?

    public init(id: Int64, slug: String, lang: String, name: String, kind: String, countryCode: String, countryName: String?,
                description: String, steeringCommittee: Bool, memberSince: Int?, website: String, logoFileId: Int64?,
                logoFileName: String?) {
        self.id = id
        self.slug = slug
        self.lang = lang
        self.name = name
        self.kind = kind
        self.countryCode = countryCode
        self.countryName = countryName
        self.description = description
        self.steeringCommittee = steeringCommittee
        self.memberSince = memberSince
        self.website = website
        self.logoFileId = logoFileId
        self.logoFileName = logoFileName
    }

    public var logoPath: String? { logoFileId.flatMap { id in logoFileName.map { FilePath.make(id: id, name: $0) } } }
}

public struct Affiliate: Sendable {
    public var slug: String
    public var name: String
    public var countryCode: String
    public var countryName: String?
    public var leadOrganisation: String
    public var contactName: String
    public var contactEmail: String
    public var website: String

    /// The language this text is written in (`TextLanguage` labels it on pages of another).
    public var lang: String

    public init(slug: String, name: String, countryCode: String, countryName: String?, leadOrganisation: String,
                contactName: String, contactEmail: String, website: String, lang: String = "en") {
        self.lang = lang
        self.slug = slug
        self.name = name
        self.countryCode = countryCode
        self.countryName = countryName
        self.leadOrganisation = leadOrganisation
        self.contactName = contactName
        self.contactEmail = contactEmail
        self.website = website
    }
}

/// A value a list can be filtered by, with how many items carry it.
public struct FacetValue: Sendable, Equatable {
    public var value: String
    public var label: String
    public var count: Int

    public init(value: String, label: String, count: Int) {
        self.value = value
        self.label = label
        self.count = count
    }
}
