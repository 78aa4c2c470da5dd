import C4CCore
import C4CStore
import Foundation
import Hummingbird

/// The list of a content type's items: filters that combine, sortable columns, pages, and (for
/// editors) a form that acts on the ticked items.
extension ContentController {
    struct ListView: Sendable, Encodable {
        struct Row: Sendable, Encodable {
            let id: String
            let title: String
            let href: String
            let status: String
            let language: String
            let lang: String
            let author: String
            let updated: String
            let publicHref: String?
            /// The checkbox's accessible name: "Select Streets that teach".
            let selectLabel: String
            /// The other languages of the item's group: "fr ✓ · es out of date · pt missing".
            let translations: [TranslationCell]
        }
        struct TranslationCell: Sendable, Encodable {
            let code: String
            /// A mark or a short word, hidden from screen readers, which read `words` instead.
            let shown: String
            let words: String
            let state: String
        }
        struct Column: Sendable, Encodable {
            let label: String
            let href: String
            /// `ascending` or `descending` on the column the list is sorted by.
            let ariaSort: String?
        }
        struct Bulk: Sendable, Encodable {
            let action: String
            let actions: [ChoiceOption]
            /// The list's own filters, sort and page, so the confirmation leads back to it.
            let list: String
            let error: String?
        }
        let heading: String
        let newHref: String?
        let rows: [Row]
        let hasRows: Bool
        let action: String
        let search: String
        let statuses: [ChoiceOption]
        let languages: [ChoiceOption]
        let organisations: [ChoiceOption]
        let showOrganisations: Bool
        let authors: [ChoiceOption]
        let showAuthors: Bool
        let translationNeeds: [ChoiceOption]
        let myDraftsHref: String
        let myDrafts: Bool
        let clearHref: String?
        let columns: [Column]
        let count: String
        let pagination: Pagination
        let bulk: Bulk?
    }

    func list(_ type: ContentType, _ request: Request, _ admin: AdminRequest) async throws -> Response {
        let query = ContentListQuery { request.query($0) }
        let isEditor = admin.user.roleValue != .focalPoint
        let reach = isEditor ? nil : (admin.user.organisationId ?? -1)
        let result = try await editor.list(type, query.filter, reachOf: reach)
        let states = try await editor.translationStates(type, groups: Set(result.rows.map(\.translationGroup)))
        let siteZone = try await pages.settings.siteSettings().timeZone
        let base = "/admin/content/\(type.key)"
        let text = { (key: String) in pages.renderer.text(key, EditorLanguage.current) }
        func option(_ value: String, _ label: String, _ chosen: String) -> ChoiceOption {
            ChoiceOption(value: value, label: label, selected: value == chosen)
        }
        let hasOwner = type.owner != .none && type.owner != .itself
        let organisations = isEditor && hasOwner ? try await editor.organisations() : []
        let authors = isEditor ? try await editor.authors(type) : []
        var myDrafts = ContentListQuery()
        myDrafts.status = .draft
        myDrafts.authorID = admin.user.id
        let columns: [(ContentEditorQueries.ListSort, String)] = [(.title, "admin_title"), (.status, "admin_status"),
                                                                  (.language, "admin_language"), (.updated, "admin_updated")]
        let view = ListView(
            heading: text("admin_type_\(type.key)"),
            newHref: !isEditor && type.focalPoints != .proposals ? nil : base + "/new",
            rows: result.rows.map { row in
                .init(id: String(row.id), title: row.title, href: "\(base)/\(row.id)", status: statusLabel(row.status, row.publishAt, siteZone),
                      language: Language(rawValue: row.lang)?.nativeName ?? row.lang, lang: row.lang, author: row.authorName ?? "",
                      updated: Self.timestamp(row.updatedAt),
                      publicHref: row.status == "draft" ? nil : type.publicAddress(slug: row.slug).map { (row.lang == "en" ? "" : "/\(row.lang)") + $0 },
                      selectLabel: pages.renderer.catalog.text("admin_bulk_select_item", EditorLanguage.current, ["title": row.title]),
                      translations: translationCells(states[row.translationGroup] ?? [:], besides: row.lang))
            },
            hasRows: !result.rows.isEmpty,
            action: base, search: query.search,
            statuses: [option("", text("admin_status_any"), query.status?.rawValue ?? "")]
                + PublicationStatus.allCases.map { option($0.rawValue, text("admin_status_\($0.rawValue)"), query.status?.rawValue ?? "") },
            languages: [option("", text("admin_language_any"), query.language?.rawValue ?? "")]
                + Language.allCases.map { option($0.rawValue, $0.nativeName, query.language?.rawValue ?? "") },
            organisations: [option("", text("admin_organisation_any"), query.organisationID.map(String.init) ?? "")]
                + organisations.map { option(String($0.id), $0.name, query.organisationID.map(String.init) ?? "") },
            showOrganisations: !organisations.isEmpty,
            authors: [option("", text("admin_author_any"), query.authorID.map(String.init) ?? "")]
                + authors.map { option(String($0.id), $0.name, query.authorID.map(String.init) ?? "") },
            showAuthors: !authors.isEmpty,
            translationNeeds: [option("", text("admin_translation_any"), query.translation?.rawValue ?? "")]
                + TranslationNeed.all.filter { $0.state == .missing || $0.language != .default }.map {
                    option($0.rawValue, pages.renderer.catalog.text("admin_translation_\($0.state.rawValue)_in", EditorLanguage.current,
                                                                    ["language": Self.languageName($0.language)]),
                           query.translation?.rawValue ?? "")
                },
            myDraftsHref: QueryString.href(base, myDrafts.parameters),
            myDrafts: query.status == .draft && query.authorID == admin.user.id,
            clearHref: query.isFiltered ? base : nil,
            columns: columns.map { column, key in
                .init(label: text(key), href: QueryString.href(base, query.sorted(by: column).parameters),
                      ariaSort: query.sort == column ? (query.descending ? "descending" : "ascending") : nil)
            },
            count: pages.renderer.catalog.counted("admin_items", EditorLanguage.current, count: result.total),
            pagination: Pagination(path: base, parameters: query.parameters, page: query.page, pageSize: ContentEditorQueries.pageSize,
                                   total: result.total, label: text("pagination_label")),
            bulk: isEditor ? bulkForm(type, list: query.queryString, error: request.query("bulk") == "choose" ? text("error_bulk_choose") : nil) : nil
        )
        return try await pages.render("admin/content-list", title: view.heading, user: admin.user, path: admin.path, page: view,
                                      notice: request.query("deleted") != nil ? text("admin_deleted") : nil)
    }

    func bulkForm(_ type: ContentType, list: String, error: String?) -> ListView.Bulk {
        .init(action: "/admin/content/\(type.key)/bulk",
              actions: [ChoiceOption(value: "", label: pages.renderer.text("admin_bulk_choose", EditorLanguage.current), selected: false)]
                + BulkAction.allCases.map { ChoiceOption(value: $0.rawValue, label: pages.renderer.text($0.labelKey, EditorLanguage.current), selected: false) },
              list: list, error: error)
    }

    /// Each language but the row's own, with where its translation stands.
    func translationCells(_ states: [Language: ContentEditorQueries.TranslationState], besides lang: String) -> [ListView.TranslationCell] {
        Language.allCases.filter { $0.rawValue != lang }.map { language in
            let state = states[language] ?? .missing
            let shown = state == .current ? "✓" : pages.renderer.text("admin_translation_\(state.rawValue)", EditorLanguage.current)
            return .init(code: language.rawValue, shown: shown,
                         words: pages.renderer.catalog.text("admin_translation_\(state.rawValue)_words", EditorLanguage.current,
                                                            ["language": Self.languageName(language)]),
                         state: state.rawValue)
        }
    }

    /// A language's name as the editor's language writes it: "French", "français", "الفرنسية".
    static func languageName(_ language: Language) -> String {
        EditorLanguage.current.locale.localizedString(forLanguageCode: language.rawValue) ?? language.nativeName
    }

    func statusLabel(_ status: String, _ publishAt: Int64?, _ siteZone: TimeZone) -> String {
        if status == "scheduled", let publishAt {
            return pages.renderer.catalog.text("admin_status_scheduled_for", EditorLanguage.current, ["when": LocalTimeText.siteTime(publishAt, zone: siteZone)])
        }
        return pages.renderer.text("admin_status_\(status)", EditorLanguage.current)
    }
}
