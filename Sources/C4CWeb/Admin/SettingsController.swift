import C4CCore
import C4CStore
import Foundation
import Hummingbird

/// `/admin/settings`: the site's name, tagline, one-line description, contact address and social links.
struct SettingsController<Context: RequestContext>: Sendable {
    let pages: AdminPages
    let gate: AdminGate
    let settings: SettingsQueries
    let database: any Database
    let clock: WallClock

    func addRoutes(to router: Router<Context>) {
        router.admin(.get, "/admin/settings", .administrators, gate: gate) { request, _, admin in
            let site = try await settings.siteSettings()
            return try await page(admin, FormView(
                siteName: site.name, tagline: site.tagline, oneLiner: site.oneLiner, contactEmail: site.contactEmail,
                socialLinks: site.socialLinks.map { "\($0.label) | \($0.url)" }.joined(separator: "\n"), errors: [:]),
                notice: request.uri.queryParameters.get("saved") != nil ? pages.renderer.text("admin_saved", .default) : nil)
        }
        router.admin(.post, "/admin/settings", .administrators, gate: gate) { _, _, admin in try await save(admin) }
    }

    struct FormView: Sendable {
        let siteName: String
        let tagline: String
        let oneLiner: String
        let contactEmail: String
        let socialLinks: String
        let errors: [String: String]
    }

    func page(_ admin: AdminRequest, _ view: FormView, notice: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        try await pages.render("admin/settings", title: pages.renderer.text("admin_settings", .default), user: admin.user,
                               path: admin.path, page: view, notice: notice, status: status)
    }

    /// "Label | https://…" per line.
    static func parseLinks(_ text: String) -> (links: [SocialLink], valid: Bool) {
        var links: [SocialLink] = []
        var valid = true
        for line in text.split(whereSeparator: \.isNewline) where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let parts = line.split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, !parts[0].isEmpty, SafeURL.isAllowed(parts[1]), parts[1].hasPrefix("http") {
                links.append(SocialLink(label: parts[0], url: parts[1]))
            } else {
                valid = false
            }
        }
        return (links, valid)
    }

    func save(_ admin: AdminRequest) async throws -> Response {
        let form = admin.form
        let view = FormView(siteName: form.trimmed("siteName"), tagline: form.trimmed("tagline"), oneLiner: form.trimmed("oneLiner"),
                            contactEmail: form.trimmed("contactEmail"), socialLinks: form["socialLinks"], errors: [:])
        var errors = FieldErrors()
        if view.siteName.isEmpty { errors.add("siteName", "error_field_required") }
        if !view.contactEmail.isEmpty && !Validate.isEmail(view.contactEmail) { errors.add("contactEmail", "error_field_email") }
        let links = Self.parseLinks(view.socialLinks)
        if !links.valid { errors.add("socialLinks", "error_field_links") }
        guard errors.isEmpty else {
            return try await page(admin, FormView(siteName: view.siteName, tagline: view.tagline, oneLiner: view.oneLiner,
                                                  contactEmail: view.contactEmail, socialLinks: view.socialLinks,
                                                  errors: errors.messages.mapValues { pages.renderer.text($0, .default) }),
                                  status: .unprocessableContent)
        }
        let encoded = String(decoding: try JSONEncoder().encode(links.links), as: UTF8.self)
        let now = clock.now
        let userID = admin.user.id
        try await database.write { sql in
            for (key, value) in [("site_name", view.siteName), ("tagline", view.tagline), ("one_liner", view.oneLiner),
                                 ("contact_email", view.contactEmail), ("social_links", encoded)] {
                try await SettingsQueries.upsert(sql, key: key, value: value)
            }
            try await AuditQueries.record(sql, userID: userID, action: "update", itemType: "settings", itemID: nil,
                                          summary: "Site settings", now: now)
        }
        return Response.redirect(to: "/admin/settings?saved=1")
    }
}
