import C4CCore
import C4CStore
import Hummingbird

/// Sections whose forms come with a later change answer now with an honest page that says how
/// to reach the secretariat; the sitemap leaves these addresses out until they are real.
struct SectionPlaceholderController<Context: RequestContext>: Sendable {
    let settings: SettingsQueries
    let renderer: PageRenderer
    let clock: WallClock

    /// Address → catalog key of its title.
    static var sections: [(path: String, titleKey: String)] { [
        ("/contribute", "nav_contribute"),
    ] }

    static var paths: Set<String> { Set(sections.map(\.path)) }

    func addRoutes(to router: Router<Context>) {
        for language in Language.allCases {
            for section in Self.sections {
                router.get(RouterPath(PageAddress.href(section.path, language))) { _, _ in
                    try await page(PageAddress(language: language, path: section.path), titleKey: section.titleKey,
                                   paragraphKey: "placeholder_being_built")
                }
            }
        }
    }

    func page(_ address: PageAddress, titleKey: String, paragraphKey: String, status: HTTPResponse.Status = .ok) async throws -> Response {
        let site = try await settings.siteSettings(now: clock.now)
        let language = address.language
        let title = renderer.text(titleKey, language)
        let page = SimplePage(
            t: renderer.catalog.table(for: language),
            layout: renderer.layout(address: address, title: title, description: title, settings: site, now: clock.now),
            heading: title,
            paragraphs: [renderer.catalog.text(paragraphKey, language)],
            contactEmail: site.contactEmail.isEmpty ? nil : site.contactEmail,
            showSearch: false,
            homeHref: address.href("/")
        )
        return try renderer.html("simple", page, status: status)
    }
}
