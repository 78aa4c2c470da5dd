import C4CCore
import C4CStore
import Hummingbird

/// `/search?q=`: one box over everything, results grouped by kind.
struct SearchController<Context: RequestContext>: Sendable {
    let site: Site
    let queries: SearchQueries

    func addRoutes(to router: Router<Context>) {
        router.getInEveryLanguage("/search") { request, _, language in try await search(request, language) }
    }

    struct View: Sendable {
        struct Group: Sendable {
            let heading: String
            let hits: [Hit]
        }
        struct Hit: Sendable {
            let title: String
            let href: String
            let summary: String
        }
        let query: String
        let action: String
        let groups: [Group]
        let summary: String
        let searched: Bool
    }

    func search(_ request: Request, _ language: Language) async throws -> Response {
        let query = request.query("q") ?? ""
        let address = PageAddress(language: language, path: "/search")
        let hits = query.isEmpty ? [] : try await queries.search(query, language: language, now: site.clock.now)
        let order = ["resources", "events", "blog", "vacancies", "members", "pages"]
        let groups = order.compactMap { kind -> View.Group? in
            let matching = hits.filter { $0.kind == kind }
            guard !matching.isEmpty else { return nil }
            return View.Group(heading: site.text(kind == "pages" ? "search_pages" : "nav_\(kind)", language), hits: matching.map {
                .init(title: $0.title, href: address.href(kind == "pages" ? "/\($0.slug)" : "/\(kind)/\($0.slug)"), summary: $0.summary)
            })
        }
        let view = View(
            query: query, action: address.href("/search"), groups: groups,
            summary: site.renderer.catalog.counted("search_count", language, count: hits.count, ["query": query]),
            searched: !query.isEmpty
        )
        let title = site.text("nav_search", language)
        return try await site.render("search", address: address, title: title, description: title, page: view)
    }
}
