import C4CCore
import C4CStore
import Foundation
import Hummingbird

/// `/admin/settings`: the site's name, tagline, one-line description, contact address, social links,
/// and the zone schedule and 'featured until' times are entered in.
struct SettingsController<Context: RequestContext>: Sendable {
    let pages: AdminPages
    let gate: AdminGate
    let settings: SettingsQueries
    let database: any Database
    let clock: WallClock

    func addRoutes(to router: Router<Context>) {
        router.admin(.get, "/admin/settings", .administrators, gate: gate) { request, _, admin in
            let site = try await settings.siteSettings()
            let months = AttentionQueries.factReviewMonths(stored: try await settings.all()[AttentionQueries.factReviewMonthsKey])
            return try await page(admin, FormView(
                siteName: site.name, tagline: site.tagline, oneLiner: site.oneLiner, contactEmail: site.contactEmail,
                socialLinks: site.socialLinks.map { "\($0.label) | \($0.url)" }.joined(separator: "\n"),
                timeZones: Self.zoneOptions(site.timeZone.identifier), factReviewMonths: String(months),
                translations: Self.translations { site.translations["\($0).\($1.rawValue)"] ?? "" }, errors: [:]),
                notice: request.uri.queryParameters.get("saved") != nil ? pages.renderer.text("admin_saved", EditorLanguage.current) : nil)
        }
        router.admin(.post, "/admin/settings", .administrators, gate: gate) { _, _, admin in try await save(admin) }
    }

    struct FormView: Sendable, Encodable {
        let siteName: String
        let tagline: String
        let oneLiner: String
        let contactEmail: String
        let socialLinks: String
        let timeZones: [ChoiceOption]
        let factReviewMonths: String
        let translations: [Translation]
        let errors: [String: String]

        /// The tagline and one-liner as written for one other language; empty shows the English.
        struct Translation: Sendable, Encodable {
            let code: String
            let name: String
            let dir: String
            let tagline: String
            let oneLiner: String
        }
    }

    static func translations(_ value: (String, Language) -> String) -> [FormView.Translation] {
        Language.allCases.filter { $0 != .default }.map {
            FormView.Translation(code: $0.rawValue, name: $0.nativeName, dir: $0.direction,
                                 tagline: value("tagline", $0), oneLiner: value("one_liner", $0))
        }
    }

    static func zoneOptions(_ chosen: String) -> [ChoiceOption] {
        ContentTypes.zones.map { ChoiceOption(value: $0, label: $0, selected: $0 == chosen) }
    }

    func page(_ admin: AdminRequest, _ view: FormView, notice: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        try await pages.render("admin/settings", title: pages.renderer.text("admin_settings", EditorLanguage.current), user: admin.user,
                               path: admin.path, page: view, notice: notice, status: status)
    }

    /// "Label | https://…" per line.
    static func parseLinks(_ text: String) -> (links: [SocialLink], valid: Bool) {
        var links: [SocialLink] = []
        var valid = true
        for line in text.split(whereSeparator: \.isNewline) where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let parts = line.split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: .init(charactersIn: " ")) }
            if parts.count == 2, !parts[0].isEmpty, !SafeURL.hasControlCharacters(String(line)), SafeURL.isAllowed(parts[1]), parts[1].hasPrefix("http") {
                links.append(SocialLink(label: parts[0], url: parts[1]))
            } else {
                valid = false
            }
        }
        return (links, valid)
    }

    func save(_ admin: AdminRequest) async throws -> Response {
        let form = admin.form
        // A form from before the zone was a setting leaves it as it is.
        let timeZone = form.pairs.contains { $0.0 == "timeZone" } ? form.trimmed("timeZone")
            : try await settings.siteSettings().timeZone.identifier
        let factReviewMonths = form.pairs.contains { $0.0 == "factReviewMonths" } ? form.trimmed("factReviewMonths")
            : String(AttentionQueries.factReviewMonths(stored: try await settings.all()[AttentionQueries.factReviewMonthsKey]))
        let view = FormView(siteName: form.trimmed("siteName"), tagline: form.trimmed("tagline"), oneLiner: form.trimmed("oneLiner"),
                            contactEmail: form.trimmed("contactEmail"), socialLinks: form["socialLinks"],
                            timeZones: Self.zoneOptions(timeZone), factReviewMonths: factReviewMonths,
                            translations: Self.translations { form.trimmed("\($0).\($1.rawValue)") }, errors: [:])
        var errors = FieldErrors()
        if !ContentTypes.zones.contains(timeZone) { errors.add("timeZone", "error_field_zone") }
        if !(Int(factReviewMonths).map(AttentionQueries.factReviewMonthsRange.contains) ?? false) {
            errors.add("factReviewMonths", "error_field_review_months")
        }
        if view.siteName.isEmpty { errors.add("siteName", "error_field_required") }
        if !view.contactEmail.isEmpty && !Validate.isEmail(view.contactEmail) { errors.add("contactEmail", "error_field_email") }
        let links = Self.parseLinks(view.socialLinks)
        if !links.valid { errors.add("socialLinks", "error_field_links") }
        guard errors.isEmpty else {
            return try await page(admin, FormView(siteName: view.siteName, tagline: view.tagline, oneLiner: view.oneLiner,
                                                  contactEmail: view.contactEmail, socialLinks: view.socialLinks, timeZones: view.timeZones,
                                                  factReviewMonths: view.factReviewMonths, translations: view.translations,
                                                  errors: errors.messages.mapValues { pages.renderer.text($0, EditorLanguage.current) }),
                                  status: .unprocessableContent)
        }
        let encoded = String(decoding: try JSONEncoder().encode(links.links), as: UTF8.self)
        let now = clock.now
        let userID = admin.user.id
        try await database.write { sql in
            for (key, value) in [("site_name", view.siteName), ("tagline", view.tagline), ("one_liner", view.oneLiner),
                                 ("contact_email", view.contactEmail), ("social_links", encoded), ("time_zone", timeZone),
                                 (AttentionQueries.factReviewMonthsKey, factReviewMonths)] {
                try await SettingsQueries.upsert(sql, key: key, value: value)
            }
            for translation in view.translations {
                try await SettingsQueries.upsert(sql, key: "tagline.\(translation.code)", value: translation.tagline)
                try await SettingsQueries.upsert(sql, key: "one_liner.\(translation.code)", value: translation.oneLiner)
            }
            try await AuditQueries.record(sql, userID: userID, action: "update", itemType: "settings", itemID: nil,
                                          summary: "Site settings", now: now)
            try await ContentVersionQueries.bump(sql)
        }
        return Response.redirect(to: "/admin/settings?saved=1")
    }
}
