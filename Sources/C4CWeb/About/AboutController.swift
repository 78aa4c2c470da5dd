import C4CCore
import C4CStore
import Hummingbird

/// `/facts`, `/about`, `/about/people`, `/affiliates` and free pages at `/{slug}`.
struct AboutController<Context: RequestContext>: Sendable {
    let site: Site
    let queries: SiteQueries

    func addRoutes(to router: Router<Context>) {
        router.getInEveryLanguage("/facts") { _, _, language in try await facts(language) }
        router.getInEveryLanguage("/about") { _, _, language in try await freePage("about", language, isAbout: true) }
        router.getInEveryLanguage("/about/people") { _, _, language in try await people(language) }
        router.getInEveryLanguage("/affiliates") { _, _, language in try await affiliates(language) }
        router.getInEveryLanguage("/:slug") { _, context, language in
            guard let slug = context.parameters.get("slug"), Slug.isValid(slug) else { throw HTTPError(.notFound) }
            return try await freePage(slug, language, isAbout: false)
        }
    }

    struct FactsView: Sendable, Encodable {
        struct Fact: Sendable, Encodable {
            let number: Int
            let slug: String
            let figure: String
            let headline: String
            let source: String
            let url: String?
            let year: Int
            let textLang: TextLanguage
        }
        let facts: [Fact]
    }

    func facts(_ language: Language) async throws -> Response {
        let facts = try await queries.facts(language: language, now: site.clock.now)
        let view = FactsView(facts: facts.enumerated().map { index, fact in
            .init(number: index + 1, slug: fact.slug, figure: fact.figure, headline: fact.headline, source: fact.sourceName,
                  url: SafeURL.filter(fact.sourceUrl), year: fact.sourceYear, textLang: TextLanguage(fact.lang, page: language))
        })
        let title = site.text("nav_facts", language)
        return try await site.render("about/facts", address: PageAddress(language: language, path: "/facts"),
                                     title: title, description: site.text("facts_intro", language), page: view)
    }

    struct PageView: Sendable, Encodable {
        let textLang: TextLanguage
        let title: String
        let summary: String
        let body: String
        let isAbout: Bool
        let links: [String: String]
    }

    func freePage(_ slug: String, _ language: Language, isAbout: Bool, preview: Int64? = nil) async throws -> Response {
        let now = site.clock.now
        let translations = Translations(queries: queries, clock: site.clock)
        let versions = try await translations("pages", "", slug, language)
        if preview == nil, let moved = versions.redirect(from: PageAddress(language: language, path: "/\(slug)")) { return moved }
        guard let page = try await queries.page(slug: slug, language: language, now: now, preview: preview) else { throw HTTPError(.notFound) }
        let address = PageAddress(language: language, path: "/\(slug)")
        let view = PageView(textLang: TextLanguage(page.lang, page: language), title: page.title, summary: page.summary, body: Markdown.html(page.body), isAbout: isAbout, links: [
            "people": address.href("/about/people"), "members": address.href("/members"),
            "affiliates": address.href("/affiliates"), "facts": address.href("/facts"),
        ])
        let site = try await self.site.settingsNow()
        let jsonLD = try JSONLD.node(isAbout ? "AboutPage" : "WebPage", [
            ("name", .string(page.title)), ("description", .string(page.summary)),
            ("url", .string(self.site.publicURL + address.href(address.path))),
            ("inLanguage", .string(page.lang)),
            ("publisher", ["@type": "Organization", "name": .string(site.name), "url": .string(self.site.publicURL + "/")]),
        ])
        return try await self.site.render("about/page", address: address, title: page.title, description: page.summary, page: view,
                                          contentLanguage: Language(rawValue: page.lang),
                                          versions: versions,
                                          jsonLD: jsonLD, preview: preview != nil)
    }

    struct PeopleView: Sendable, Encodable {
        struct Group: Sendable, Encodable {
            let heading: String
            let people: [Entry]
        }
        /// A person with the language their role and biography are written in.
        struct Entry: Sendable, Encodable {
            let person: Person
            let textLang: TextLanguage
        }
        let groups: [Group]
    }

    func people(_ language: Language) async throws -> Response {
        let people = try await queries.people(language: language, now: site.clock.now)
        let groups = [("secretariat", "people_secretariat"), ("steering_committee", "people_steering_committee")].compactMap { team, key in
            let members = people.filter { $0.team == team }
            return members.isEmpty ? nil : PeopleView.Group(heading: site.text(key, language), people: members.map {
                PeopleView.Entry(person: $0, textLang: TextLanguage($0.lang, page: language))
            })
        }
        let title = site.text("nav_people", language)
        return try await site.render("about/people", address: PageAddress(language: language, path: "/about/people"),
                                     title: title, description: title, page: PeopleView(groups: groups))
    }

    func affiliates(_ language: Language) async throws -> Response {
        let affiliates = try await queries.affiliates(language: language, now: site.clock.now)
        let title = site.text("nav_affiliates", language)
        return try await site.render("about/affiliates", address: PageAddress(language: language, path: "/affiliates"),
                                     title: title, description: site.text("affiliates_intro", language),
                                     page: affiliates.map { affiliate in
                                         var safe = affiliate
                                         safe.website = SafeURL.filter(affiliate.website) ?? ""
                                         safe.countryName = site.placeName(affiliate.countryCode, stored: affiliate.countryName ?? affiliate.countryCode, language)
                                         return safe
                                     })
    }
}
