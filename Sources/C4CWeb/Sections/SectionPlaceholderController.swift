import C4CCore
import C4CStore
import Hummingbird

/// Sections whose pages arrive with the public-site issue answer now with an honest page that
/// names the section and says how to reach the secretariat, so no link from the home page breaks.
struct SectionPlaceholderController<Context: RequestContext>: Sendable {
    let settings: SettingsQueries
    let renderer: PageRenderer
    let clock: WallClock

    /// Address → catalog key of its title.
    static var sections: [(path: String, titleKey: String)] { [
        ("/facts", "nav_facts"), ("/about", "nav_about"), ("/about/people", "nav_people"),
        ("/members", "nav_members"), ("/affiliates", "nav_affiliates"), ("/resources", "nav_resources"),
        ("/events", "nav_events"), ("/events/past", "nav_past_events"), ("/vacancies", "nav_vacancies"),
        ("/blog", "nav_blog"), ("/contribute", "nav_contribute"), ("/contact", "nav_contact"),
        ("/newsletter", "nav_newsletter"), ("/search", "nav_search"), ("/privacy", "nav_privacy"),
    ] }

    /// Item pages linked from the home page: `/events/{slug}` and the like.
    static var itemSections: [(path: String, titleKey: String)] { [
        ("/events", "nav_events"), ("/vacancies", "nav_vacancies"), ("/resources", "nav_resources"),
        ("/blog", "nav_blog"), ("/members", "nav_members"),
    ] }

    func addRoutes(to router: Router<Context>) {
        for language in Language.allCases {
            for section in Self.sections {
                router.get(RouterPath(PageAddress.href(section.path, language))) { _, _ in
                    try await page(PageAddress(language: language, path: section.path), titleKey: section.titleKey)
                }
            }
            for section in Self.itemSections {
                router.get(RouterPath(PageAddress.href(section.path, language) + "/:slug")) { _, context in
                    let slug = context.parameters.get("slug") ?? ""
                    guard Slug.isValid(slug) else { throw HTTPError(.notFound) }
                    return try await page(PageAddress(language: language, path: "\(section.path)/\(slug)"), titleKey: section.titleKey)
                }
            }
        }
        router.post("/newsletter") { _, _ in
            try await page(PageAddress(language: .default, path: "/newsletter"), titleKey: "nav_newsletter")
        }
    }

    func page(_ address: PageAddress, titleKey: String) async throws -> Response {
        let site = try await settings.siteSettings()
        let language = address.language
        let title = renderer.text(titleKey, language)
        let page = SimplePage(
            t: renderer.catalog.table(for: language),
            layout: renderer.layout(address: address, title: title, description: title, settings: site, now: clock.now),
            heading: title,
            paragraphs: [renderer.catalog.text("placeholder_being_built", language)],
            contactEmail: site.contactEmail.isEmpty ? nil : site.contactEmail,
            showSearch: false,
            homeHref: address.href("/")
        )
        return try renderer.html("simple", page)
    }
}
