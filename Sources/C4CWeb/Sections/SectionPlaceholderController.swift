import C4CCore
import C4CStore
import Hummingbird

/// The contribution, contact and mailing-list forms come with a later issue; their addresses
/// answer now with an honest page that says how to reach the secretariat.
struct SectionPlaceholderController<Context: RequestContext>: Sendable {
    let settings: SettingsQueries
    let renderer: PageRenderer
    let clock: WallClock

    /// Address → catalog key of its title. These forms arrive with a later issue; until then
    /// each page says how to reach the secretariat.
    static var sections: [(path: String, titleKey: String)] { [
        ("/contribute", "nav_contribute"), ("/contact", "nav_contact"), ("/newsletter", "nav_newsletter"),
    ] }

    func addRoutes(to router: Router<Context>) {
        for language in Language.allCases {
            for section in Self.sections {
                router.get(RouterPath(PageAddress.href(section.path, language))) { _, _ in
                    try await page(PageAddress(language: language, path: section.path), titleKey: section.titleKey)
                }
            }
        }
        for language in Language.allCases {
            router.post(RouterPath(PageAddress.href("/newsletter", language))) { _, _ in
                try await page(PageAddress(language: language, path: "/newsletter"), titleKey: "nav_newsletter")
            }
        }
    }

    func page(_ address: PageAddress, titleKey: String) async throws -> Response {
        let site = try await settings.siteSettings(now: clock.now)
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
