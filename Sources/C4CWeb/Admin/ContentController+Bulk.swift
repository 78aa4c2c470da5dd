import C4CCore
import C4CStore
import Foundation
import Hummingbird

/// What an editor may do to several items at once.
enum BulkAction: String, Sendable, CaseIterable {
    case publish, unpublish, delete

    var labelKey: String { "admin_bulk_\(rawValue)" }
}

/// Publishing, unpublishing or deleting the items ticked in a list. The list's form only asks:
/// a confirmation page names the items, and its own form acts. Each item goes through the same
/// write as its single form (revision, audit entry, search index, content version) and the same
/// checks, so an item that may not be published stays as it is and is listed with the reason.
extension ContentController {
    struct BulkView: Sendable, Encodable {
        struct Item: Sendable, Encodable {
            let title: String
            var status: String
            let language: String
            let lang: String
            /// Why it was left as it was, after the action.
            let reason: String?
        }
        struct Confirm: Sendable, Encodable {
            let question: String
            let action: String
            let bulkAction: String
            let ids: [String]
            let list: String
            let items: [Item]
            let isDelete: Bool
            let hasPublicAddress: Bool
            let redirect: String
            let redirectError: String?
            let button: String
            let backHref: String
        }
        struct Outcome: Sendable, Encodable {
            let summary: String
            let done: [Item]
            let hasDone: Bool
            let left: [Item]
            let hasLeft: Bool
            let backHref: String
        }
        let heading: String
        let confirm: Confirm?
        let outcome: Outcome?
    }

    /// The most items one bulk request names: two pages of a list.
    static var bulkLimit: Int { ContentEditorQueries.pageSize * 2 }

    /// The ticked ids, each once, in the order sent.
    static func bulkIDs(_ form: FormData) -> [Int64] {
        var seen = Set<Int64>()
        return form.all("id").compactMap { Int64($0) }.filter { seen.insert($0).inserted }.prefix(bulkLimit).map { $0 }
    }

    func listHref(_ type: ContentType, _ form: FormData, extra: [(String, String)] = []) -> String {
        QueryString.href("/admin/content/\(type.key)", ContentListQuery(queryString: form["list"]).parameters + extra)
    }

    /// The list's form: nothing changes yet; the chosen items are shown to be confirmed.
    func bulkConfirmation(_ type: ContentType, _ admin: AdminRequest, redirectError: String? = nil,
                          status: HTTPResponse.Status = .ok) async throws -> Response {
        let ids = Self.bulkIDs(admin.form)
        let items = try await editor.summaries(type, ids: ids)
        guard let action = BulkAction(rawValue: admin.form["action"]), !items.isEmpty else {
            return Response.redirect(to: listHref(type, admin.form, extra: [("bulk", "choose")]))
        }
        let siteZone = try await pages.settings.siteSettings().timeZone
        let count = items.count
        let heading = pages.renderer.catalog.counted("admin_bulk_\(action.rawValue)_question", EditorLanguage.current, count: count)
        let confirm = BulkView.Confirm(
            question: heading, action: "/admin/content/\(type.key)/bulk/confirm", bulkAction: action.rawValue,
            ids: items.map { String($0.id) }, list: admin.form["list"],
            items: items.map { summary($0, siteZone: siteZone, reason: nil) },
            isDelete: action == .delete, hasPublicAddress: type.publicPath != nil,
            redirect: admin.form["redirect"], redirectError: redirectError,
            button: pages.renderer.catalog.counted("admin_bulk_\(action.rawValue)_button", EditorLanguage.current, count: count),
            backHref: listHref(type, admin.form))
        return try await pages.render("admin/content-bulk", title: heading, user: admin.user, path: admin.path,
                                      page: BulkView(heading: heading, confirm: confirm, outcome: nil), status: status)
    }

    /// The confirmation's form: acts on each item in turn and reports what it did and did not do.
    func bulkApply(_ type: ContentType, _ admin: AdminRequest) async throws -> Response {
        guard let action = BulkAction(rawValue: admin.form["action"]), !Self.bulkIDs(admin.form).isEmpty else {
            return Response.redirect(to: listHref(type, admin.form, extra: [("bulk", "choose")]))
        }
        var redirectTo: String?
        if action == .delete {
            let typed = admin.form["redirect"]
            let target = typed.trimmingCharacters(in: .whitespaces)
            // Checked as the single delete checks it: as typed, so a control character is refused, not trimmed away.
            guard target.isEmpty || (SafeURL.isRedirectTarget(target) && !SafeURL.hasControlCharacters(typed)) else {
                let problem = SafeURL.hasControlCharacters(typed) ? "error_field_url_control" : "error_field_redirect"
                return try await bulkConfirmation(type, admin, redirectError: pages.renderer.text(problem, EditorLanguage.current), status: .unprocessableContent)
            }
            redirectTo = target.isEmpty ? nil : target
        }
        let siteZone = try await pages.settings.siteSettings().timeZone
        var done: [BulkView.Item] = [], left: [BulkView.Item] = []
        for id in Self.bulkIDs(admin.form) {
            guard let row = try await editor.summaries(type, ids: [id]).first else { continue }
            let reason: String?
            switch action {
            case .delete:
                try await editor.delete(type, id: id, redirectTo: redirectTo, userID: admin.user.id, now: clock.now)
                reason = nil
            case .publish, .unpublish:
                reason = try await bulkChange(type, id: id, to: action == .publish ? .published : .draft, admin, siteZone: siteZone)
            }
            let after = action == .delete || reason != nil ? row : try await editor.summaries(type, ids: [id]).first ?? row
            var item = summary(after, siteZone: siteZone, reason: reason)
            if action == .delete { item.status = pages.renderer.text("admin_bulk_deleted", EditorLanguage.current) }
            if reason == nil { done.append(item) } else { left.append(item) }
        }
        let heading = pages.renderer.catalog.counted("admin_bulk_\(action.rawValue)_done", EditorLanguage.current, count: done.count)
        let outcome = BulkView.Outcome(
            summary: left.isEmpty ? "" : pages.renderer.catalog.counted("admin_bulk_left", EditorLanguage.current, count: left.count),
            done: done, hasDone: !done.isEmpty, left: left, hasLeft: !left.isEmpty, backHref: listHref(type, admin.form))
        return try await pages.render("admin/content-bulk", title: heading, user: admin.user, path: admin.path,
                                      page: BulkView(heading: heading, confirm: nil, outcome: outcome))
    }

    /// Publishes or unpublishes one item through the single form's checks and write. Returns why
    /// it was left as it was, or nil when it changed.
    func bulkChange(_ type: ContentType, id: Int64, to status: PublicationStatus, _ admin: AdminRequest,
                    siteZone: TimeZone) async throws -> String? {
        let text = { (key: String) in pages.renderer.text(key, EditorLanguage.current) }
        guard let item = try await editor.load(type, id: id) else { return text("error_bulk_gone") }
        if item.status == status.rawValue {
            return text(status == .published ? "error_bulk_already_published" : "error_bulk_already_draft")
        }
        let (values, errors) = type.validate(item.fields, siteZone: siteZone)
        // The first field in the form's order, so the reason names what an editor would see first.
        if let field = type.fields.first(where: { errors[$0.name] != nil }), let key = errors[field.name] {
            return "\(text("field_\(field.name)")): \(text(key))"
        }
        if status != .draft {
            let images = type.fields.compactMap { field -> Int64? in
                guard case .image = field.kind, case .integer(let id)? = values[field.name] else { return nil }
                return id
            }
            if let problem = try await editor.imageProblems(ids: images).first { return text(problem.rawValue) }
        }
        let now = clock.now
        do {
            // At the version just read: an editor saving the same item meanwhile wins, and this one is reported.
            _ = try await editor.save(type, id: id, slug: item.slug, lang: item.lang, status: status,
                                      publishAt: status == .published ? now.epochSeconds : item.publishAt,
                                      values: values, formText: item.fields, userID: admin.user.id, organisationID: nil, now: now,
                                      expecting: item.version, createToken: nil)
            return nil
        } catch ContentEditorQueries.SaveError.conflict {
            return text("error_bulk_conflict")
        } catch ContentEditorQueries.SaveError.slugTaken {
            return text("error_field_slug_taken")
        } catch ContentEditorQueries.SaveError.missingReference(let field, let id) {
            return "\(text("field_\(field)")): " + pages.renderer.catalog.text("error_field_missing_item", EditorLanguage.current, ["name": String(id), "number": String(id)])
        } catch is ContentEditorQueries.SaveError {
            return text("error_bulk_failed")
        }
    }

    func summary(_ row: ContentEditorQueries.ListRow, siteZone: TimeZone, reason: String?) -> BulkView.Item {
        BulkView.Item(title: row.title, status: statusLabel(row.status, row.publishAt, siteZone),
                      language: Language(rawValue: row.lang)?.nativeName ?? row.lang, lang: row.lang, reason: reason)
    }
}
