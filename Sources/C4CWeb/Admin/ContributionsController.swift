import C4CCore
import C4CStore
import Foundation
import Hummingbird

/// `/admin/contributions`: the moderation queue. An editor reads a contribution and its files,
/// then accepts it (a draft of the right content type, credited to the contributor), asks for
/// changes, or declines it with a reason; each step is mailed to the contributor and shown on
/// their status page.
struct ContributionsController<Context: RequestContext>: Sendable {
    let pages: AdminPages
    let gate: AdminGate
    let contributions: ContributionQueries
    let directory: SiteQueries
    let settings: SettingsQueries
    let clock: WallClock

    struct Line: Sendable, Encodable {
        let href: String
        let reference: String
        let title: String
        let kind: String
        let from: String
        let received: String
        let state: String
    }

    struct ListView: Sendable, Encodable {
        let lines: [Line]
        let hasLines: Bool
        let showingAll: Bool
    }

    struct File: Sendable, Encodable {
        let href: String
        let name: String
        let details: String
    }

    struct DetailView: Sendable, Encodable {
        let reference: String
        let title: String
        let kind: String
        let state: String
        let from: String
        let email: String
        let organisation: String
        let place: String
        let language: String
        let received: String
        let consent: String
        let summary: String
        let body: String
        let links: [String]
        let hasLinks: Bool
        let files: [File]
        let hasFiles: Bool
        let undecided: Bool
        let editorMessage: String?
        let draftHref: String?
        let acceptAction: String
        let changesAction: String
        let declineAction: String
        let errors: [String: String]
        let message: String
    }

    func addRoutes(to router: Router<Context>) {
        router.admin(.get, "/admin/contributions", .editors, gate: gate) { request, _, admin in
            let all = request.query("show") == "all"
            let lines = try await contributions.queue(all: all).map { c in
                Line(href: "/admin/contributions/\(c.id)", reference: c.reference, title: c.title, kind: text("contribute_kind_\(c.kind)"),
                     from: [c.name, c.organisation].filter { !$0.isEmpty }.joined(separator: ", "),
                     received: MessagesController<Context>.time(c.createdAt), state: text("contribute_status_\(c.status)"))
            }
            return try await pages.render("admin/contributions", title: text("admin_contributions"), user: admin.user, path: admin.path,
                                          page: ListView(lines: lines, hasLines: !lines.isEmpty, showingAll: all))
        }
        router.admin(.get, "/admin/contributions/:id", .editors, gate: gate) { request, context, admin in
            try await detail(id: try context.parameters.require("id", as: Int64.self), admin: admin,
                             notice: request.query("done") != nil ? text("admin_saved") : nil)
        }
        router.admin(.get, "/admin/contributions/:id/files/:file", .editors, gate: gate) { _, context, _ in
            guard let (file, data) = try await contributions.file(contributionID: try context.parameters.require("id", as: Int64.self),
                                                                  fileID: try context.parameters.require("file", as: Int64.self))
            else { throw HTTPError(.notFound) }
            // Sent as a download in a sandbox: a visitor's file never runs in the back office.
            return Response(status: .ok, headers: [
                .contentType: file.contentType, .cacheControl: "private, no-store",
                .contentDisposition: FileController<Context>.disposition(file.name).replacingOccurrences(of: "inline;", with: "attachment;"),
                .contentSecurityPolicy: "default-src 'none'; sandbox",
            ], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        for action in ["accept", "changes", "decline"] {
            router.admin(.post, "/admin/contributions/:id/\(action)", .editors, gate: gate) { _, context, admin in
                try await decide(action, id: try context.parameters.require("id", as: Int64.self), admin: admin)
            }
        }
    }

    func text(_ key: String, _ values: [String: String] = [:]) -> String {
        pages.renderer.catalog.text(key, EditorLanguage.current, values)
    }

    func decide(_ action: String, id: Int64, admin: AdminRequest) async throws -> Response {
        let message = admin.form.trimmed("message")
        let decision: ContributionQueries.Decision
        switch action {
        case "accept": decision = .accept
        case "changes": decision = .askForChanges(message: message)
        default: decision = .decline(reason: message)
        }
        if decision != .accept, message.isEmpty || message.count > 5_000 {
            var errors = FieldErrors()
            errors.add(action, message.isEmpty ? "admin_contribution_message_required" : "error_field_too_long")
            return try await detail(id: id, admin: admin, errors: errors, message: message, status: .unprocessableContent)
        }
        let site = try await settings.siteSettings()
        let catalog = pages.renderer.catalog
        let publicURL = pages.renderer.publicURL
        let replyTo = site.contactEmail
        do {
            try await contributions.decide(id: id, decision, userID: admin.user.id, timeZone: site.timeZone, mail: { c in
                let language = Language(rawValue: c.language) ?? .default
                let key = switch decision {
                case .accept: "accepted"
                case .askForChanges: "changes"
                case .decline: "declined"
                }
                // The status link's token is only in the contributor's first mail, so later mails
                // name the reference and point to the contribution page to quote it.
                let fill = ["name": c.name, "title": c.title, "reference": c.reference, "message": c.editorMessage,
                            "link": publicURL + PageAddress.href("/contribute", language)]
                return OutgoingMail(subject: catalog.text("mail_contribution_\(key)_subject", language, fill),
                                    body: catalog.text("mail_contribution_\(key)_body", language, fill),
                                    headers: replyTo.isEmpty ? [:] : ["Reply-To": replyTo])
            }, now: clock.now)
        } catch ContributionQueries.ModerationError.notFound {
            throw HTTPError(.notFound)
        } catch ContributionQueries.ModerationError.alreadyDecided {
            return try await detail(id: id, admin: admin, notice: text("admin_contribution_decided"), status: .conflict)
        }
        return Response.redirect(to: "/admin/contributions/\(id)?done=1")
    }

    func detail(id: Int64, admin: AdminRequest, errors: FieldErrors = FieldErrors(), message: String = "", notice: String? = nil,
                status: HTTPResponse.Status = .ok) async throws -> Response {
        guard let (c, files) = try await contributions.contribution(id: id) else { throw HTTPError(.notFound) }
        let countries = try await directory.countries()
        let country = countries.first { $0.code == c.country }?.name ?? c.country
        let draftKey = ContentTypes.all.first { $0.table == c.resultType }?.key
        let base = "/admin/contributions/\(id)"
        let view = DetailView(
            reference: c.reference, title: c.title, kind: text("contribute_kind_\(c.kind)"), state: text("contribute_status_\(c.status)"),
            from: c.name, email: c.email, organisation: c.organisation, place: [c.city, country].filter { !$0.isEmpty }.joined(separator: ", "),
            language: Language(rawValue: c.language)?.nativeName ?? c.language, received: MessagesController<Context>.time(c.createdAt),
            consent: c.consentToPublish ? "✓" : "—", summary: c.summary, body: c.body, links: ContributionForm.linkList(c.links),
            hasLinks: !ContributionForm.linkList(c.links).isEmpty,
            files: files.map { File(href: "\(base)/files/\($0.id)", name: $0.name,
                                    details: "\($0.contentType) · \(ByteCountFormatter.string(fromByteCount: $0.byteSize, countStyle: .file))") },
            hasFiles: !files.isEmpty, undecided: c.status == "received" || c.status == "changes_requested",
            editorMessage: c.editorMessage.isEmpty ? nil : c.editorMessage,
            draftHref: c.resultID.flatMap { id in draftKey.map { "/admin/content/\($0)/\(id)" } },
            acceptAction: "\(base)/accept", changesAction: "\(base)/changes", declineAction: "\(base)/decline",
            errors: errors.messages.mapValues { text($0) }, message: message)
        return try await pages.render("admin/contribution", title: "\(c.reference) · \(text("admin_contributions"))", user: admin.user,
                                      path: admin.path, page: view, notice: notice, status: status)
    }
}
