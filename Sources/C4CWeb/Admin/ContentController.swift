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
                                                                              fields: Self.defaults(type, siteZone: try await pages.settings.siteSettings().timeZone)),
                                 errors: [:])
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
                                                error: pages.renderer.text(problem, EditorLanguage.current), status: .unprocessableContent)
                }
                try await editor.delete(type, id: id, redirectTo: target.isEmpty ? nil : target, userID: admin.user.id, now: clock.now)
                return Response.redirect(to: base + "?deleted=1")
            }
            router.admin(.post, base + "/bulk", .editors, gate: gate) { _, _, admin in try await bulkConfirmation(type, admin) }
            router.admin(.post, base + "/bulk/confirm", .editors, gate: gate) { _, _, admin in try await bulkApply(type, admin) }
            router.admin(.get, base + "/:id/revisions", .editors, gate: gate) { request, context, admin in
                try await revisionsPage(type, id: try context.parameters.require("id", as: Int64.self), request, admin)
            }
            // The form's script saves a draft, or keeps a copy of a published item, in the background (editors' forms).
            router.admin(.post, base + "/:id/autosave", .editors, gate: gate) { _, context, admin in
                try await save(type, id: try context.parameters.require("id", as: Int64.self), admin, background: true)
            }
            router.admin(.get, base + "/:id/autosave", .editors, gate: gate) { _, context, admin in
                try await autosaveForm(type, id: try context.parameters.require("id", as: Int64.self), admin)
            }
            router.admin(.get, base + "/:id/revisions/:revision", .editors, gate: gate) { _, context, admin in
                try await restoreForm(type, id: try context.parameters.require("id", as: Int64.self),
                                      revisionID: try context.parameters.require("revision", as: Int64.self), admin)
            }
        }
    }

    static func timestamp(_ epoch: Int64) -> String {
        EditorLanguage.timestamp(epoch)
    }

    /// A new item's starting values. Its time zone is the site's, which the alliance sets once.
    static func defaults(_ type: ContentType, siteZone: TimeZone = SiteSettings.utc) -> [String: String] {
        var fields: [String: String] = [:]
        for field in type.fields {
            switch field.kind {
            case .timeZone:
                // Foundation names UTC "GMT"; the zone list, like the settings, says "UTC".
                fields[field.name] = siteZone.secondsFromGMT() == 0 && ["GMT", "UTC"].contains(siteZone.identifier)
                    || !ContentTypes.zones.contains(siteZone.identifier) ? "UTC" : siteZone.identifier
            case .choice(let options): fields[field.name] = options.first ?? ""
            case .flag where field.name == "online": fields[field.name] = "on"
            default: break
            }
        }
        return fields
    }

}
