import C4CCore

/// A page with a heading and a few paragraphs: sections not yet built, error pages.
struct SimplePage: Sendable, Encodable {
    let t: [String: String]
    let layout: Layout
    let heading: String
    let paragraphs: [String]
    let contactEmail: String?
    let showSearch: Bool
    let homeHref: String
}
