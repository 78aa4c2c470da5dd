import Foundation

/// What a contribution must hold (PRODUCT.md §9), and the limits its attachments are held to.
public enum ContributionForm {
    /// The kinds a visitor chooses from, in the form's order.
    public static let kinds = ["insight", "case_study", "success_story", "idea", "tool", "research", "event", "news"]

    public static let titleLimit = 200
    public static let summaryLimit = 1_000
    public static let bodyLimit = 50_000
    public static let linksLimit = 2_000
    public static let shortLimit = 200

    /// At most this many attachments, each at most `fileLimit`, together at most `totalLimit`.
    public static let fileCount = 5
    public static let fileLimit = 10 * 1024 * 1024
    public static let totalLimit = 25 * 1024 * 1024

    /// The attachment types accepted, judged by content: PDF, office documents, JPEG, PNG, WebP.
    public static let acceptedTypes: Set<String> = [
        "application/pdf", "image/jpeg", "image/png", "image/webp",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
    ]

    public struct Values: Sendable, Equatable, Encodable {
        public var kind = ""
        public var title = ""
        public var summary = ""
        public var body = ""
        public var links = ""
        public var country = ""
        public var city = ""
        public var name = ""
        public var email = ""
        public var organisation = ""
        public var consentToPublish = false
        public var privacyAccepted = false

        public init() {}
    }

    public static func errors(_ values: Values) -> FieldErrors {
        var errors = FieldErrors()
        if !kinds.contains(values.kind) { errors.add("kind", "contribute_error_kind") }
        if values.title.isEmpty { errors.add("title", "contribute_error_title") }
        if values.title.count > titleLimit { errors.add("title", "error_field_too_long") }
        if values.summary.isEmpty { errors.add("summary", "contribute_error_summary") }
        if values.summary.count > summaryLimit { errors.add("summary", "error_field_too_long") }
        if values.body.count > bodyLimit { errors.add("body", "error_field_too_long") }
        if values.links.count > linksLimit { errors.add("links", "error_field_too_long") }
        if linkList(values.links).contains(where: { !isWebAddress($0) }) { errors.add("links", "contribute_error_links") }
        if values.city.count > shortLimit { errors.add("city", "error_field_too_long") }
        if values.name.isEmpty { errors.add("name", "error_field_name") }
        if values.name.count > shortLimit { errors.add("name", "error_field_too_long") }
        if !Validate.isEmail(values.email) { errors.add("email", "error_field_email") }
        if values.organisation.count > shortLimit { errors.add("organisation", "error_field_too_long") }
        if !values.consentToPublish { errors.add("consent", "contribute_error_consent") }
        if !values.privacyAccepted { errors.add("privacy", "contribute_error_privacy") }
        return errors
    }

    /// An http or https address with a host: what a contributor's link may be.
    public static func isWebAddress(_ text: String) -> Bool {
        let lower = text.lowercased()
        return (lower.hasPrefix("https://") || lower.hasPrefix("http://")) && SafeURL.isRedirectTarget(text)
    }

    /// One address a line; blank lines dropped.
    public static func linkList(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The content type an accepted contribution becomes a draft of, and for resources their kind.
    public static func draftType(of kind: String) -> (table: String, resourceKind: String?) {
        switch kind {
        case "case_study": ("resources", "case_study")
        case "success_story": ("resources", "success_story")
        case "research": ("resources", "report")
        case "tool": ("resources", "toolkit")
        case "event": ("events", nil)
        default: ("blog_posts", nil)
        }
    }
}
