import Foundation

/// A key fact with its source, shown on the facts page and reused by hero slides.
public struct KeyFact: Sendable, Decodable {
    public var slug: String
    public var figure: String
    public var headline: String
    public var sourceName: String
    public var sourceUrl: String
    public var sourceYear: Int
}

/// A free page in Markdown: about, privacy policy, principles.
public struct FreePage: Sendable, Decodable {
    public var slug: String
    public var lang: String
    public var title: String
    public var summary: String
    public var body: String
    public var updatedAt: Int64
}

public struct Person: Sendable, Decodable {
    public var slug: String
    public var name: String
    public var role: String
    public var organisation: String?
    public var bio: String
    public var team: String
}

public struct MemberSummary: Sendable, Decodable {
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

    public var logoPath: String? { logoFileId.flatMap { id in logoFileName.map { FilePath.make(id: id, name: $0) } } }
}

public struct Affiliate: Sendable, Decodable {
    public var slug: String
    public var name: String
    public var countryCode: String
    public var countryName: String?
    public var leadOrganisation: String
    public var contactName: String
    public var contactEmail: String
    public var website: String
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
