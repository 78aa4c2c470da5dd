import C4CCore
import C4CStore
import Foundation
import Hummingbird

/// `/admin/newsletters`: editors start an issue from what is new in a language, choose and order
/// its items (numbers and arrow buttons that post, so no script is needed), write its subject and
/// introduction, preview both parts of the mail, send a test to themselves, and send it, after a
/// confirmation, to the confirmed subscribers of its language and topics through the outbox.
struct NewslettersController<Context: RequestContext>: Sendable {
    let pages: AdminPages
    let gate: AdminGate
    let newsletters: NewsletterQueries
    let topics: TopicQueries
    let settings: SettingsQueries
    let clock: WallClock

    var rendering: NewsletterIssueRendering { NewsletterIssueRendering(renderer: pages.renderer) }

    func addRoutes(to router: Router<Context>) {
        router.admin(.get, "/admin/newsletters", .editors, gate: gate) { request, _, admin in
            try await list(admin, notice: request.query("deleted") != nil ? text("admin_newsletter_deleted") : nil)
        }
        router.admin(.post, "/admin/newsletters", .editors, gate: gate) { _, _, admin in
            let language = Language(rawValue: admin.form["language"]) ?? .default
            let id = try await newsletters.create(language: language, topicIDs: admin.form.all("topic").compactMap { Int64($0) },
                                                  userID: admin.user.id, now: clock.now)
            return Response.redirect(to: "/admin/newsletters/\(id)")
        }
        router.admin(.get, "/admin/newsletters/:id", .editors, gate: gate) { request, context, admin in
            let issue = try await issue(context)
            guard issue.isDraft else {
                let notice = request.query("sent") != nil
                    ? pages.renderer.catalog.text("admin_newsletter_sent_notice", EditorLanguage.current, ["count": String(issue.recipientCount)])
                    : request.query("already") != nil ? text("admin_newsletter_already_sent") : nil
                return try await summary(issue, admin, notice: notice)
            }
            let notice = request.query("tested") != nil
                ? pages.renderer.catalog.text("admin_newsletter_test_sent", EditorLanguage.current, ["email": admin.user.email])
                : request.query("saved") != nil ? text("admin_saved") : nil
            return try await edit(issue, admin, typed: nil, notice: notice)
        }
        router.admin(.post, "/admin/newsletters/:id", .editors, gate: gate) { _, context, admin in
            try await save(try await issue(context), admin)
        }
        router.admin(.get, "/admin/newsletters/:id/preview", .editors, gate: gate) { _, context, admin in
            try await preview(try await issue(context), admin)
        }
        router.admin(.get, "/admin/newsletters/:id/mail.html", .editors, gate: gate) { _, context, _ in
            let issue = try await issue(context)
            var response = Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                                    body: .init(byteBuffer: ByteBuffer(string: try await rendered(issue).html)))
            // The mail as a client shows it: its inline styles, and nothing that runs.
            response.headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' https: data:; sandbox"
            return response
        }
        router.admin(.get, "/admin/newsletters/:id/send", .editors, gate: gate) { _, context, admin in
            try await confirmation(try await issue(context), admin, error: nil)
        }
        router.admin(.post, "/admin/newsletters/:id/send", .editors, gate: gate) { _, context, admin in
            let issue = try await issue(context)
            if issue.isDraft, let error = readiness(issue) {
                return try await confirmation(issue, admin, error: text(error), status: .unprocessableContent)
            }
            let snapshot = try await rendered(issue)
            let result = try await newsletters.send(
                id: issue.id,
                snapshot: .init(slug: NewsletterQueries.slug(subject: issue.subject, id: issue.id), mailText: snapshot.text,
                                mailHTML: snapshot.html, webHTML: snapshot.web),
                publicURL: pages.renderer.publicURL, userID: admin.user.id, now: clock.now)
            switch result {
            case .notFound: throw HTTPError(.notFound)
            case .alreadySent: return Response.redirect(to: "/admin/newsletters/\(issue.id)?already=1")
            case .sent: return Response.redirect(to: "/admin/newsletters/\(issue.id)?sent=1")
            }
        }
        router.admin(.post, "/admin/newsletters/:id/delete", .editors, gate: gate) { _, context, admin in
            let id = try context.parameters.require("id", as: Int64.self)
            guard try await newsletters.deleteDraft(id: id, userID: admin.user.id, now: clock.now) else {
                return Response.redirect(to: "/admin/newsletters/\(id)")
            }
            return Response.redirect(to: "/admin/newsletters?deleted=1")
        }
    }

    func text(_ key: String) -> String { pages.renderer.text(key, EditorLanguage.current) }

    func issue(_ context: Context) async throws -> NewsletterQueries.Issue {
        guard let issue = try await newsletters.issue(id: try context.parameters.require("id", as: Int64.self)) else {
            throw HTTPError(.notFound)
        }
        return issue
    }

    /// The mail of an issue: a draft's as it stands, from its public items; once sending began,
    /// the snapshot that went out.
    func rendered(_ issue: NewsletterQueries.Issue) async throws -> NewsletterIssueRendering.Rendered {
        if !issue.isDraft { return .init(subject: issue.subject, text: issue.mailText, html: issue.mailHTML, web: "") }
        let items = try await newsletters.items(issue.items, now: clock.now)
        return try rendering.render(issue, items: items, siteName: try await settings.siteSettings().name)
    }

    /// What stops an issue from going out, as a catalog key; nil when it is ready.
    func readiness(_ issue: NewsletterQueries.Issue) -> String? {
        if issue.subject.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return "admin_newsletter_error_subject" }
        if issue.items.isEmpty && issue.introduction.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return "admin_newsletter_error_no_items"
        }
        return nil
    }

    // MARK: The list

    struct Line: Sendable, Encodable {
        let href: String
        let subject: String
        let language: String
        let status: String
        let created: String
        let sent: String?
        let recipients: Int
    }

    struct ListView: Sendable, Encodable {
        let rows: [Line]
        let hasRows: Bool
        let languages: [ChoiceOption]
        let topics: [ChoiceOption]
        let hasTopics: Bool
    }

    func list(_ admin: AdminRequest, notice: String?) async throws -> Response {
        let issues = try await newsletters.all()
        let topics = try await topicChoices([])
        let view = ListView(
            rows: issues.map { issue in
                Line(href: "/admin/newsletters/\(issue.id)", subject: issue.subject.isEmpty ? text("admin_newsletter_untitled") : issue.subject,
                     language: issue.language.nativeName, status: text("admin_newsletter_status_\(issue.status)"),
                     created: SubscribersController<Context>.day(issue.createdAt), sent: issue.sentAt.map(SubscribersController<Context>.day),
                     recipients: issue.recipientCount)
            },
            hasRows: !issues.isEmpty,
            languages: Language.allCases.map { ChoiceOption(value: $0.rawValue, label: $0.nativeName, selected: $0 == .default) },
            topics: topics, hasTopics: !topics.isEmpty)
        return try await pages.render("admin/newsletters", title: text("admin_newsletters"), user: admin.user, path: admin.path,
                                      page: view, notice: notice)
    }

    func topicChoices(_ chosen: Set<Int64>) async throws -> [ChoiceOption] {
        try await topics.all().map { topic in
            ChoiceOption(value: String(topic.id), label: (topic.parentName.map { "\($0) › " } ?? "") + topic.name,
                         selected: chosen.contains(topic.id))
        }
    }

    // MARK: Editing a draft

    struct ItemLine: Sendable, Encodable {
        let key: String
        let field: String
        let kind: String
        let title: String
        let meta: String
        let href: String
        let position: String
        let checked: Bool
        let isFirst: Bool
        let isLast: Bool
    }

    struct Values: Sendable, Encodable {
        let subject: String
        let introduction: String
    }

    struct EditView: Sendable, Encodable {
        let action: String
        let values: Values
        let errors: [String: String]
        let hasErrors: Bool
        let language: String
        let since: String
        let topics: [ChoiceOption]
        let hasTopics: Bool
        let items: [ItemLine]
        let hasItems: Bool
        let suggestions: [ItemLine]
        let hasSuggestions: Bool
        let deleteAction: String
        let previewHref: String
    }

    /// What the editor typed, read from the form: kept on a refusal, saved otherwise.
    struct Typed {
        var draft: NewsletterQueries.Draft
        var positions: [NewsletterQueries.ItemRef: String]
    }

    func read(_ form: FormData, issue: NewsletterQueries.Issue) -> Typed {
        // Kept items sorted by the numbers typed (ties keep their order), then the added ones.
        let kept = Set(form.all("keep").compactMap(NewsletterQueries.ItemRef.init(key:)))
        var positions: [NewsletterQueries.ItemRef: String] = [:]
        var ordered: [(position: Double, index: Int, ref: NewsletterQueries.ItemRef)] = []
        for (index, ref) in issue.items.enumerated() {
            let typed = form.trimmed("position-\(ref.type.rawValue)-\(ref.id)")
            positions[ref] = typed
            guard kept.contains(ref) else { continue }
            ordered.append((Double(typed) ?? Double(index + 1), index, ref))
        }
        var items = ordered.sorted { ($0.position, $0.index) < ($1.position, $1.index) }.map(\.ref)
        for ref in form.all("add").compactMap(NewsletterQueries.ItemRef.init(key:)) where !items.contains(ref) {
            items.append(ref)
        }
        let move = form["move"].split(separator: ":", maxSplits: 1)
        if move.count == 2, let ref = NewsletterQueries.ItemRef(key: String(move[1])), let index = items.firstIndex(of: ref) {
            let target = move[0] == "up" ? index - 1 : index + 1
            if items.indices.contains(target) { items.swapAt(index, target) }
        }
        return Typed(draft: .init(subject: form.trimmed("subject"), introduction: form["introduction"],
                                  topicIDs: form.all("topic").compactMap { Int64($0) }, items: items),
                     positions: positions)
    }

    func errors(_ draft: NewsletterQueries.Draft, action: String) -> FieldErrors {
        var errors = FieldErrors()
        if draft.subject.count > 200 { errors.add("subject", "admin_newsletter_error_subject_long") }
        if draft.introduction.count > 20_000 { errors.add("introduction", "admin_newsletter_error_introduction_long") }
        if ["preview", "test", "send"].contains(action) {
            if draft.subject.isEmpty { errors.add("subject", "admin_newsletter_error_subject") }
            if draft.items.isEmpty && draft.introduction.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                errors.add("items", "admin_newsletter_error_no_items")
            }
        }
        return errors
    }

    func save(_ issue: NewsletterQueries.Issue, _ admin: AdminRequest) async throws -> Response {
        guard issue.isDraft else { return Response.redirect(to: "/admin/newsletters/\(issue.id)") }
        let typed = read(admin.form, issue: issue)
        let action = admin.form["move"].isEmpty ? admin.form["action"] : "save"
        let errors = errors(typed.draft, action: action)
        guard errors.isEmpty else {
            return try await edit(issue, admin, typed: typed, errors: errors, status: .unprocessableContent)
        }
        guard try await newsletters.save(id: issue.id, typed.draft, userID: admin.user.id, now: clock.now) else {
            return Response.redirect(to: "/admin/newsletters/\(issue.id)")
        }
        switch action {
        case "preview": return Response.redirect(to: "/admin/newsletters/\(issue.id)/preview")
        case "send": return Response.redirect(to: "/admin/newsletters/\(issue.id)/send")
        case "test":
            guard let saved = try await newsletters.issue(id: issue.id) else { throw HTTPError(.notFound) }
            let mail = try await rendered(saved)
            let subject = pages.renderer.catalog.text("mail_newsletter_test_subject", saved.language, ["subject": mail.subject])
            // The editor is not a subscriber: the footer's link opens the sign-up page instead.
            let signUp = pages.renderer.publicURL + PageAddress.href("/newsletter", saved.language)
            try await newsletters.queueTest(
                id: issue.id, to: admin.user.email, subject: subject,
                text: mail.text.replacingOccurrences(of: NewsletterQueries.unsubscribePlaceholder, with: signUp),
                html: mail.html.replacingOccurrences(of: NewsletterQueries.unsubscribePlaceholder, with: HTMLEscaping.escape(signUp)),
                userID: admin.user.id, now: clock.now)
            return Response.redirect(to: "/admin/newsletters/\(issue.id)?tested=1")
        default:
            let anchor = admin.form["move"].isEmpty ? "" : "#items"
            return Response.redirect(to: "/admin/newsletters/\(issue.id)?saved=1\(anchor)")
        }
    }

    func edit(_ issue: NewsletterQueries.Issue, _ admin: AdminRequest, typed: Typed?, errors: FieldErrors = FieldErrors(),
              notice: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let language = issue.language
        let draft = typed?.draft ?? .init(subject: issue.subject, introduction: issue.introduction, topicIDs: issue.topicIDs, items: issue.items)
        let chosen = try await newsletters.items(draft.items, now: clock.now)
        let suggested = try await newsletters.suggestions(language: language, since: issue.suggestedSince, now: clock.now)
        let render = rendering
        func line(_ item: NewsletterQueries.Item, position: Int, count: Int, checked: Bool) -> ItemLine {
            let shown = render.item(item, language: language, base: "")
            return ItemLine(key: item.ref.key, field: "\(item.ref.type.rawValue)-\(item.ref.id)", kind: shown.kind, title: item.title,
                            meta: shown.meta, href: shown.href,
                            position: typed?.positions[item.ref].flatMap { $0.isEmpty ? nil : $0 } ?? String(position),
                            checked: checked, isFirst: position == 1, isLast: position == count)
        }
        let chosenRefs = Set(chosen.map(\.ref))
        let items = chosen.enumerated().map { line($1, position: $0 + 1, count: chosen.count, checked: true) }
        let more = suggested.filter { !chosenRefs.contains($0.ref) }.map { line($0, position: 0, count: 0, checked: false) }
        let view = EditView(
            action: "/admin/newsletters/\(issue.id)", values: Values(subject: draft.subject, introduction: draft.introduction),
            errors: errors.messages.mapValues(text), hasErrors: !errors.isEmpty, language: language.nativeName,
            since: SubscribersController<Context>.day(issue.suggestedSince),
            topics: try await topicChoices(Set(draft.topicIDs)), hasTopics: true,
            items: items, hasItems: !items.isEmpty, suggestions: more, hasSuggestions: !more.isEmpty,
            deleteAction: "/admin/newsletters/\(issue.id)/delete", previewHref: "/admin/newsletters/\(issue.id)/preview")
        return try await pages.render("admin/newsletter", title: text("admin_newsletter_edit"), user: admin.user, path: admin.path,
                                      page: view, notice: notice, status: status)
    }

    // MARK: Preview, confirmation, summary

    struct PreviewView: Sendable, Encodable {
        let heading: String
        let hint: String
        let subject: String
        let text: String
        let htmlHref: String
        let editHref: String
        let sendHref: String
        let isDraft: Bool
    }

    func preview(_ issue: NewsletterQueries.Issue, _ admin: AdminRequest) async throws -> Response {
        let mail = try await rendered(issue)
        let catalog = pages.renderer.catalog
        let view = PreviewView(
            heading: catalog.text("admin_newsletter_preview_title", EditorLanguage.current, ["subject": mail.subject]),
            hint: catalog.text("admin_newsletter_preview_hint", EditorLanguage.current, ["placeholder": NewsletterQueries.unsubscribePlaceholder]),
            subject: mail.subject, text: mail.text, htmlHref: "/admin/newsletters/\(issue.id)/mail.html",
            editHref: "/admin/newsletters/\(issue.id)", sendHref: "/admin/newsletters/\(issue.id)/send", isDraft: issue.isDraft)
        return try await pages.render("admin/newsletter-preview", title: text("admin_newsletter_preview"), user: admin.user,
                                      path: admin.path, page: view)
    }

    struct ConfirmationView: Sendable, Encodable {
        let subject: String
        let explanation: String
        let error: String?
        let action: String
        let editHref: String
        let canSend: Bool
    }

    func confirmation(_ issue: NewsletterQueries.Issue, _ admin: AdminRequest, error: String?,
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        guard issue.status != "sent" else { return Response.redirect(to: "/admin/newsletters/\(issue.id)") }
        let catalog = pages.renderer.catalog
        let waiting = try await newsletters.pendingRecipientCount(id: issue.id)
        let explanation = issue.isDraft
            ? catalog.text("admin_newsletter_send_count", EditorLanguage.current, ["count": String(waiting), "language": issue.language.nativeName])
            : catalog.text("admin_newsletter_send_resume", EditorLanguage.current, ["count": String(waiting),
                                                                     "queued": String(try await newsletters.queuedCount(id: issue.id))])
        let problem = error ?? (issue.isDraft ? readiness(issue).map(text) : nil)
        let view = ConfirmationView(subject: issue.subject.isEmpty ? text("admin_newsletter_untitled") : issue.subject,
                                    explanation: explanation, error: problem, action: "/admin/newsletters/\(issue.id)/send",
                                    editHref: "/admin/newsletters/\(issue.id)", canSend: problem == nil)
        return try await pages.render("admin/newsletter-send", title: text("admin_newsletter_send_title"), user: admin.user,
                                      path: admin.path, page: view, status: status)
    }

    struct SummaryView: Sendable, Encodable {
        let subject: String
        let status: String
        let language: String
        let sent: String?
        let queued: String
        let archiveHref: String?
        let previewHref: String
        let resumeHref: String?
    }

    func summary(_ issue: NewsletterQueries.Issue, _ admin: AdminRequest, notice: String?) async throws -> Response {
        let queued = try await newsletters.queuedCount(id: issue.id)
        let view = SummaryView(
            subject: issue.subject, status: text("admin_newsletter_status_\(issue.status)"), language: issue.language.nativeName,
            sent: issue.sentAt.map(SubscribersController<Context>.day),
            queued: pages.renderer.catalog.text("admin_newsletter_summary", EditorLanguage.current, ["count": String(queued)]),
            archiveHref: issue.status == "sent" ? issue.slug.map { PageAddress.href("/newsletter/archive/\($0)", issue.language) } : nil,
            previewHref: "/admin/newsletters/\(issue.id)/preview",
            resumeHref: issue.status == "sending" ? "/admin/newsletters/\(issue.id)/send" : nil)
        return try await pages.render("admin/newsletter-summary", title: issue.subject, user: admin.user, path: admin.path, page: view,
                                      notice: notice)
    }
}
