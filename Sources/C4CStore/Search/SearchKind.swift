/// The kinds of content the search box covers, in the order results are shown, each with its
/// table and the address its items live under.
public enum SearchKind: String, CaseIterable, Sendable {
    case resources, events, blog, vacancies, members, pages

    public var table: String {
        switch self {
        case .resources: "resources"
        case .events: "events"
        case .blog: "blog_posts"
        case .vacancies: "vacancies"
        case .members: "organisations"
        case .pages: "pages"
        }
    }

    /// The low three bits of a search document's id: `id = item id × 8 + code`.
    public var code: Int64 {
        switch self {
        case .resources: 1
        case .events: 2
        case .blog: 3
        case .vacancies: 4
        case .members: 5
        case .pages: 6
        }
    }

    /// The search document id of an item of this kind.
    public func documentID(_ itemID: Int64) -> Int64 { itemID * 8 + code }

    /// The kind stored in a table, or nil for tables search does not cover (facts, slides…).
    public init?(table: String) {
        guard let kind = Self.allCases.first(where: { $0.table == table }) else { return nil }
        self = kind
    }

    /// The public address of an item of this kind, without the language prefix.
    public func path(slug: String) -> String {
        self == .pages ? "/\(slug)" : "/\(rawValue)/\(slug)"
    }
}
