import C4CCore
import C4CStore
import Foundation
import Hummingbird

/// The form an item is created and edited in.
extension ContentController {
    struct FormView: Sendable, Encodable {
        struct Field: Sendable, Encodable {
            let name: String
            let label: String
            let hint: String
            let inputType: String
            let isTextarea: Bool
            let isSelect: Bool
            let isCheckbox: Bool
            let isCheckboxList: Bool
            let value: String
            let checked: Bool
            let required: Bool
            let options: [ChoiceOption]
            let error: String?
            let rows: Int
            /// The zone a date and time is read in, named beside it when it is the site's.
            let zoneNote: String?
            /// Which reading of a time the clocks show twice: `<field>_offset`.
            let offsetQuestion: String
            let offsetOptions: [ChoiceOption]
            let hasOffsetChoice: Bool
            /// The ids of the hint and zone note, for `aria-describedby`.
            let describedBy: String
        }
        let heading: String
        let action: String
        let fields: [Field]
        let slug: String
        let slugError: String?
        let status: String
        let publishAt: String
        let publishAtError: String?
        let publishAtZoneNote: String
        let publishAtOffsetQuestion: String
        let publishAtOffsetOptions: [ChoiceOption]
        let publishAtHasOffsetChoice: Bool
        let publishError: String?
        let canPublish: Bool
        let isExisting: Bool
        let deleteHref: String?
        let revisionsHref: String?
        let registrationsHref: String?
        let previewHref: String?
        let lang: String
        let languageName: String
        let translationOf: String?
        let translations: [TranslationLink]
        let publicHref: String?
        let listHref: String
    }

    func form(_ type: ContentType, _ admin: AdminRequest, item: ContentEditorQueries.Item, errors: [String: String],
              notice: String? = nil, status: HTTPResponse.Status = .ok, translationOf: Int64? = nil) async throws -> Response {
        let t = { (key: String) in pages.renderer.text(key, .default) }
        let times = LocalTimeText(catalog: pages.renderer.catalog)
        let siteZone = try await pages.settings.siteSettings().timeZone
        var fields: [FormView.Field] = []
        let isEditor = admin.user.roleValue != .focalPoint
        for field in type.fields where isEditor || field.setter == .anyone {
            let value = item.fields[field.name] ?? ""
            var options: [ChoiceOption] = [], offsetOptions: [ChoiceOption] = [], zoneNote: String?
            var inputType = "text", isTextarea = false, isSelect = false, isCheckbox = false, isCheckboxList = false, rows = 4
            let chosen = Set(value.split(separator: ",").map(String.init))
            switch field.kind {
            case .text: inputType = "text"
            case .longText: isTextarea = true
            case .markdown: isTextarea = true; rows = 12
            case .url: inputType = "url"
            case .email: inputType = "email"
            case .integer: inputType = "number"
            case .date: inputType = "date"
            case .instant, .siteInstant:
                inputType = "datetime-local"
                let zone = type.zone(of: field, in: item.fields, siteZone: siteZone)
                offsetOptions = times.offsetOptions(value, zone: zone, chosen: item.fields[field.name + ContentType.offsetSuffix])
                if case .siteInstant = field.kind { zoneNote = times.siteZoneNote(zone) }
            case .timeZone:
                isSelect = true
                options = ContentTypes.zones.map { ChoiceOption(value: $0, label: $0, selected: $0 == value) }
            case .choice(let values):
                isSelect = true
                options = values.map { ChoiceOption(value: $0, label: $0.isEmpty ? "—" : pages.renderer.catalog.text("choice_\($0)", .default), selected: $0 == value) }
            case .flag: isCheckbox = true
            case .image, .reference, .document:
                isSelect = true
                options = [ChoiceOption(value: "", label: "—", selected: value.isEmpty)]
                    + (try await editor.options(for: field, current: value)).map { ChoiceOption(value: String($0.id), label: $0.label, selected: String($0.id) == value) }
                options += missingChoices(options, chosen: value.isEmpty ? [] : [value])
            case .lines, .attachments: isTextarea = true
            case .links:
                isCheckboxList = true
                options = (try await editor.options(for: field)).map { ChoiceOption(value: String($0.id), label: $0.label, selected: chosen.contains(String($0.id))) }
                options += missingChoices(options, chosen: chosen)
            case .languages:
                isCheckboxList = true
                options = Language.allCases.map { ChoiceOption(value: $0.rawValue, label: $0.nativeName, selected: chosen.contains($0.rawValue)) }
            }
            let hint = pages.renderer.catalog.table(for: .default)["hint_\(type.key)_\(field.name)"]
                ?? pages.renderer.catalog.table(for: .default)["hint_\(field.name)"] ?? ""
            fields.append(.init(name: field.name, label: t("field_\(field.name)"), hint: hint,
                                inputType: inputType, isTextarea: isTextarea, isSelect: isSelect, isCheckbox: isCheckbox,
                                isCheckboxList: isCheckboxList,
                                value: value, checked: value == "on", required: field.required, options: options,
                                error: errors[field.name], rows: rows, zoneNote: zoneNote,
                                offsetQuestion: times.offsetQuestion(value), offsetOptions: offsetOptions, hasOffsetChoice: !offsetOptions.isEmpty,
                                describedBy: [hint.isEmpty ? nil : "hint-\(field.name)", zoneNote == nil ? nil : "zone-\(field.name)"]
                                    .compactMap { $0 }.joined(separator: " ")))
        }
        let base = "/admin/content/\(type.key)"
        // What the editor typed, when the form comes back; else the stored time, in the site's zone.
        let publishAt = item.fields["publish_at"] ?? item.publishAt.map { ContentType.localText($0, zone: siteZone) } ?? ""
        let publishAtOffset = item.fields["publish_at" + ContentType.offsetSuffix]
            ?? item.publishAt.flatMap { ContentType.offsetChoice($0, zone: siteZone) }
        let publishAtOffsetOptions = times.offsetOptions(publishAt, zone: siteZone, chosen: publishAtOffset)
        let view = FormView(
            heading: item.id == nil ? pages.renderer.catalog.text("admin_new", .default, ["type": t("admin_type_\(type.key)")])
                                    : (item.fields[type.titleField] ?? item.slug),
            action: item.id.map { "\(base)/\($0)" } ?? base,
            fields: fields, slug: item.slug, slugError: errors["slug"],
            status: statusLabel(item.status, item.publishAt, siteZone),
            publishAt: publishAt, publishAtError: errors["publish_at"], publishAtZoneNote: times.siteZoneNote(siteZone),
            publishAtOffsetQuestion: times.offsetQuestion(publishAt),
            publishAtOffsetOptions: publishAtOffsetOptions, publishAtHasOffsetChoice: !publishAtOffsetOptions.isEmpty,
            publishError: errors["publish"], canPublish: isEditor, isExisting: item.id != nil,
            deleteHref: isEditor ? item.id.map { "\(base)/\($0)/delete" } : nil,
            revisionsHref: isEditor ? item.id.map { "\(base)/\($0)/revisions" } : nil,
            registrationsHref: isEditor && type.key == "events" && item.fields["registration"] == "builtin"
                ? item.id.map { "/admin/events/\($0)/registrations" } : nil,
            previewHref: type.publicPath == nil ? nil : item.id.map { "\(base)/\($0)/preview" },
            lang: item.lang, languageName: Language(rawValue: item.lang)?.nativeName ?? item.lang,
            translationOf: translationOf.map(String.init),
            translations: try await translationLinks(type, item, base),
            publicHref: item.status == "draft" ? nil : type.publicAddress(slug: item.slug),
            listHref: base
        )
        return try await pages.render("admin/content-form", title: view.heading, user: admin.user, path: admin.path, page: view,
                                      notice: notice, status: status)
    }

    /// A chosen id the database does not hold, kept chosen so the editor sees what was sent.
    func missingChoices(_ options: [ChoiceOption], chosen: Set<String>) -> [ChoiceOption] {
        let known = Set(options.map(\.value))
        return chosen.subtracting(known).sorted().map {
            ChoiceOption(value: $0, label: pages.renderer.catalog.text("admin_missing_choice", .default, ["number": $0]), selected: true)
        }
    }

    struct TranslationLink: Sendable, Encodable {
        let label: String
        let href: String
        let exists: Bool
    }

    /// For a saved item: each other language, linking to its version or to a new one.
    func translationLinks(_ type: ContentType, _ item: ContentEditorQueries.Item, _ base: String) async throws -> [TranslationLink] {
        guard let id = item.id else { return [] }
        let existing = Dictionary(try await editor.translations(type, id: id).map { ($0.lang, $0.id) }) { first, _ in first }
        return Language.allCases.filter { $0.rawValue != item.lang }.map { language in
            if let other = existing[language.rawValue] {
                return TranslationLink(label: language.nativeName, href: "\(base)/\(other)", exists: true)
            }
            return TranslationLink(label: pages.renderer.catalog.text("admin_translate_into", .default, ["language": language.nativeName]),
                                   href: "\(base)/\(id)/translate/\(language.rawValue)", exists: false)
        }
    }
}
