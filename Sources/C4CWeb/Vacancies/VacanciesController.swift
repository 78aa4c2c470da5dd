import C4CCore
import C4CStore
import Foundation
import Hummingbird

/// `/vacancies` lists what is open at the moment of the request; `/vacancies/{slug}` stays
/// reachable after the deadline, with a notice that it has closed and without its JobPosting
/// data, as search engines ask for expired postings.
struct VacanciesController<Context: RequestContext>: Sendable {
    let site: Site
    let queries: VacancyQueries
    let translations: Translations

    func addRoutes(to router: Router<Context>) {
        router.getInEveryLanguage("/vacancies") { _, _, language in try await list(language) }
        router.getInEveryLanguage("/vacancies/:slug") { _, context, language in
            try await show(try context.parameters.require("slug"), language)
        }
    }

    struct Item: Sendable, Encodable {
        let title: String
        let href: String
        let kind: String
        let organisation: String
        let location: String
        let deadline: TimeView
        let summary: String
        let textLang: TextLanguage
    }

    func item(_ vacancy: VacancyDetail, _ address: PageAddress) -> Item {
        Item(title: vacancy.title, href: address.href("/vacancies/\(vacancy.slug)"),
             kind: site.text("vacancy_kind_\(vacancy.kind)", address.language), organisation: vacancy.organisation,
             location: vacancy.location.isEmpty && vacancy.remote ? site.text("vacancy_remote", address.language) : vacancy.location,
             deadline: TimeView(vacancy.deadline.zoned, address.language), summary: vacancy.summary,
             textLang: TextLanguage(vacancy.lang, page: address.language))
    }

    func list(_ language: Language) async throws -> Response {
        let address = PageAddress(language: language, path: "/vacancies")
        let vacancies = try await queries.open(language: language, now: site.clock.now)
        let title = site.text("nav_vacancies", language)
        return try await site.render("vacancies/index", address: address, title: title,
                                     description: site.text("vacancies_intro", language),
                                     page: vacancies.map { item($0, address) })
    }

    struct ShowView: Sendable, Encodable {
        let item: Item
        let textLang: TextLanguage
        let isOpen: Bool
        let closedNotice: String
        let body: String
        let organisationHref: String
        let applyEmail: String
        let applySubject: String
        let mailto: String
        let applyURL: String
        let termsHref: String
        let termsDescription: String
        let listHref: String
    }

    func show(_ slug: String, _ language: Language, preview: Int64? = nil) async throws -> Response {
        let now = site.clock.now
        let versions = try await translations("vacancies", "/vacancies", slug, language)
        if preview == nil, let moved = versions.redirect(from: PageAddress(language: language, path: "/vacancies/\(slug)")) { return moved }
        guard let vacancy = try await queries.vacancy(slug: slug, language: language, now: now, preview: preview) else { throw HTTPError(.notFound) }
        let address = PageAddress(language: language, path: "/vacancies/\(slug)")
        let isOpen = vacancy.deadline.isOpen(at: now)
        let deadline = TimeView(vacancy.deadline.zoned, language)
        var mailto = ""
        if !vacancy.applyEmail.isEmpty {
            var components = URLComponents()
            components.queryItems = [URLQueryItem(name: "subject", value: vacancy.applySubject)]
            mailto = "mailto:\(vacancy.applyEmail)" + (vacancy.applySubject.isEmpty ? "" : "?" + (components.percentEncodedQuery ?? ""))
        }
        let view = ShowView(
            item: item(vacancy, address), textLang: TextLanguage(vacancy.lang, page: language), isOpen: isOpen,
            closedNotice: site.renderer.catalog.text("vacancy_closed_notice", language, ["date": "\(deadline.at) \(deadline.zone)"]),
            body: Markdown.html(vacancy.body),
            organisationHref: vacancy.organisationSlug.map { address.href("/members/\($0)") } ?? "",
            applyEmail: vacancy.applyEmail, applySubject: vacancy.applySubject, mailto: mailto, applyURL: SafeURL.filter(vacancy.applyUrl) ?? "",
            termsHref: vacancy.termsFileId.flatMap { id in vacancy.termsFileName.map { FilePath.make(id: id, name: $0) } } ?? "",
            termsDescription: vacancy.termsFileName.map {
                FileLabel.describe(contentType: vacancy.termsContentType ?? "", name: $0, bytes: vacancy.termsByteSize ?? 0, language: language)
            } ?? "",
            listHref: address.href("/vacancies")
        )
        return try await site.render("vacancies/show", address: address, title: vacancy.title, description: vacancy.summary,
                                     page: view, contentLanguage: Language(rawValue: vacancy.lang),
                                     versions: versions,
                                     jsonLD: isOpen ? try jobPosting(vacancy, body: view.body, address: address) : nil, ogType: "article",
                                     preview: preview != nil)
    }

    func jobPosting(_ vacancy: VacancyDetail, body: String, address: PageAddress) throws -> String {
        let employment = ["job": "FULL_TIME", "consultancy": "CONTRACTOR", "internship": "INTERN", "volunteer": "VOLUNTEER"][vacancy.kind] ?? "OTHER"
        let posted = Date(epochSeconds: vacancy.publishAt ?? vacancy.createdAt)
        return try JSONLD.node("JobPosting", [
            ("title", .string(vacancy.title)), ("description", .string(body)),
            ("datePosted", .string(posted.formatted(.iso8601.year().month().day()))),
            ("validThrough", .string(vacancy.deadline.zoned.isoWithOffset)),
            ("employmentType", .string(employment)),
            ("hiringOrganization", ["@type": "Organization", "name": .string(vacancy.organisation)]),
            ("jobLocationType", vacancy.remote ? "TELECOMMUTE" : .null),
            ("jobLocation", vacancy.remote && vacancy.location.lowercased() == "remote" ? .null
                : ["@type": "Place", "address": .string(vacancy.location)]),
            ("applicantLocationRequirements", vacancy.remote ? ["@type": "AdministrativeArea", "name": "Worldwide"] : .null),
            ("url", .string(site.publicURL + address.href(address.path))),
        ])
    }
}
