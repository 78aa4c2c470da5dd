import C4CCore
import C4CStore
import Hummingbird

/// `/` and its translations (`/fr`, `/es`, …): the front page.
struct HomeController<Context: RequestContext>: Sendable {
    let home: HomeQueries
    let site: Site

    func addRoutes(to router: Router<Context>) {
        router.get("/") { _, _ in try await page(.default) }
        for language in Language.allCases where language != .default {
            router.get(RouterPath(language.pathPrefix)) { _, _ in try await page(language) }
        }
    }

    func page(_ language: Language) async throws -> Response {
        let now = site.clock.now
        let content = try await home.content(language: language, now: now)
        let settings = try await site.settingsNow()
        let page = try HomePage(content: content, settings: settings, address: PageAddress(language: language, path: "/"),
                                renderer: site.renderer, now: now)
        return try site.renderer.html("home/index", page)
    }
}
