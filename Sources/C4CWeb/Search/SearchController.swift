import C4CCore
import C4CStore
import Hummingbird

/// `/search?q=`: one box over everything, results grouped by kind, the best few of each with a
/// link to all of them (`&kind=events`, or the knowledge hub for resources, where the facets
/// apply). Search pages are never indexed by search engines.
struct SearchController<Context: RequestContext>: Sendable {
    let site: Site
    let queries: SearchQueries

    func addRoutes(to router: Router<Context>) {
        router.getInEveryLanguage("/search") { request, _, language in try await search(request, language) }
    }

    struct View: Sendable, Encodable {
        struct Group: Sendable, Encodable {
            let heading: String
            /// "12", or "1000+" when older matches were left out of the ranking.
            let total: String
            let hits: [Hit]
            let moreHref: String?
            let moreLabel: String
        }
        struct Hit: Sendable, Encodable {
            /// The title and passage as HTML: stored text escaped, only our `<mark>` tags raw.
            let titleHTML: String
            let snippetHTML: String
            let href: String
            /// "Past event", "Closed": what is no longer current says so.
            let label: String?
            /// The item's language, said where it differs from the page's (an English item shown
            /// because it has no translation).
            let textLang: TextLanguage
        }
        struct Hidden: Sendable, Encodable {
            let name: String
            let value: String
        }
        let query: String
        let action: String
        let hidden: [Hidden]
        let groups: [Group]
        let summary: String
        let searched: Bool
        let nothing: String?
        let pagination: Pagination?
    }

    static var pageSize: Int { 20 }
    static var perKind: Int { 5 }

    func search(_ request: Request, _ language: Language) async throws -> Response {
        let query = request.query("q") ?? ""
        let only = request.query("kind").flatMap(SearchKind.init(rawValue:))
        let page = request.pageNumber
        let address = PageAddress(language: language, path: "/search")
        let path = address.href("/search")
        let results = query.isEmpty ? nil : try await queries.search(
            query, language: language, now: site.clock.now, kinds: only.map { [$0] } ?? SearchKind.allCases,
            limit: only == nil ? Self.perKind : Self.pageSize, offset: only == nil ? 0 : (page - 1) * Self.pageSize)
        let groups = (results?.groups ?? []).map {
            group(of: $0, terms: results?.terms ?? [], query: query, only: only, path: path, address: address)
        }
        let total = results?.total ?? 0
        let more = results?.groups.contains(where: \.more) == true
        let parameters: [(String, String)] = [("q", query)] + (only.map { [("kind", $0.rawValue)] } ?? [])
        let view = View(
            query: query, action: path, hidden: only.map { [.init(name: "kind", value: $0.rawValue)] } ?? [],
            groups: groups,
            summary: site.renderer.catalog.counted("search_count", language, count: total,
                                                   ["query": query, "count": "\(total)\(more ? "+" : "")"]),
            searched: !query.isEmpty,
            nothing: !query.isEmpty && total == 0 ? site.renderer.catalog.text("search_nothing", language, ["query": query]) : nil,
            pagination: only == nil ? nil : Pagination(path: path, parameters: parameters, page: page, pageSize: Self.pageSize,
                                                       total: total, label: site.text("pagination_label", language))
        )
        let title = site.text("nav_search", language)
        var response = try await site.render("search", address: address, title: title, description: title, page: view)
        // Result pages are endless and thin: no search engine should index them.
        response.headers[.xRobotsTag] = "noindex"
        return response
    }

    func heading(_ kind: SearchKind, _ language: Language) -> String {
        site.text(kind == .pages ? "search_pages" : "nav_\(kind.rawValue)", language)
    }

    func group(of group: SearchQueries.Group, terms: [String], query: String, only: SearchKind?,
               path: String, address: PageAddress) -> View.Group {
        let language = address.language
        let hits = group.hits.map { hit in
            // The summary's passage, unless only the body holds the words.
            var snippet = SearchHighlight.excerpt(hit.summary, terms: terms)
            if !snippet.matched, !hit.body.isEmpty {
                let inBody = SearchHighlight.excerpt(SearchHighlight.plainText(markdown: hit.body), terms: terms)
                if inBody.matched { snippet = inBody }
            }
            let label: String? = switch (hit.kind, hit.isPast) {
            case (.events, true): site.text("search_past_event", language)
            case (.vacancies, true): site.text("search_closed_vacancy", language)
            default: nil
            }
            return View.Hit(titleHTML: SearchHighlight.html(hit.title, terms: terms), snippetHTML: snippet.html,
                            href: address.href(group.kind.path(slug: hit.slug)), label: label,
                            textLang: TextLanguage(hit.lang, page: language))
        }
        // The hub lists every matching resource with its facets; other kinds page here.
        let more: String? = only != nil || (group.total <= group.hits.count && !group.more) ? nil : group.kind == .resources
            ? QueryString.href(address.href("/resources"), [("q", query)])
            : QueryString.href(path, [("q", query), ("kind", group.kind.rawValue)])
        let total = "\(group.total)\(group.more ? "+" : "")"
        return View.Group(
            heading: heading(group.kind, language), total: total, hits: hits, moreHref: more,
            moreLabel: site.renderer.catalog.counted("search_all", language, count: group.total,
                                                     ["section": heading(group.kind, language), "count": total]))
    }
}
