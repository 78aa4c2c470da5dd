import C4CCore
import C4CStore
import Foundation
import Hummingbird

/// The knowledge hub: `/resources` with combinable filters, `/resources/{slug}` and its citation
/// downloads.
struct ResourcesController<Context: RequestContext>: Sendable {
    let site: Site
    let queries: ResourceQueries
    let translations: Translations

    func addRoutes(to router: Router<Context>) {
        router.getInEveryLanguage("/resources") { request, _, language in try await list(request, language) }
        router.getInEveryLanguage("/resources/:slug") { _, context, language in
            let slug = try context.parameters.require("slug")
            return try await show(slug, language)
        }
        router.get("/resources/:slug/cite.bib") { _, context in try await citation(try context.parameters.require("slug"), bibTeX: true) }
        router.get("/resources/:slug/cite.ris") { _, context in try await citation(try context.parameters.require("slug"), bibTeX: false) }
    }

    struct ListView: Sendable, Encodable {
        struct Item: Sendable, Encodable {
            /// Title and summary as HTML: stored text escaped, the searched words in `<mark>`.
            let titleHTML: String
            let href: String
            let kind: String
            let year: String
            let summaryHTML: String
            let textLang: TextLanguage
        }
        let query: String
        let items: [Item]
        let filters: [FilterGroup]
        let count: String
        let pagination: Pagination
        let action: String
        let hidden: [Hidden]
        struct Hidden: Sendable, Encodable {
            let name: String
            let value: String
        }
    }

    static func filter(from request: Request) -> ResourceFilter {
        ResourceFilter(query: request.query("q"), kind: request.query("kind"), topic: request.query("topic"),
                       region: request.query("region"), language: request.query("language"), year: request.query("year"),
                       organisation: request.query("organisation"))
    }

    func list(_ request: Request, _ language: Language) async throws -> Response {
        let filter = Self.filter(from: request)
        let page = request.pageNumber
        let address = PageAddress(language: language, path: "/resources")
        let result = try await queries.list(filter: filter, page: page, language: language, now: site.clock.now)
        let path = address.href("/resources")
        let current = filter.parameters
        func group(_ name: String, _ values: [FacetValue], label: ((FacetValue) -> String)? = nil) -> FilterGroup {
            QueryString.group(name: name, label: site.text("resources_filter_\(name)", language), path: path, current: current,
                              values: values, labelFor: label ?? { $0.label })
        }
        let terms = filter.query.map { TextFolding.searchTerms($0) } ?? []
        let view = ListView(
            query: filter.query ?? "",
            items: result.items.map {
                .init(titleHTML: SearchHighlight.html($0.title, terms: terms), href: address.href("/resources/\($0.slug)"),
                      kind: site.text("resource_kind_\($0.kind)", language), year: String($0.publishedOn.prefix(4)),
                      summaryHTML: terms.isEmpty ? HTMLEscaping.escape($0.summary) : SearchHighlight.excerpt($0.summary, terms: terms).html,
                      textLang: TextLanguage($0.lang, page: language))
            },
            filters: [
                group("kind", result.facets.kinds) { site.text("resource_kind_\($0.value)", language) },
                group("topic", result.facets.topics),
                group("region", result.facets.regions) { site.placeName($0.value, stored: $0.label, language) },
                group("language", result.facets.languages) { Language(rawValue: $0.value)?.nativeName ?? $0.value.uppercased() },
                group("year", result.facets.years),
                group("organisation", result.facets.organisations),
            ],
            count: site.renderer.catalog.counted("resources_count", language, count: result.total),
            pagination: Pagination(path: path, parameters: current + (page > 1 ? [("page", String(page))] : []), page: page,
                                   pageSize: ResourceQueries.pageSize, total: result.total,
                                   label: site.text("pagination_label", language)),
            action: path,
            hidden: current.filter { $0.0 != "q" }.map { .init(name: $0.0, value: $0.1) }
        )
        let title = site.text("nav_resources", language)
        var response = try await site.render("resources/index", address: address, title: title,
                                             description: site.text("resources_intro", language), page: view)
        // A search inside the hub is a search page: not for search engines' indexes.
        if filter.query != nil { response.headers[.xRobotsTag] = "noindex" }
        return response
    }

    struct ShowView: Sendable, Encodable {
        struct File: Sendable, Encodable {
            let label: String
            let href: String
            let language: String
            let lang: String
            let description: String
        }
        struct Link: Sendable, Encodable {
            let label: String
            let href: String
            var textLang = TextLanguage.page
        }
        /// The resource's own language, said on its title, summary, text and citation when it is
        /// shown as fallback for a language it lacks.
        let textLang: TextLanguage
        let title: String
        let kind: String
        let summary: String
        let body: String
        let published: String
        let series: String
        let authors: String
        let organisations: [Link]
        let topics: [Link]
        let regions: [Link]
        let languages: String
        let files: [File]
        let externalURL: String
        let citation: String
        let bibHref: String
        let risHref: String
        let related: [Link]
        let cover: ImageView?
    }

    func show(_ slug: String, _ language: Language, preview: Int64? = nil) async throws -> Response {
        let now = site.clock.now
        let versions = try await translations("resources", "/resources", slug, language)
        if preview == nil, let moved = versions.redirect(from: PageAddress(language: language, path: "/resources/\(slug)")) { return moved }
        guard let detail = try await queries.resource(slug: slug, language: language, now: now, preview: preview) else { throw HTTPError(.notFound) }
        let resource = detail.resource
        let address = PageAddress(language: language, path: "/resources/\(slug)")
        let settings = try await site.settingsNow()
        let source = citationSource(detail, publisher: settings.name)
        let list = address.href("/resources")
        let view = ShowView(
            textLang: TextLanguage(resource.lang, page: language),
            title: resource.title, kind: site.text("resource_kind_\(resource.kind)", language), summary: resource.summary,
            body: Markdown.html(resource.body), published: resource.publishedOn,
            series: resource.seriesName.isEmpty ? "" : "\(resource.seriesName) \(resource.seriesNumber)".trimmingCharacters(in: .whitespaces),
            authors: detail.authors.joined(separator: ", "),
            organisations: detail.organisations.map { .init(label: $0.label, href: address.href("/members/\($0.value)")) },
            topics: detail.topics.map { .init(label: $0.path, href: QueryString.href(list, [("topic", $0.slug)])) },
            regions: detail.regions.map { .init(label: site.placeName($0.value, stored: $0.label, language), href: QueryString.href(list, [("region", $0.value)])) },
            languages: detail.languages.map { Language(rawValue: $0)?.nativeName ?? $0 }.joined(separator: ", "),
            files: detail.files.map { file in
                .init(label: file.label.isEmpty ? file.name : file.label, href: file.path,
                      language: Language(rawValue: file.language)?.nativeName ?? file.language, lang: file.language,
                      description: FileLabel.describe(contentType: file.contentType, name: file.name, bytes: file.byteSize, language: language))
            },
            externalURL: SafeURL.filter(resource.externalUrl) ?? "",
            citation: resource.citation.isEmpty ? source.suggested : resource.citation,
            bibHref: "/resources/\(resource.slug)/cite.bib", risHref: "/resources/\(resource.slug)/cite.ris",
            related: detail.related.map { .init(label: $0.title, href: address.href("/resources/\($0.slug)"), textLang: TextLanguage($0.lang, page: language)) },
            cover: detail.cover.map { ImageView($0, place: .column) }
        )
        let isReport = ["research_paper", "research_brief", "report"].contains(resource.kind)
        let jsonLD = try JSONLD.node(isReport ? "Report" : "CreativeWork", [
            ("name", .string(resource.title)), ("description", .string(resource.summary)),
            ("url", .string(site.publicURL + address.href(address.path))), ("datePublished", .string(resource.publishedOn)),
            ("inLanguage", .array(detail.languages.map { .string($0) })),
            ("author", .array(detail.authors.map { ["@type": "Person", "name": .string($0)] })),
            ("publisher", ["@type": "Organization", "name": .string(settings.name), "url": .string(site.publicURL + "/")]),
            ("about", .array(detail.topics.map { .string($0.name) })),
            ("encoding", .array(detail.files.map { ["@type": "MediaObject", "contentUrl": .string(site.publicURL + $0.path),
                                                    "encodingFormat": .string($0.contentType), "inLanguage": .string($0.language)] })),
        ])
        return try await site.render("resources/show", address: address, title: resource.title, description: resource.summary,
                                     page: view, contentLanguage: Language(rawValue: resource.lang), versions: versions,
                                     jsonLD: jsonLD, ogType: "article", preview: preview != nil)
    }

    func citationSource(_ detail: ResourceQueries.Detail, publisher: String) -> CitationSource {
        let resource = detail.resource
        return CitationSource(
            key: resource.slug.replacingOccurrences(of: "-", with: "_"), title: resource.title, authors: detail.authors,
            year: String(resource.publishedOn.prefix(4)), publisher: publisher, series: resource.seriesName,
            number: resource.seriesNumber, url: site.publicURL + PageAddress.href("/resources/\(resource.slug)", Language(rawValue: resource.lang) ?? .default),
            isReport: ["research_paper", "research_brief", "report"].contains(resource.kind)
        )
    }

    func citation(_ slug: String, bibTeX: Bool) async throws -> Response {
        let language = try await translations.language(of: "resources", slug)
        guard let detail = try await queries.resource(slug: slug, language: language, now: site.clock.now) else { throw HTTPError(.notFound) }
        let source = citationSource(detail, publisher: try await site.settingsNow().name)
        return bibTeX
            ? textResponse(source.bibTeX, contentType: "application/x-bibtex; charset=utf-8", filename: "\(slug).bib")
            : textResponse(source.ris, contentType: "application/x-research-info-systems; charset=utf-8", filename: "\(slug).ris")
    }
}
