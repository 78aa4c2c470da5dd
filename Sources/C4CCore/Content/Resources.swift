import Foundation

/// What a visitor can narrow the knowledge hub by; every field is optional and they combine.
public struct ResourceFilter: Sendable, Equatable {
    public var query: String?
    public var kind: String?
    public var topic: String?
    public var region: String?
    public var language: String?
    public var year: String?
    public var organisation: String?

    public init(query: String? = nil, kind: String? = nil, topic: String? = nil, region: String? = nil,
                language: String? = nil, year: String? = nil, organisation: String? = nil) {
        self.query = query
        self.kind = kind
        self.topic = topic
        self.region = region
        self.language = language
        self.year = year
        self.organisation = organisation
    }

    /// The filter as query parameters, in a fixed order so equal filters share one address.
    public var parameters: [(String, String)] {
        [("q", query), ("kind", kind), ("topic", topic), ("region", region), ("language", language),
         ("year", year), ("organisation", organisation)].compactMap { name, value in value.map { (name, $0) } }
    }

    public var isEmpty: Bool { parameters.isEmpty }
}

public struct ResourceListItem: Sendable, Decodable {
    public var id: Int64
    public var slug: String
    public var title: String
    public var kind: String
    public var summary: String
    public var publishedOn: String

    /// The language this text is written in (`TextLanguage` labels it on pages of another).
    public var lang: String

    public init(id: Int64, slug: String, title: String, kind: String, summary: String, publishedOn: String, lang: String = "en") {
        self.lang = lang
        self.id = id
        self.slug = slug
        self.title = title
        self.kind = kind
        self.summary = summary
        self.publishedOn = publishedOn
    }
}

public struct ResourceFacets: Sendable {
    public var kinds: [FacetValue]
    public var topics: [FacetValue]
    public var regions: [FacetValue]
    public var languages: [FacetValue]
    public var years: [FacetValue]
    public var organisations: [FacetValue]

    public init(kinds: [FacetValue], topics: [FacetValue], regions: [FacetValue], languages: [FacetValue],
                years: [FacetValue], organisations: [FacetValue]) {
        self.kinds = kinds
        self.topics = topics
        self.regions = regions
        self.languages = languages
        self.years = years
        self.organisations = organisations
    }
}

public struct ResourcePage: Sendable {
    public var items: [ResourceListItem]
    public var total: Int
    public var facets: ResourceFacets

    public init(items: [ResourceListItem], total: Int, facets: ResourceFacets) {
        self.items = items
        self.total = total
        self.facets = facets
    }
}

public struct ResourceDetail: Sendable, Decodable {
    public var id: Int64
    public var slug: String
    public var lang: String
    public var title: String
    public var kind: String
    public var summary: String
    public var body: String
    public var publishedOn: String
    public var seriesName: String
    public var seriesNumber: String
    public var externalUrl: String
    public var citation: String
    public var updatedAt: Int64

    public init(id: Int64, slug: String, lang: String, title: String, kind: String, summary: String, body: String,
                publishedOn: String, seriesName: String, seriesNumber: String, externalUrl: String, citation: String,
                updatedAt: Int64) {
        self.id = id
        self.slug = slug
        self.lang = lang
        self.title = title
        self.kind = kind
        self.summary = summary
        self.body = body
        self.publishedOn = publishedOn
        self.seriesName = seriesName
        self.seriesNumber = seriesNumber
        self.externalUrl = externalUrl
        self.citation = citation
        self.updatedAt = updatedAt
    }
}

public struct ResourceFile: Sendable, Decodable {
    public var fileId: Int64
    public var name: String
    public var contentType: String
    public var byteSize: Int64
    public var language: String
    public var label: String

    public init(fileId: Int64, name: String, contentType: String, byteSize: Int64, language: String, label: String) {
        self.fileId = fileId
        self.name = name
        self.contentType = contentType
        self.byteSize = byteSize
        self.language = language
        self.label = label
    }

    public var path: String { FilePath.make(id: fileId, name: name) }
}

/// "PDF · 2.3 MB": a file's format and size as a reader sees them before downloading.
public enum FileLabel {
    public static func format(contentType: String, name: String) -> String {
        switch contentType {
        case "application/pdf": return "PDF"
        case "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/msword": return "Word"
        case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.ms-excel": return "Excel"
        case "application/vnd.openxmlformats-officedocument.presentationml.presentation", "application/vnd.ms-powerpoint": return "PowerPoint"
        case "text/csv": return "CSV"
        default:
            let ext = FileName.pathExtension(name)
            return ext.isEmpty ? contentType : ext.uppercased()
        }
    }

    /// A file's size as the reader's language writes it ("2,3 Mo", "2.3 م.ب"); English keeps its
    /// short form ("2.3 MB").
    public static func size(_ bytes: Int64, language: Language = .default) -> String {
        guard language == .default else { return bytes.formatted(.byteCount(style: .file).locale(language.locale)) }
        let value = Double(bytes)
        if value < 1_000 { return "\(bytes) B" }
        if value < 1_000_000 { return String(format: "%.0f KB", (value / 1_000).rounded(.up)) }
        return String(format: "%.1f MB", value / 1_000_000)
    }

    public static func describe(contentType: String, name: String, bytes: Int64, language: Language = .default) -> String {
        "\(format(contentType: contentType, name: name)) · \(size(bytes, language: language))"
    }
}
