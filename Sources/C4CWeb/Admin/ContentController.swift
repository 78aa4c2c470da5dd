import C4CCore
import C4CStore
import Foundation
import Hummingbird

/// Lists, creates, edits, publishes, schedules, unpublishes and deletes every content type, from
/// its `ContentType` description. Member focal points work on their own organisation's items
/// only, and only as drafts for an editor to review.
struct ContentController<Context: RequestContext>: Sendable {
    let pages: AdminPages
    let gate: AdminGate
    let editor: ContentEditorQueries
    let clock: WallClock
    /// Renders an item's public page whatever its status, for the preview.
    let preview: @Sendable (ContentType, String, String, Int64) async throws -> Response?

    func addRoutes(to router: Router<Context>) {
        for type in ContentTypes.all {
            let base = "/admin/content/\(type.key)"
            let focalPointsReach = Access.content(type, focalPointsToo: true)
            let focalPointsCreate = Access.content(type, focalPointsToo: type.focalPoints == .proposals)
            // A profile stays live while its focal point keeps it current; a proposal is theirs while it is a draft.
            let editRule: ItemRule = type.focalPoints == .ownProfile ? .own(type) : .ownDrafts(type)
            router.admin(.get, base, focalPointsReach, gate: gate) { request, _, admin in try await list(type, request, admin) }
            router.admin(.get, base + "/new", focalPointsCreate, gate: gate) { _, _, admin in
                try await form(type, admin, item: ContentEditorQueries.Item(id: nil, slug: "", lang: "en", status: "draft", publishAt: nil,
                                                                              fields: Self.defaults(type)), errors: [:])
            }
            router.admin(.post, base, focalPointsCreate, rule: .ownDrafts(type, from: .optionalFormField("translation_of")), gate: gate) { _, _, admin in
                try await save(type, id: nil, admin)
            }
            router.admin(.get, base + "/:id", focalPointsReach, rule: editRule, gate: gate) { _, context, admin in
                let id = try context.parameters.require("id", as: Int64.self)
                guard let item = try await editor.load(type, id: id) else { throw HTTPError(.notFound) }
                return try await form(type, admin, item: item, errors: [:])
            }
            router.admin(.post, base + "/:id", focalPointsReach, rule: editRule, gate: gate) { _, context, admin in
                try await save(type, id: try context.parameters.require("id", as: Int64.self), admin)
            }
            router.admin(.get, base + "/:id/translate/:lang", focalPointsCreate, rule: .ownDrafts(type), gate: gate) { _, context, admin in
                let id = try context.parameters.require("id", as: Int64.self)
                guard let language = Language(rawValue: try context.parameters.require("lang")), language != .default else {
                    throw HTTPError(.notFound)
                }
                guard var item = try await editor.load(type, id: id) else { throw HTTPError(.notFound) }
                // The new version starts as a copy of this one, to be translated and saved as a draft.
                item.id = nil
                item.lang = language.rawValue
                item.status = "draft"
                item.publishAt = nil
                return try await form(type, admin, item: item, errors: [:], translationOf: id)
            }
            if type.publicPath != nil {
                router.admin(.get, base + "/:id/preview", focalPointsReach, rule: .own(type), gate: gate) { _, context, _ in
                    let id = try context.parameters.require("id", as: Int64.self)
                    guard let item = try await editor.load(type, id: id),
                          let page = try await preview(type, item.slug, item.lang, id) else { throw HTTPError(.notFound) }
                    return page
                }
            }
            router.admin(.get, base + "/:id/delete", .editors, gate: gate) { _, context, admin in
                try await deletePage(type, id: try context.parameters.require("id", as: Int64.self), admin, redirect: "", error: nil)
            }
            router.admin(.post, base + "/:id/delete", .editors, gate: gate) { _, context, admin in
                let id = try context.parameters.require("id", as: Int64.self)
                let typed = admin.form["redirect"]
                let target = typed.trimmingCharacters(in: .whitespaces)
                // Checked as typed, so a tab or line break around the address is refused, not trimmed away.
                guard target.isEmpty || (SafeURL.isRedirectTarget(target) && !SafeURL.hasControlCharacters(typed)) else {
                    let problem = SafeURL.hasControlCharacters(typed) ? "error_field_url_control" : "error_field_redirect"
                    return try await deletePage(type, id: id, admin, redirect: typed,
                                                error: pages.renderer.text(problem, .default), status: .unprocessableContent)
                }
                try await editor.delete(type, id: id, redirectTo: target.isEmpty ? nil : target, userID: admin.user.id, now: clock.now)
                return Response.redirect(to: base + "?deleted=1")
            }
            router.admin(.get, base + "/:id/revisions", .editors, gate: gate) { _, context, admin in
                let id = try context.parameters.require("id", as: Int64.self)
                let revisions = try await editor.revisions(type, id: id)
                return try await pages.render("admin/content-revisions", title: pages.renderer.text("admin_revisions", .default),
                                              user: admin.user, path: admin.path, page: RevisionsView(
                                                  backHref: "\(base)/\(id)",
                                                  revisions: revisions.enumerated().map { index, revision in
                                                      let older = index + 1 < revisions.count ? revisions[index + 1].fields : [:]
                                                      // Which of a repeated time is meant counts as a change of the time itself.
                                                      let changed = revision.fields.keys.filter { revision.fields[$0] != older[$0] }
                                                          .map { $0.hasSuffix(ContentType.offsetSuffix) ? String($0.dropLast(ContentType.offsetSuffix.count)) : $0 }
                                                      return .init(id: revision.id, at: Self.timestamp(revision.at), user: revision.userName ?? "—",
                                                                   changes: Set(changed).sorted()
                                                                       .map { pages.renderer.text("field_\($0)", .default) }.joined(separator: ", "),
                                                                   restoreHref: "\(base)/\(id)/revisions/\(revision.id)")
                                                  }))
            }
            router.admin(.get, base + "/:id/revisions/:revision", .editors, gate: gate) { _, context, admin in
                let id = try context.parameters.require("id", as: Int64.self)
                let revisionID = try context.parameters.require("revision", as: Int64.self)
                guard var item = try await editor.load(type, id: id),
                      let revision = try await editor.revisions(type, id: id).first(where: { $0.id == revisionID }) else { throw HTTPError(.notFound) }
                // The form opens with the old version's text; saving it restores it as a new revision.
                item.fields.merge(revision.fields.filter { $0.key != "status" }) { _, old in old }
                item.slug = revision.fields["slug"] ?? item.slug
                return try await form(type, admin, item: item, errors: [:],
                                      notice: pages.renderer.catalog.text("admin_revision_loaded", .default, ["when": Self.timestamp(revision.at)]))
            }
        }
    }

    static func timestamp(_ epoch: Int64) -> String {
        Date(epochSeconds: epoch).formatted(Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day().time(includingFractionalSeconds: false))
    }

    static func defaults(_ type: ContentType) -> [String: String] {
        var fields: [String: String] = [:]
        for field in type.fields {
            switch field.kind {
            case .timeZone: fields[field.name] = "UTC"
            case .choice(let options): fields[field.name] = options.first ?? ""
            case .flag where field.name == "online": fields[field.name] = "on"
            default: break
            }
        }
        return fields
    }

    // MARK: List

    struct ListView: Sendable, Encodable {
        struct Row: Sendable, Encodable {
            let title: String
            let href: String
            let status: String
            let updated: String
            let publicHref: String?
        }
        let heading: String
        let newHref: String?
        let rows: [Row]
        let search: String
        let statuses: [ChoiceOption]
        let sortByTitle: Bool
        let action: String
        let count: String
    }

    func list(_ type: ContentType, _ request: Request, _ admin: AdminRequest) async throws -> Response {
        let search = request.query("q"), status = request.query("status"), sort = request.query("sort") ?? "updated"
        let organisation = admin.user.roleValue == .focalPoint ? (admin.user.organisationId ?? -1) : nil
        let result = try await editor.list(type, search: search, status: status, sort: sort, organisationID: organisation, page: request.pageNumber)
        let siteZone = try await pages.settings.siteSettings().timeZone
        let base = "/admin/content/\(type.key)"
        let view = ListView(
            heading: pages.renderer.text("admin_type_\(type.key)", .default),
            newHref: organisation != nil && type.focalPoints != .proposals ? nil : base + "/new",
            rows: result.rows.map { row in
                .init(title: row.title, href: "\(base)/\(row.id)", status: statusLabel(row.status, row.publishAt, siteZone),
                      updated: Self.timestamp(row.updatedAt),
                      publicHref: row.status == "draft" ? nil : type.publicAddress(slug: row.slug).map { (row.lang == "en" ? "" : "/\(row.lang)") + $0 })
            },
            search: search ?? "",
            statuses: ([""] + PublicationStatus.allCases.map(\.rawValue)).map {
                ChoiceOption(value: $0, label: pages.renderer.text($0.isEmpty ? "admin_status_any" : "admin_status_\($0)", .default), selected: $0 == (status ?? ""))
            },
            sortByTitle: sort == "title", action: base,
            count: pages.renderer.catalog.counted("admin_items", .default, count: result.total)
        )
        return try await pages.render("admin/content-list", title: view.heading, user: admin.user, path: admin.path, page: view,
                                      notice: request.query("deleted") != nil ? pages.renderer.text("admin_deleted", .default) : nil)
    }

    func statusLabel(_ status: String, _ publishAt: Int64?, _ siteZone: TimeZone) -> String {
        if status == "scheduled", let publishAt {
            return pages.renderer.catalog.text("admin_status_scheduled_for", .default, ["when": LocalTimeText.siteTime(publishAt, zone: siteZone)])
        }
        return pages.renderer.text("admin_status_\(status)", .default)
    }

    // MARK: Form

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

    // MARK: Save

    func save(_ type: ContentType, id: Int64?, _ admin: AdminRequest) async throws -> Response {
        let posted = admin.form
        let siteZone = try await pages.settings.siteSettings().timeZone
        var input: [String: String] = [:]
        for field in type.fields {
            switch field.kind {
            case .links, .languages: input[field.name] = posted.all(field.name).joined(separator: ",")
            case .instant, .siteInstant:
                input[field.name] = posted[field.name]
                // Posted only while the form asks which of a repeated time is meant.
                let offset = posted[field.name + ContentType.offsetSuffix]
                if !offset.isEmpty { input[field.name + ContentType.offsetSuffix] = offset }
            default: input[field.name] = posted[field.name]
            }
        }
        let action = posted["action"]
        let isEditor = admin.user.roleValue != .focalPoint
        if !isEditor && ["publish", "schedule", "unpublish"].contains(action) {
            throw HTTPError(.forbidden, message: "Member focal points propose content as drafts; an editor publishes it.")
        }
        let existing = try await id.asyncMap { try await editor.load(type, id: $0) } ?? nil
        if id != nil && existing == nil { throw HTTPError(.notFound) }
        if !isEditor {
            let organisation = admin.user.organisationId ?? -1
            let stored = existing?.fields ?? Self.defaults(type)
            let sent = input.filter { name, _ in posted.pairs.contains { $0.0 == name } }
            guard type.fieldsRefusedToFocalPoint(posted: sent, stored: stored, organisationID: organisation).isEmpty else {
                throw HTTPError(.forbidden, message: "Only an editor can change this. Your organisation's items are credited to it alone.")
            }
            input = type.inputForFocalPoint(input, stored: stored, organisationID: organisation)
            // A kept time the clocks show twice keeps which of the two it is.
            for field in type.fields where field.setter == .editorsOnly {
                input[field.name + ContentType.offsetSuffix] = stored[field.name + ContentType.offsetSuffix]
            }
        }
        var (values, fieldErrors) = type.validate(input, siteZone: siteZone)
        let slug = posted.trimmed("slug").isEmpty ? Slug.make(from: input[type.titleField] ?? "") : posted.trimmed("slug")
        if !Slug.isValid(slug) { fieldErrors.add("slug", "error_field_slug") }
        let now = clock.now
        var status = PublicationStatus(rawValue: existing?.status ?? "draft") ?? .draft
        var publishAt = existing?.publishAt
        switch action {
        case "publish":
            status = .published
            publishAt = now.epochSeconds
        case "schedule":
            switch ContentType.instant(posted.trimmed("publish_at"), zone: siteZone, offset: posted["publish_at" + ContentType.offsetSuffix]) {
            case .success(let when):
                status = .scheduled
                publishAt = when.epochSeconds
            case .failure(let problem):
                fieldErrors.add("publish_at", posted.trimmed("publish_at").isEmpty ? "error_field_schedule" : problem.rawValue)
            }
        case "unpublish", "draft":
            if action == "unpublish" || existing == nil { status = .draft }
        default:
            break
        }
        if !isEditor { status = existing.map { PublicationStatus(rawValue: $0.status) ?? .draft } ?? .draft }
        if status != .draft {
            let images = type.fields.compactMap { field -> Int64? in
                guard case .image = field.kind, case .integer(let id)? = values[field.name] else { return nil }
                return id
            }
            if let problem = try await editor.imageProblems(ids: images).first {
                fieldErrors.add("publish", problem.rawValue)
                status = PublicationStatus(rawValue: existing?.status ?? "draft") ?? .draft
            }
        }
        let newLanguage = Language(rawValue: posted["lang"]) ?? .default
        let translationOf = existing == nil ? Int64(posted["translation_of"]) : nil
        let item = ContentEditorQueries.Item(id: id, slug: slug, lang: existing?.lang ?? newLanguage.rawValue, status: existing?.status ?? "draft",
                                             publishAt: existing?.publishAt, fields: input.merging([
                                                 "publish_at": posted["publish_at"],
                                                 "publish_at" + ContentType.offsetSuffix: posted["publish_at" + ContentType.offsetSuffix],
                                             ]) { typed, _ in typed })
        guard fieldErrors.isEmpty else {
            return try await form(type, admin, item: item, errors: fieldErrors.messages.mapValues { pages.renderer.text($0, .default) },
                                  status: .unprocessableContent, translationOf: translationOf)
        }
        do {
            let saved = try await editor.save(type, id: id, slug: slug, lang: item.lang, status: status, publishAt: publishAt,
                                              values: values, formText: input, userID: admin.user.id,
                                              organisationID: isEditor ? nil : admin.user.organisationId,
                                              translationOf: translationOf, now: now)
            return Response.redirect(to: "/admin/content/\(type.key)/\(saved)?saved=1")
        } catch ContentEditorQueries.SaveError.noLongerYours {
            throw HTTPError(.forbidden, message: "This item was published or changed hands while you edited it; ask an editor to change it.")
        } catch ContentEditorQueries.SaveError.slugTaken {
            return try await form(type, admin, item: item, errors: ["slug": pages.renderer.text("error_field_slug_taken", .default)],
                                  status: .unprocessableContent, translationOf: translationOf)
        } catch ContentEditorQueries.SaveError.unknownFile(let field, let name) {
            return try await form(type, admin, item: item,
                                  errors: [field: pages.renderer.catalog.text("error_field_unknown_file", .default, ["name": name])],
                                  status: .unprocessableContent, translationOf: translationOf)
        } catch ContentEditorQueries.SaveError.missingReference(let field, let id) {
            let key = switch type.fields.first(where: { $0.name == field })?.kind {
            case .image?: "error_field_missing_image"
            case .document?: "error_field_unknown_file"
            default: "error_field_missing_item"
            }
            return try await form(type, admin, item: item,
                                  errors: [field: pages.renderer.catalog.text(key, .default, ["name": String(id), "number": String(id)])],
                                  status: .unprocessableContent, translationOf: translationOf)
        } catch ContentEditorQueries.SaveError.translationExists {
            return try await form(type, admin, item: item, errors: ["publish": pages.renderer.text("error_translation_exists", .default)],
                                  status: .unprocessableContent, translationOf: translationOf)
        }
    }

    struct DeleteView: Sendable, Encodable {
        let title: String
        let action: String
        let backHref: String
        let hasPublicAddress: Bool
        /// Where visitors are sent instead, as typed, and what is wrong with it.
        let redirect: String
        let redirectError: String?
    }

    func deletePage(_ type: ContentType, id: Int64, _ admin: AdminRequest, redirect: String, error: String?,
                    status: HTTPResponse.Status = .ok) async throws -> Response {
        guard let item = try await editor.load(type, id: id) else { throw HTTPError(.notFound) }
        let base = "/admin/content/\(type.key)"
        return try await pages.render("admin/content-delete", title: pages.renderer.text("admin_delete", .default), user: admin.user,
                                      path: admin.path, page: DeleteView(
                                          title: item.fields[type.titleField] ?? item.slug, action: "\(base)/\(id)/delete",
                                          backHref: "\(base)/\(id)", hasPublicAddress: type.publicPath != nil,
                                          redirect: redirect, redirectError: error), status: status)
    }

    struct RevisionsView: Sendable, Encodable {
        struct Row: Sendable, Encodable {
            let id: Int64
            let at: String
            let user: String
            let changes: String
            let restoreHref: String
        }
        let backHref: String
        let revisions: [Row]
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        switch self {
        case .some(let value): try await transform(value)
        case .none: nil
        }
    }
}
