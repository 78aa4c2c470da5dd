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
        /// A whole number for an `INTEGER` column, 32 bits on PostgreSQL.
        case integer
        /// `YYYY-MM-DD`, a day the calendar has.
        case date
        /// A local date and time (`datetime-local`), read in the zone another field names.
        case instant(zoneField: String)
        /// A local date and time read in the site's zone (the `time_zone` setting), e.g. when a
        /// home-page block stops being featured.
        case siteInstant
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
        /// Documents from the media library, one per line: `file number and name | language | label`.
        /// The number identifies the file; the name after it is only there for the editor to read.
        case attachments(table: String, parent: String)
    }

    /// Who may set a field beyond editors.
    public enum Setter: Sendable, Equatable {
        /// Anyone who may edit the item.
        case anyone
        /// Editors only: what states the alliance's relationship with a member, or curates the home page.
        case editorsOnly
        /// Names the organisation credited with the item: a member focal point may name only their own.
        case creditedOrganisation
    }

    public let name: String
    public let kind: Kind
    public let required: Bool
    /// What an empty answer stores, for columns that may not be NULL (an order defaults to 0).
    public let emptyValue: FieldValue?
    public let setter: Setter

    public init(_ name: String, _ kind: Kind, required: Bool = false, emptyValue: FieldValue? = nil, setter: Setter = .anyone) {
        self.name = name
        self.kind = kind
        self.required = required
        self.emptyValue = emptyValue
        self.setter = setter
    }

    public var isColumn: Bool {
        switch kind {
        case .lines, .links, .languages, .attachments: false
        default: true
        }
    }
}

/// A kind of content the back office edits: its table, its fields, where it appears publicly, and
/// what a member focal point may do with it.
public struct ContentType: Sendable {
    public let key: String
    public let table: String
    public let titleField: String
    /// The public address of an item: `/events/{slug}`; `nil` for items without a page of their own.
    public let publicPath: String?
    public let focalPoints: FocalPointRights
    /// How an item names the organisation it belongs to.
    public let owner: OwnerColumn
    public let fields: [EditableField]

    public init(key: String, table: String, titleField: String, publicPath: String?, focalPoints: FocalPointRights = .none,
                owner: OwnerColumn = .none, fields: [EditableField]) {
        self.key = key
        self.table = table
        self.titleField = titleField
        self.publicPath = publicPath
        self.focalPoints = focalPoints
        self.owner = owner
        self.fields = fields
    }

    public func publicAddress(slug: String) -> String? {
        publicPath.map { $0 + "/" + slug }
    }
}

public enum ContentTypes {
    public static let zones = ["UTC"] + TimeZone.knownTimeZoneIdentifiers.filter { $0 != "UTC" }.sorted()

    public static let all: [ContentType] = [
        ContentType(key: "events", table: "events", titleField: "title", publicPath: "/events", focalPoints: .proposals,
                    owner: .column("organisation_id"), fields: [
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
            .init("cover_image_id", .image, setter: .editorsOnly),
            .init("recording_url", .url),
            .init("captions_url", .url),
            .init("transcript", .longText),
            .init("featured_until", .siteInstant, setter: .editorsOnly),
            .init("organisation_id", .reference(table: "organisations", label: "name"), setter: .creditedOrganisation),
            .init("speakers", .lines(table: "event_speakers", parent: "event_id", columns: ["name", "role", "organisation"])),
        ]),
        ContentType(key: "resources", table: "resources", titleField: "title", publicPath: "/resources", focalPoints: .proposals,
                    owner: .link(table: "resource_organisations", parent: "resource_id", child: "organisation_id"), fields: [
            .init("title", .text(300), required: true),
            .init("kind", .choice(["research_paper", "research_brief", "report", "toolkit", "case_study", "success_story",
                                   "guidance", "video", "infographic"]), required: true),
            .init("summary", .text(600)),
            .init("body", .markdown),
            .init("published_on", .date, required: true),
            .init("series_name", .text(200)),
            .init("series_number", .text(20)),
            .init("external_url", .url),
            .init("cover_image_id", .image, setter: .editorsOnly),
            .init("featured", .flag, setter: .editorsOnly),
            .init("featured_until", .siteInstant, setter: .editorsOnly),
            .init("citation", .longText),
            .init("authors", .lines(table: "resource_authors", parent: "resource_id", columns: ["name"])),
            .init("organisations", .links(table: "resource_organisations", parent: "resource_id", child: "organisation_id",
                                          source: "organisations", label: "name"), setter: .creditedOrganisation),
            .init("topics", .links(table: "resource_topics", parent: "resource_id", child: "topic_id", source: "topics", label: "name")),
            .init("regions", .links(table: "resource_regions", parent: "resource_id", child: "region_id", source: "regions", label: "name")),
            .init("languages", .languages(table: "resource_languages", parent: "resource_id")),
            .init("files", .attachments(table: "resource_files", parent: "resource_id"), setter: .editorsOnly),
        ]),
        ContentType(key: "posts", table: "blog_posts", titleField: "title", publicPath: "/blog", focalPoints: .proposals,
                    owner: .column("author_organisation_id"), fields: [
            .init("title", .text(300), required: true),
            .init("summary", .text(600)),
            .init("body", .markdown, required: true),
            .init("byline", .text(200)),
            .init("series_name", .text(200)),
            .init("contributor_credit", .text(300)),
            .init("cover_image_id", .image, setter: .editorsOnly),
            .init("featured_until", .siteInstant, setter: .editorsOnly),
            .init("topics", .links(table: "blog_post_topics", parent: "post_id", child: "topic_id", source: "topics", label: "name")),
        ]),
        ContentType(key: "vacancies", table: "vacancies", titleField: "title", publicPath: "/vacancies",
                    owner: .column("organisation_id"), fields: [
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
            .init("featured_until", .siteInstant, setter: .editorsOnly),
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
            .init("featured_until", .siteInstant, setter: .editorsOnly),
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
        ContentType(key: "members", table: "organisations", titleField: "name", publicPath: "/members", focalPoints: .ownProfile,
                    owner: .itself, fields: [
            .init("name", .text(200), required: true),
            .init("short_name", .text(40)),
            .init("kind", .choice(["ngo", "un_agency", "network", "foundation", "academia", "government", "other"]), required: true,
                  setter: .editorsOnly),
            .init("country_code", .text(2)),
            .init("website", .url),
            .init("description", .longText),
            .init("logo_id", .image, setter: .editorsOnly),
            .init("steering_committee", .flag, setter: .editorsOnly),
            .init("member_since", .integer, setter: .editorsOnly),
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
    /// is shown again with everything typed when anything is. A local time the clocks show twice
    /// is read with the offset posted as `<field>_offset`.
    public func validate(_ input: [String: String], siteZone: TimeZone = .gmt) -> (values: [String: FieldValue], errors: FieldErrors) {
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
                // Checked as typed: trimming must not hide a tab or line break around the address.
                if SafeURL.hasControlCharacters(input[field.name] ?? "") { errors.add(field.name, "error_field_url_control") }
                if !SafeURL.isAllowed(raw) { errors.add(field.name, "error_field_url") }
                values[field.name] = .text(raw)
            case .email:
                if !Validate.isEmail(raw) { errors.add(field.name, "error_field_email") }
                values[field.name] = .text(raw)
            case .integer:
                if let number = Int64(raw) {
                    if Int32(exactly: number) == nil { errors.add(field.name, "error_field_number_range") }
                    values[field.name] = .integer(number)
                } else {
                    errors.add(field.name, "error_field_number")
                }
            case .date:
                if LocalDate(parsing: raw) != nil { values[field.name] = .text(raw) } else { errors.add(field.name, "error_field_date") }
            case .instant, .siteInstant:
                let zone = zone(of: field, in: input, siteZone: siteZone)
                switch Self.instant(raw, zone: zone, offset: input[field.name + Self.offsetSuffix]) {
                case .success(let instant): values[field.name] = .integer(instant.epochSeconds)
                case .failure(let problem): errors.add(field.name, problem.rawValue)
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
                let ids = raw.split(separator: ",").map { Int64($0.trimmingCharacters(in: .whitespaces)) }
                if ids.contains(nil) { errors.add(field.name, "error_field_choice") }
                values[field.name] = .rows(ids.compactMap { $0 }.map { [String($0)] })
            case .languages:
                let codes = raw.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                if codes.contains(where: { Language(rawValue: $0) == nil }) { errors.add(field.name, "error_field_choice") }
                values[field.name] = .rows(codes.filter { Language(rawValue: $0) != nil }.map { [$0] })
            case .attachments:
                let rows = RepeatableRows.rows(fromText: raw).filter { !($0.first ?? "").isEmpty }
                if rows.contains(where: { $0.count > 3 || Self.fileNumber($0[0]) == nil
                    || ($0.count > 1 && !$0[1].isEmpty && Language(rawValue: $0[1]) == nil) }) {
                    errors.add(field.name, "error_field_attachments")
                }
                values[field.name] = .rows(rows.map { row in
                    [Self.fileNumber(row[0]).map(String.init) ?? ""] + (1..<3).map { $0 < row.count ? row[$0] : "" }
                })
            case .lines(_, _, let columns):
                let rows = RepeatableRows.rows(fromText: raw).filter { !($0.first ?? "").isEmpty }
                if rows.contains(where: { $0.count > columns.count }) { errors.add(field.name, "error_field_lines") }
                values[field.name] = .rows(rows.map { row in (0..<columns.count).map { $0 < row.count ? row[$0] : "" } })
            }
        }
        if case .integer(let start)? = values["starts_at"], case .integer(let end)? = values["ends_at"], end < start {
            errors.add("ends_at", "error_field_end_before_start")
        }
        return (values, errors)
    }

    /// The file number an attachment line starts with: `12` in `12 report.pdf` or `#12 report.pdf`.
    public static func fileNumber(_ text: String) -> Int64? {
        (text.firstMatch(of: /^#?(\d{1,18})(?:\s|$)/)?.1).flatMap { Int64($0) }
    }

    /// The zone a date-and-time field is read and shown in: the zone its item names, or the site's.
    public func zone(of field: EditableField, in values: [String: String], siteZone: TimeZone) -> TimeZone {
        guard case .instant(let zoneField) = field.kind else { return siteZone }
        return TimeZone(identifier: values[zoneField] ?? "") ?? .gmt
    }

    /// The form field that says which of a repeated local time is meant: `starts_at_offset`.
    public static let offsetSuffix = "_offset"

    /// What is wrong with a local date and time, as the catalog key of its message.
    public enum LocalTimeProblem: String, Error {
        case invalid = "error_field_datetime"
        case repeated = "error_field_time_repeated"
        case skipped = "error_field_time_skipped"
    }

    /// `2026-12-08T14:00` read as wall-clock time in `zone`; a time the clocks show twice needs
    /// `offset`, the seconds from UTC of the one meant.
    public static func instant(_ text: String, zone: TimeZone, offset: String?) -> Result<Date, LocalTimeProblem> {
        guard let local = LocalDateTime(parsing: text) else { return .failure(.invalid) }
        switch local.meaning(in: zone) {
        case .exact(let instant): return .success(instant)
        case .skipped: return .failure(.skipped)
        case .repeated:
            return local.instant(in: zone, offset: offset.flatMap { Int($0) }).map { .success($0) } ?? .failure(.repeated)
        }
    }

    /// The `datetime-local` text of a stored instant in a zone.
    public static func localText(_ epochSeconds: Int64, zone: TimeZone) -> String {
        LocalDateTime(Date(epochSeconds: epochSeconds), zone: zone).text
    }

    /// For a stored instant whose local time the clocks show twice, the offset that says which one
    /// it is, so the form shows it chosen; nil for every other time.
    public static func offsetChoice(_ epochSeconds: Int64, zone: TimeZone) -> String? {
        let instant = Date(epochSeconds: epochSeconds)
        guard case .repeated = LocalDateTime(instant, zone: zone).meaning(in: zone) else { return nil }
        return String(zone.secondsFromGMT(for: instant))
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
