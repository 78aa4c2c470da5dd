import C4CCore
import C4CStore
import Foundation
import Hummingbird

/// `/newsletter/archive`: the issues sent in the reader's language, newest first, and each one as
/// a web page at its own language's address. An issue shows the content that went out, saved when
/// it was sent, without anyone's unsubscribe link; drafts and issues still being sent are not found.
struct NewsletterArchiveController<Context: RequestContext>: Sendable {
    let site: Site
    let newsletters: NewsletterQueries

    func addRoutes(to router: Router<Context>) {
        router.getInEveryLanguage("/newsletter/archive") { _, _, language in try await list(language) }
        router.getInEveryLanguage("/newsletter/archive/:slug") { _, context, language in
            try await show(try context.parameters.require("slug"), language)
        }
    }

    struct Entry: Sendable, Encodable {
        let subject: String
        let href: String
        let sent: TimeView
    }

    struct ListView: Sendable, Encodable {
        let issues: [Entry]
        let hasIssues: Bool
        let subscribeHref: String
    }

    func sent(_ issue: NewsletterQueries.Archived, _ language: Language) -> TimeView {
        TimeView(ZonedTime(instant: Date(epochSeconds: issue.sentAt), zone: .gmt), language)
    }

    func list(_ language: Language) async throws -> Response {
        let address = PageAddress(language: language, path: "/newsletter/archive")
        let issues = try await newsletters.archive(language: language)
        let view = ListView(
            issues: issues.map { Entry(subject: $0.subject, href: address.href("/newsletter/archive/\($0.slug)"), sent: sent($0, language)) },
            hasIssues: !issues.isEmpty, subscribeHref: address.href("/newsletter"))
        return try await site.render("newsletter/archive", address: address, title: site.text("newsletter_archive_title", language),
                                     description: site.text("newsletter_archive_intro", language), page: view)
    }

    struct ShowView: Sendable, Encodable {
        let subject: String
        let sent: TimeView
        let sentText: String
        let body: String
        let archiveHref: String
        let subscribeHref: String
    }

    func show(_ slug: String, _ language: Language) async throws -> Response {
        guard let issue = try await newsletters.archived(slug: slug), issue.lang == language.rawValue else { throw HTTPError(.notFound) }
        let address = PageAddress(language: language, path: "/newsletter/archive/\(slug)")
        let when = sent(issue, language)
        let view = ShowView(subject: issue.subject, sent: when,
                            sentText: site.renderer.catalog.text("newsletter_archive_sent", language, ["date": when.date]),
                            body: issue.webHTML, archiveHref: address.href("/newsletter/archive"), subscribeHref: address.href("/newsletter"))
        return try await site.render("newsletter/issue", address: address, title: issue.subject,
                                     description: site.text("newsletter_archive_title", language), page: view,
                                     versions: .only(language, address.path), ogType: "article")
    }
}
