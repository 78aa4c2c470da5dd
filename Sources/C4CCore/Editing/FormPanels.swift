/// A group of fields shown together in the back-office form under a title of its own, as an
/// editor thinks of them: "When and where", "Registration".
public struct FormPanel: Sendable, Equatable {
    /// Names the panel's title in the catalog: `panel_<key>`.
    public let key: String
    public let fields: [String]

    public init(_ key: String, _ fields: [String]) {
        self.key = key
        self.fields = fields
    }
}

extension ContentType {
    /// The form's panels, in order. A field no panel names joins the first, so a field added to a
    /// type is never left out of its form.
    public var panels: [FormPanel] {
        let described = FormPanels.byType[key] ?? []
        let placed = Set(described.flatMap(\.fields))
        let rest = fields.map(\.name).filter { !placed.contains($0) }
        guard let first = described.first else { return [FormPanel("content", rest)] }
        return [FormPanel(first.key, first.fields + rest)] + described.dropFirst()
    }
}

enum FormPanels {
    static let byType: [String: [FormPanel]] = [
        "events": [
            FormPanel("content", ["title", "summary", "description", "series_id", "organisation_id", "speakers"]),
            FormPanel("when_where", ["time_zone", "starts_at", "ends_at", "online", "online_url", "venue"]),
            FormPanel("registration", ["registration", "registration_url", "capacity"]),
            FormPanel("recording", ["recording_url", "captions_url", "transcript"]),
            FormPanel("promotion", ["cover_image_id", "featured_until"]),
        ],
        "resources": [
            FormPanel("content", ["title", "kind", "summary", "body", "authors", "organisations"]),
            FormPanel("publication", ["published_on", "series_name", "series_number", "external_url", "citation", "languages"]),
            FormPanel("files", ["files"]),
            FormPanel("classification", ["topics", "regions"]),
            FormPanel("promotion", ["cover_image_id", "featured", "featured_until"]),
        ],
        "posts": [
            FormPanel("content", ["title", "summary", "body", "byline", "series_name", "contributor_credit"]),
            FormPanel("classification", ["topics"]),
            FormPanel("promotion", ["cover_image_id", "featured_until"]),
        ],
        "vacancies": [
            FormPanel("content", ["title", "kind", "organisation_id", "organisation_name", "summary", "body"]),
            FormPanel("where_deadline", ["location", "remote", "deadline_zone", "deadline_at"]),
            FormPanel("how_to_apply", ["apply_email", "apply_subject", "apply_url", "terms_file_id"]),
            FormPanel("promotion", ["featured_until"]),
        ],
        "pages": [
            FormPanel("content", ["title", "summary", "body"]),
            FormPanel("menu", ["menu", "menu_position"]),
        ],
        "facts": [
            FormPanel("content", ["figure", "headline"]),
            FormPanel("source", ["source_name", "source_url", "source_year"]),
        ],
        "slides": [
            FormPanel("content", ["fact_id", "headline", "link_url"]),
            FormPanel("image", ["image_id"]),
            FormPanel("promotion", ["position", "featured_until"]),
        ],
        "people": [
            FormPanel("content", ["name", "role", "organisation_id", "bio", "team", "position"]),
            FormPanel("image", ["photo_id"]),
        ],
        "members": [
            FormPanel("content", ["name", "short_name", "kind", "country_code", "website", "description"]),
            FormPanel("image", ["logo_id"]),
            FormPanel("membership", ["steering_committee", "member_since"]),
        ],
    ]
}
