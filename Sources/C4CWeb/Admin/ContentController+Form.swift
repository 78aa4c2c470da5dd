import C4CCore
import C4CStore
import Foundation
import Hummingbird

/// The form an item is created and edited in: its fields in panels, and beside them the publishing
/// panel with the status, languages, schedule, checks and save buttons.
extension ContentController {
    struct FormView: Sendable, Encodable {
        struct Panel: Sendable, Encodable {
            let id: String
            let title: String
            let fields: [FieldView]
        }
        let heading: String
        let action: String
        let panels: [Panel]
        let slug: String
        let slugError: String?
        /// The public address up to the slug, e.g. `https://example.org/fr/events/`.
        let addressPrefix: String?
        let status: String
        let publishAt: String
        let publishAtError: String?
        let publishAtZoneNote: String
        let publishAtOffsetQuestion: String
        let publishAtOffsetOptions: [ChoiceOption]
        let publishAtHasOffsetChoice: Bool
        let publishError: String?
        let checks: [PublishingCheckView]
        let hasChecks: Bool
        let canPublish: Bool
        /// "Save draft" while it is one; "Save changes" once it is published or scheduled, which saving keeps.
        let saveLabel: String
        let isExisting: Bool
        let deleteHref: String?
        let revisionsHref: String?
        let registrationsHref: String?
        let previewHref: String?
        let lang: String
        let languageName: String
        let translationOf: String?
        let translations: [TranslationLink]
        let hasTranslations: Bool
        let publicHref: String?
        let listHref: String
        let editing: EditingState
    }

    /// What the form shows beyond the item itself: the words typed into image searches, and whether
    /// the Markdown fields are shown rendered.
    struct EditorState: Sendable {
        var imageSearches: [String: String] = [:]
        var previewing = false
        /// Empty rows to offer beyond the usual one, after the editor pressed "Add".
        var extraRows: [String: Int] = [:]
    }

    func form(_ type: ContentType, _ admin: AdminRequest, item: ContentEditorQueries.Item, errors: [String: String],
              notice: String? = nil, status: HTTPResponse.Status = .ok, translationOf: Int64? = nil,
              state: EditorState = EditorState()) async throws -> Response {
        let t = { (key: String) in pages.renderer.text(key, EditorLanguage.current) }
        let times = LocalTimeText(catalog: pages.renderer.catalog)
        let siteZone = try await pages.settings.siteSettings().timeZone
        let isEditor = admin.user.roleValue != .focalPoint
        var byName: [String: FieldView] = [:]
        for field in type.fields where isEditor || field.setter == .anyone {
            byName[field.name] = try await fieldView(type, field, item: item, errors: errors, siteZone: siteZone, times: times, state: state)
        }
        let panels = type.panels.compactMap { panel -> FormView.Panel? in
            let fields = panel.fields.compactMap { byName[$0] }
            guard !fields.isEmpty else { return nil }
            return FormView.Panel(id: "panel-\(panel.key)", title: panelTitle(type, panel), fields: fields)
        }
        let base = "/admin/content/\(type.key)"
        // What the editor typed, when the form comes back; else the stored time, in the site's zone.
        let publishAt = item.fields["publish_at"] ?? item.publishAt.map { ContentType.localText($0, zone: siteZone) } ?? ""
        let publishAtOffset = item.fields["publish_at" + ContentType.offsetSuffix]
            ?? item.publishAt.flatMap { ContentType.offsetChoice($0, zone: siteZone) }
        let publishAtOffsetOptions = times.offsetOptions(publishAt, zone: siteZone, chosen: publishAtOffset)
        let languagePrefix = item.lang == Language.default.rawValue ? "" : "/\(item.lang)"
        let checks = try await publishingChecks(type, item)
        let translations = try await translationLinks(type, item, base)
        let view = FormView(
            heading: item.id == nil ? t("admin_new_\(type.key)") : (item.fields[type.titleField] ?? item.slug),
            action: item.id.map { "\(base)/\($0)" } ?? base,
            panels: panels, slug: item.slug, slugError: errors["slug"],
            addressPrefix: type.publicPath.map { pages.renderer.publicURL + languagePrefix + $0 + "/" },
            status: statusLabel(item.status, item.publishAt, siteZone),
            publishAt: publishAt, publishAtError: errors["publish_at"], publishAtZoneNote: times.siteZoneNote(siteZone),
            publishAtOffsetQuestion: times.offsetQuestion(publishAt),
            publishAtOffsetOptions: publishAtOffsetOptions, publishAtHasOffsetChoice: !publishAtOffsetOptions.isEmpty,
            publishError: errors["publish"], checks: checks, hasChecks: !checks.isEmpty, canPublish: isEditor,
            saveLabel: t(item.status == "draft" ? "admin_save_draft" : "admin_save_changes"), isExisting: item.id != nil,
            deleteHref: isEditor ? item.id.map { "\(base)/\($0)/delete" } : nil,
            revisionsHref: isEditor ? item.id.map { "\(base)/\($0)/revisions" } : nil,
            registrationsHref: isEditor && type.key == "events" && item.fields["registration"] == "builtin"
                ? item.id.map { "/admin/events/\($0)/registrations" } : nil,
            previewHref: type.publicPath == nil ? nil : item.id.map { "\(base)/\($0)/preview" },
            lang: item.lang, languageName: Language(rawValue: item.lang)?.nativeName ?? item.lang,
            translationOf: translationOf.map(String.init),
            translations: translations, hasTranslations: !translations.isEmpty,
            publicHref: item.status == "draft" ? nil : type.publicAddress(slug: item.slug).map { languagePrefix + $0 },
            listHref: base,
            editing: try await editingState(type, item, admin)
        )
        return try await pages.render("admin/content-form", title: view.heading, user: admin.user, path: admin.path, page: view,
                                      notice: notice, status: status)
    }

    /// A panel's title: its own for the type ("Speakers and content"), else the shared one ("Content").
    func panelTitle(_ type: ContentType, _ panel: FormPanel) -> String {
        let table = pages.renderer.catalog.table(for: EditorLanguage.current)
        return table["panel_\(type.key)_\(panel.key)"] ?? table["panel_\(panel.key)"] ?? panel.key
    }

    /// A chosen id the database does not hold, kept chosen so the editor sees what was sent.
    func missingChoices(_ options: [ChoiceOption], chosen: Set<String>) -> [ChoiceOption] {
        let known = Set(options.map(\.value))
        return chosen.subtracting(known).sorted().map {
            ChoiceOption(value: $0, label: pages.renderer.catalog.text("admin_missing_choice", EditorLanguage.current, ["number": $0]), selected: true)
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
            return TranslationLink(label: pages.renderer.catalog.text("admin_translate_into", EditorLanguage.current, ["language": language.nativeName]),
                                   href: "\(base)/\(id)/translate/\(language.rawValue)", exists: false)
        }
    }
}
