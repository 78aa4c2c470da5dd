import C4CCore
import C4CStore
import Foundation

/// Turns an issue and its items into what goes out: an HTML mail (inline styles, absolute links,
/// a table layout mail clients keep), its plain-text twin, and the same content as a fragment for
/// the public archive, which carries no personal link. The unsubscribe link of each recipient is
/// `NewsletterQueries.unsubscribePlaceholder` here; the sender puts each one's own link in.
struct NewsletterIssueRendering: Sendable {
    let renderer: PageRenderer

    struct Item: Sendable, Encodable {
        let kind: String
        let title: String
        let href: String
        let meta: String
        let summary: String
        let hasSummary: Bool
    }

    struct MailView: Sendable, Encodable {
        let lang: String
        let dir: String
        let siteName: String
        let siteURL: String
        let subject: String
        let introductionHTML: String
        let introductionText: String
        let hasIntroduction: Bool
        let items: [Item]
        let footer: String
        let unsubscribeLabel: String
        let unsubscribeLink: String
        let archiveLabel: String
        let archiveLink: String
        /// The text-part underline of the subject, as long as it.
        let rule: String
    }

    struct Rendered: Sendable {
        let subject: String
        let text: String
        let html: String
        let web: String
    }

    func text(_ key: String, _ language: Language, _ values: [String: String] = [:]) -> String {
        renderer.catalog.text(key, language, values)
    }

    /// Renders `issue` with `items` (public ones, in the editor's order) for the site named `siteName`.
    func render(_ issue: NewsletterQueries.Issue, items: [NewsletterQueries.Item], siteName: String) throws -> Rendered {
        let language = issue.language
        let base = renderer.publicURL
        let slug = NewsletterQueries.slug(subject: issue.subject, id: issue.id)
        let view = MailView(
            lang: language.rawValue, dir: language.direction, siteName: siteName,
            siteURL: base + PageAddress.href("/", language), subject: issue.subject,
            introductionHTML: Self.absolute(Markdown.html(issue.introduction), base: base),
            introductionText: issue.introduction.trimmingCharacters(in: .whitespacesAndNewlines),
            hasIntroduction: !issue.introduction.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
            items: items.map { item($0, language: language, base: base) },
            footer: text("mail_newsletter_footer", language, ["site": siteName]),
            unsubscribeLabel: text("mail_newsletter_unsubscribe", language),
            unsubscribeLink: NewsletterQueries.unsubscribePlaceholder,
            archiveLabel: text("mail_newsletter_view_online", language),
            archiveLink: base + PageAddress.href("/newsletter/archive/\(slug)", language),
            rule: String(repeating: "=", count: min(max(issue.subject.count, 3), 72)))
        return Rendered(subject: issue.subject, text: Self.tidy(try renderer.render("newsletter-mail/text", view)),
                        html: try renderer.render("newsletter-mail/html", view), web: try renderer.render("newsletter-mail/web", view))
    }

    func item(_ item: NewsletterQueries.Item, language: Language, base: String) -> Item {
        let path: String = switch item.ref.type {
        case .resources: "/resources/\(item.slug)"
        case .events: "/events/\(item.slug)"
        case .vacancies: "/vacancies/\(item.slug)"
        case .blogPosts: "/blog/\(item.slug)"
        }
        let instant = Date(epochSeconds: item.at)
        let meta: String
        switch item.ref.type {
        case .events, .vacancies:
            let zoned = ZonedTime(instant: instant, zoneIdentifier: item.zone) ?? ZonedTime(instant: instant, zone: .gmt)
            let when = TimeView(zoned, language)
            meta = text(item.ref.type == .events ? "mail_newsletter_event_when" : "mail_newsletter_vacancy_deadline", language,
                        ["date": when.date, "time": when.time, "zone": when.zone, "offset": when.offset])
                + (item.detail.isEmpty ? "" : " · \(item.detail)")
        case .resources:
            meta = ZonedTime(instant: instant, zone: .gmt).dateText(language: language)
                + (item.detail.isEmpty ? "" : " · " + text("resource_kind_\(item.detail)", language))
        case .blogPosts:
            meta = ZonedTime(instant: instant, zone: .gmt).dateText(language: language)
        }
        return Item(kind: text("mail_newsletter_kind_\(item.ref.type.rawValue)", language), title: item.title,
                    href: base + PageAddress.href(path, Language(rawValue: item.lang) ?? language), meta: meta,
                    summary: item.summary, hasSummary: !item.summary.isEmpty)
    }

    /// Site-relative links and images made absolute: a mail has no address of its own to resolve them.
    static func absolute(_ html: String, base: String) -> String {
        html.replacingOccurrences(of: #"href="/"#, with: #"href="\#(base)/"#)
            .replacingOccurrences(of: #"src="/"#, with: #"src="\#(base)/"#)
    }

    /// The text part without trailing spaces or the runs of blank lines a template leaves.
    static func tidy(_ text: String) -> String {
        var lines: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var trimmed = line
            while trimmed.last == " " { trimmed.removeLast() }
            if trimmed.isEmpty && (lines.last?.isEmpty ?? true) { continue }
            lines.append(trimmed)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }
}
