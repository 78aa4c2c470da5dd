import Foundation

/// A field an editor fills in, and how its text becomes a stored value.
public struct EditableField: Sendable {
    public enum Kind: Sendable, Equatable {
        /// One line of text, at most this long.
        case text(Int)
        /// Several lines, stored as typed.
        case longText
        /// Markdown, rendered safely on the public site.
        case markdown
        /// An address checked by `SafeURL`.
        case url
        case email
        case integer
        /// `YYYY-MM-DD`.
        case date
        /// A local date and time (`datetime-local`), read in the zone another field names.
        case instant(zoneField: String)
        /// A date and time in UTC, e.g. when a home-page block stops being featured.
        case utcInstant
        /// An IANA zone name.
        case timeZone
        /// One of these values.
        case choice([String])
        case flag
        /// An image from the media library (a `media` id).
        case image
        /// A document from the media library, stored as its file's id: a vacancy's Terms of Reference.
        case document
        /// An item of another table, e.g. an event's series.
        case reference(table: String, label: String)
        /// Rows of a child table, one per line, columns separated by `|`.
        case lines(table: String, parent: String, columns: [String])
        /// Links to items of another table, chosen by ticking boxes: a resource's topics.
        case links(table: String, parent: String, child: String, source: String, label: String)
        /// The site's languages an item is available in, chosen by ticking boxes.
        case languages(table: String, parent: String)
        /// Documents from the media library, one per line: `file name | language | label`.
        case attachments(table: String, parent: String)
    }

    public let name: String
    public let kind: Kind
    public let required: Bool
    /// What an empty answer stores, for columns that may not be NULL (an order defaults to 0).
    public let emptyValue: FieldValue?

    public init(_ name: String, _ kind: Kind, required: Bool = false, emptyValue: FieldValue? = nil) {
        self.name = name
        self.kind = kind
        self.required = required
        self.emptyValue = emptyValue
    }

    public var isColumn: Bool {
        switch kind {
        case .lines, .links, .languages, .attachments: false
        default: true
        }
    }
}

/// A kind of content the back office edits: its table, its fields and where it appears publicly.
public struct ContentType: Sendable {
    public let key: String
    public let table: String
    public let titleField: String
    /// The public address of an item: `/events/{slug}`; `nil` for items without a page of their own.
    public let publicPath: String?
    public let fields: [EditableField]

    public func publicAddress(slug: String) -> String? {
        publicPath.map { $0 + "/" + slug }
    }
}

public enum ContentTypes {
    public static let zones = ["UTC"] + TimeZone.knownTimeZoneIdentifiers.filter { $0 != "UTC" }.sorted()

    public static let all: [ContentType] = [
        ContentType(key: "events", table: "events", titleField: "title", publicPath: "/events", fields: [
            .init("title", .text(200), required: true),
            .init("summary", .text(400)),
            .init("description", .markdown),
            .init("series_id", .reference(table: "event_series", label: "title")),
            .init("time_zone", .timeZone, required: true),
            .init("starts_at", .instant(zoneField: "time_zone"), required: true),
            .init("ends_at", .instant(zoneField: "time_zone"), required: true),
            .init("online", .flag),
            .init("venue", .text(300)),
            .init("online_url", .url),
            .init("registration", .choice(["none", "builtin", "external"]), required: true),
            .init("registration_url", .url),
            .init("capacity", .integer),
            .init("cover_image_id", .image),
            .init("recording_url", .url),
            .init("captions_url", .url),
            .init("transcript", .longText),
            .init("featured_until", .utcInstant),
            .init("organisation_id", .reference(table: "organisations", label: "name")),
            .init("speakers", .lines(table: "event_speakers", parent: "event_id", columns: ["name", "role", "organisation"])),
        ]),
        ContentType(key: "resources", table: "resources", titleField: "title", publicPath: "/resources", fields: [
            .init("title", .text(300), required: true),
            .init("kind", .choice(["research_paper", "research_brief", "report", "toolkit", "case_study", "success_story",
                                   "guidance", "video", "infographic"]), required: true),
            .init("summary", .text(600)),
            .init("body", .markdown),
            .init("published_on", .date, required: true),
            .init("series_name", .text(200)),
            .init("series_number", .text(20)),
            .init("external_url", .url),
            .init("cover_image_id", .image),
            .init("featured", .flag),
            .init("featured_until", .utcInstant),
            .init("citation", .longText),
            .init("authors", .lines(table: "resource_authors", parent: "resource_id", columns: ["name"])),
            .init("organisations", .links(table: "resource_organisations", parent: "resource_id", child: "organisation_id",
                                          source: "organisations", label: "name")),
            .init("topics", .links(table: "resource_topics", parent: "resource_id", child: "topic_id", source: "topics", label: "name")),
            .init("regions", .links(table: "resource_regions", parent: "resource_id", child: "region_id", source: "regions", label: "name")),
            .init("languages", .languages(table: "resource_languages", parent: "resource_id")),
            .init("files", .attachments(table: "resource_files", parent: "resource_id")),
        ]),
        ContentType(key: "posts", table: "blog_posts", titleField: "title", publicPath: "/blog", fields: [
            .init("title", .text(300), required: true),
            .init("summary", .text(600)),
            .init("body", .markdown, required: true),
            .init("byline", .text(200)),
            .init("series_name", .text(200)),
            .init("contributor_credit", .text(300)),
            .init("cover_image_id", .image),
            .init("featured_until", .utcInstant),
            .init("topics", .links(table: "blog_post_topics", parent: "post_id", child: "topic_id", source: "topics", label: "name")),
        ]),
        ContentType(key: "vacancies", table: "vacancies", titleField: "title", publicPath: "/vacancies", fields: [
            .init("title", .text(300), required: true),
            .init("kind", .choice(["consultancy", "job", "internship", "volunteer"]), required: true),
            .init("organisation_id", .reference(table: "organisations", label: "name")),
            .init("organisation_name", .text(200)),
            .init("location", .text(200)),
            .init("remote", .flag),
            .init("summary", .text(600)),
            .init("body", .markdown),
            .init("deadline_zone", .timeZone, required: true),
            .init("deadline_at", .instant(zoneField: "deadline_zone"), required: true),
            .init("apply_email", .email),
            .init("apply_subject", .text(200)),
            .init("apply_url", .url),
            .init("terms_file_id", .document),
            .init("featured_until", .utcInstant),
        ]),
        ContentType(key: "pages", table: "pages", titleField: "title", publicPath: "", fields: [
            .init("title", .text(200), required: true),
            .init("summary", .text(400)),
            .init("body", .markdown, required: true),
            .init("menu", .choice(["", "main", "footer"])),
            .init("menu_position", .integer, emptyValue: .integer(0)),
        ]),
        ContentType(key: "facts", table: "key_facts", titleField: "headline", publicPath: nil, fields: [
            .init("figure", .text(40), required: true),
            .init("headline", .text(300), required: true),
            .init("source_name", .text(300), required: true),
            .init("source_url", .url),
            .init("source_year", .integer, required: true),
        ]),
        ContentType(key: "series", table: "event_series", titleField: "title", publicPath: "/events/series", fields: [
            .init("title", .text(200), required: true),
            .init("summary", .text(400)),
            .init("description", .markdown),
        ]),
        ContentType(key: "slides", table: "hero_slides", titleField: "headline", publicPath: nil, fields: [
            .init("fact_id", .reference(table: "key_facts", label: "headline")),
            .init("headline", .text(300)),
            .init("image_id", .image, required: true),
            .init("link_url", .url, required: true),
            .init("position", .integer, emptyValue: .integer(0)),
            .init("featured_until", .utcInstant),
        ]),
        ContentType(key: "people", table: "people", titleField: "name", publicPath: nil, fields: [
            .init("name", .text(200), required: true),
            .init("role", .text(200)),
            .init("organisation_id", .reference(table: "organisations", label: "name")),
            .init("bio", .longText),
            .init("photo_id", .image),
            .init("team", .choice(["", "secretariat", "steering_committee"])),
            .init("position", .integer, emptyValue: .integer(0)),
        ]),
        ContentType(key: "affiliates", table: "affiliates", titleField: "name", publicPath: nil, fields: [
            .init("name", .text(200), required: true),
            .init("country_code", .text(2), required: true),
            .init("lead_organisation", .text(200), required: true),
            .init("contact_name", .text(200)),
            .init("contact_email", .email),
            .init("website", .url),
        ]),
        ContentType(key: "members", table: "organisations", titleField: "name", publicPath: "/members", fields: [
            .init("name", .text(200), required: true),
            .init("short_name", .text(40)),
            .init("kind", .choice(["ngo", "un_agency", "network", "foundation", "academia", "government", "other"]), required: true),
            .init("country_code", .text(2)),
            .init("website", .url),
            .init("description", .longText),
            .init("logo_id", .image),
            .init("steering_committee", .flag),
            .init("member_since", .integer),
        ]),
    ]

    public static func named(_ key: String) -> ContentType? { all.first { $0.key == key } }
}

/// A field's value after checking, ready to bind.
public enum FieldValue: Sendable, Equatable {
    case text(String)
    case integer(Int64)
    case flag(Bool)
    case null
    case rows([[String]])
}

extension ContentType {
    /// Checks what was typed. Returns the values to store and, per field, what is wrong; the form
    /// is shown again with everything typed when anything is.
    public func validate(_ input: [String: String]) -> (values: [String: FieldValue], errors: FieldErrors) {
        var values: [String: FieldValue] = [:]
        var errors = FieldErrors()
        for field in fields {
            let raw = (input[field.name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if raw.isEmpty {
                if case .flag = field.kind {
                    values[field.name] = .flag(false)
                    continue
                }
                if field.required { errors.add(field.name, "error_field_required") }
                if !field.isColumn { values[field.name] = .rows([]) } else {
                    values[field.name] = field.emptyValue ?? (field.isTextColumn ? .text("") : .null)
                }
                continue
            }
            switch field.kind {
            case .text(let limit):
                if raw.count > limit { errors.add(field.name, "error_field_too_long") }
                values[field.name] = .text(raw)
            case .longText, .markdown:
                values[field.name] = .text(raw)
            case .url:
                if !SafeURL.isAllowed(raw) { errors.add(field.name, "error_field_url") }
                values[field.name] = .text(raw)
            case .email:
                if !Validate.isEmail(raw) { errors.add(field.name, "error_field_email") }
                values[field.name] = .text(raw)
            case .integer:
                if let number = Int64(raw) { values[field.name] = .integer(number) } else { errors.add(field.name, "error_field_number") }
            case .date:
                if raw.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil { values[field.name] = .text(raw) } else { errors.add(field.name, "error_field_date") }
            case .instant(let zoneField):
                let zone = TimeZone(identifier: input[zoneField] ?? "") ?? .gmt
                if let instant = Self.instant(raw, zone: zone) { values[field.name] = .integer(instant.epochSeconds) } else {
                    errors.add(field.name, "error_field_datetime")
                }
            case .utcInstant:
                if let instant = Self.instant(raw, zone: .gmt) { values[field.name] = .integer(instant.epochSeconds) } else {
                    errors.add(field.name, "error_field_datetime")
                }
            case .timeZone:
                if TimeZone(identifier: raw) != nil { values[field.name] = .text(raw) } else { errors.add(field.name, "error_field_zone") }
            case .choice(let options):
                if options.contains(raw) { values[field.name] = .text(raw) } else { errors.add(field.name, "error_field_choice") }
            case .flag:
                values[field.name] = .flag(raw == "on" || raw == "true" || raw == "1")
            case .image, .reference, .document:
                if let id = Int64(raw) { values[field.name] = .integer(id) } else { errors.add(field.name, "error_field_choice") }
            case .links:
                let ids = raw.split(separator: ",").compactMap { Int64($0.trimmingCharacters(in: .whitespaces)) }
                values[field.name] = .rows(ids.map { [String($0)] })
            case .languages:
                let codes = raw.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                if codes.contains(where: { Language(rawValue: $0) == nil }) { errors.add(field.name, "error_field_choice") }
                values[field.name] = .rows(codes.filter { Language(rawValue: $0) != nil }.map { [$0] })
            case .attachments:
                let rows = raw.split(whereSeparator: \.isNewline).map { line in
                    line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                }.filter { !($0.first ?? "").isEmpty }
                if rows.contains(where: { $0.count > 3 || ($0.count > 1 && !$0[1].isEmpty && Language(rawValue: $0[1]) == nil) }) {
                    errors.add(field.name, "error_field_attachments")
                }
                values[field.name] = .rows(rows.map { row in (0..<3).map { $0 < row.count ? row[$0] : "" } })
            case .lines(_, _, let columns):
                let rows = raw.split(whereSeparator: \.isNewline).map { line in
                    line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                }.filter { !($0.first ?? "").isEmpty }
                if rows.contains(where: { $0.count > columns.count }) { errors.add(field.name, "error_field_lines") }
                values[field.name] = .rows(rows.map { row in (0..<columns.count).map { $0 < row.count ? row[$0] : "" } })
            }
        }
        if case .integer(let start)? = values["starts_at"], case .integer(let end)? = values["ends_at"], end < start {
            errors.add("ends_at", "error_field_end_before_start")
        }
        return (values, errors)
    }

    /// `2026-12-08T14:00` read as wall-clock time in `zone`.
    public static func instant(_ text: String, zone: TimeZone) -> Date? {
        guard let match = text.wholeMatch(of: /(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2})?/) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = DateComponents(year: Int(match.1), month: Int(match.2), day: Int(match.3), hour: Int(match.4), minute: Int(match.5))
        guard let date = calendar.date(from: parts), calendar.dateComponents([.hour], from: date).hour == Int(match.4) else { return nil }
        return date
    }

    /// The `datetime-local` text of a stored instant in a zone.
    public static func localText(_ epochSeconds: Int64, zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: Date(epochSeconds: epochSeconds))
        return String(format: "%04d-%02d-%02dT%02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!)
    }
}

extension EditableField {
    /// Columns that are NOT NULL text in the schema store an empty string rather than NULL.
    var isTextColumn: Bool {
        switch kind {
        case .text, .longText, .markdown, .url, .email, .date, .timeZone, .choice: true
        default: false
        }
    }
}
