import C4CCore
import C4CStore
import Foundation
import Hummingbird

/// Atom feeds per section and for the whole site, plus the sitemap (an index of numbered pages
/// past 50,000 addresses) and robots.txt.
struct FeedsController<Context: RequestContext>: Sendable {
    let site: Site
    let blog: BlogQueries
    let resources: ResourceQueries
    let events: EventQueries
    let sitemap: SitemapQueries
    /// The most addresses one sitemap file lists (the sitemaps.org limit); past it `/sitemap.xml`
    /// is an index of `/sitemap-N.xml` pages. Tests make it small.
    var sitemapPageSize = 50_000

    func addRoutes(to router: Router<Context>) {
        router.get("/feed.xml") { _, _ in try await feed(.all) }
        router.get("/blog/feed.xml") { _, _ in try await feed(.blog) }
        router.get("/resources/feed.xml") { _, _ in try await feed(.resources) }
        router.get("/events/feed.xml") { _, _ in try await feed(.events) }
        router.get("/sitemap.xml") { _, _ in try await sitemapXML() }
        router.get("/sitemap-{page}") { _, context in try await numberedSitemap(context.parameters.get("page") ?? "") }
        router.get("/robots.txt") { _, _ in
            textResponse("User-agent: *\nDisallow: /admin/\nAllow: /\n\nSitemap: \(site.publicURL)/sitemap.xml\n",
                         contentType: "text/plain; charset=utf-8")
        }
    }

    enum Section: String { case all, blog, resources, events }

    func entries(_ section: Section, now: Date) async throws -> [AtomFeed.Entry] {
        let base = site.publicURL
        var entries: [AtomFeed.Entry] = []
        let settings = try await site.settingsNow()
        if section == .all || section == .blog {
            entries += try await blog.latest(language: .default, now: now).map {
                AtomFeed.Entry(id: "\(base)/blog/\($0.slug)", title: $0.title, url: "\(base)/blog/\($0.slug)",
                               updated: Date(epochSeconds: $0.updatedAt), published: $0.published, summary: $0.summary,
                               author: $0.byline, categories: $0.seriesName.isEmpty ? [] : [$0.seriesName])
            }
        }
        if section == .all || section == .resources {
            entries += try await resources.latest(language: .default, now: now, limit: 20).map {
                AtomFeed.Entry(id: "\(base)/resources/\($0.slug)", title: $0.title, url: "\(base)/resources/\($0.slug)",
                               updated: Date(epochSeconds: $0.updatedAt), published: nil, summary: $0.summary,
                               author: settings.name, categories: [site.text("resource_kind_\($0.kind)", .default)])
            }
        }
        if section == .all || section == .events {
            entries += try await events.upcoming(language: .default, now: now, limit: 20).map {
                let start = TimeView($0.start, .default)
                return AtomFeed.Entry(id: "\(base)/events/\($0.slug)", title: $0.title, url: "\(base)/events/\($0.slug)",
                                      updated: Date(epochSeconds: $0.updatedAt), published: nil,
                                      summary: "\(start.at) \(start.zone) (\(start.offset)). \($0.summary)",
                                      author: settings.name)
            }
        }
        return entries.sorted { $0.updated > $1.updated }
    }

    func feed(_ section: Section) async throws -> Response {
        let settings = try await site.settingsNow()
        let path = section == .all ? "" : "/\(section.rawValue)"
        let title = section == .all ? settings.name : "\(settings.name) · \(site.text("nav_\(section.rawValue)", .default))"
        let feed = AtomFeed(
            id: "\(site.publicURL)\(path)/feed.xml", title: title, subtitle: settings.tagline,
            selfURL: "\(site.publicURL)\(path)/feed.xml", alternateURL: "\(site.publicURL)\(path.isEmpty ? "/" : path)",
            language: .default, author: settings.name, entries: try await entries(section, now: site.clock.now)
        )
        return textResponse(feed.xml(), contentType: "application/atom+xml; charset=utf-8")
    }

    /// The fixed sections in every language, first in every sitemap; search pages are never listed.
    var sectionAddresses: [(path: String, language: Language)] {
        let sections = ["/", "/facts", "/about/people", "/members", "/affiliates", "/resources", "/events", "/events/past",
                        "/vacancies", "/blog", "/newsletter/archive"] + Self.formSections
        return Language.allCases.flatMap { language in
            sections.map { ($0, language) }
        }
    }

    static var formSections: [String] { ["/contribute", "/contact", "/newsletter"] }

    /// A free page slugged like a form's address is hidden behind the form, so it has no address of its own.
    var hiddenPages: Set<String> { Set(Self.formSections.map { String($0.dropFirst()) }) }

    /// Every public page in one sitemap while they fit in `sitemapPageSize`, else an index of pages.
    func sitemapXML() async throws -> Response {
        let sections = sectionAddresses
        let total = sections.count + (try await sitemap.count(now: site.clock.now, hiddenPages: hiddenPages))
        guard total > sitemapPageSize else { return try await sitemapPage(from: 0, sections: sections) }
        let pages = (total + sitemapPageSize - 1) / sitemapPageSize
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for page in 1...pages {
            xml += "<sitemap><loc>\(HTMLEscaping.escape("\(site.publicURL)/sitemap-\(page).xml"))</loc></sitemap>\n"
        }
        xml += "</sitemapindex>\n"
        return textResponse(xml, contentType: "application/xml; charset=utf-8")
    }

    /// `/sitemap-N.xml`: the Nth page of addresses, while `/sitemap.xml` is an index.
    func numberedSitemap(_ name: String) async throws -> Response {
        guard name.hasSuffix(".xml"), let page = Int(name.dropLast(4)), page >= 1, page <= Int.max / sitemapPageSize else {
            throw HTTPError(.notFound)
        }
        let sections = sectionAddresses
        let total = sections.count + (try await sitemap.count(now: site.clock.now, hiddenPages: hiddenPages))
        let start = (page - 1) * sitemapPageSize
        guard total > sitemapPageSize, start < total else { throw HTTPError(.notFound) }
        return try await sitemapPage(from: start, sections: sections)
    }

    /// Up to `sitemapPageSize` addresses from `start`: the sections, then each item at its own
    /// language's address, in the order `SitemapQueries` gives.
    func sitemapPage(from start: Int, sections: [(path: String, language: Language)]) async throws -> Response {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
        for (path, language) in sections.dropFirst(start).prefix(sitemapPageSize) {
            let location = site.publicURL + PageAddress.href(path, language)
            xml += "<url><loc>\(HTMLEscaping.escape(location))</loc>\(alternates(.section(path)))</url>\n"
        }
        let listed = max(0, min(sections.count - start, sitemapPageSize))
        let entries = try await sitemap.entries(now: site.clock.now, hiddenPages: hiddenPages,
                                                offset: max(0, start - sections.count), limit: sitemapPageSize - listed)
        for entry in entries {
            let language = Language(rawValue: entry.lang) ?? .default
            let path = entry.section.isEmpty ? "/\(entry.slug)" : "/\(entry.section)/\(entry.slug)"
            let modified = Date(epochSeconds: entry.updatedAt).formatted(.iso8601.year().month().day())
            let versions = PageVersions.item(entry.section.isEmpty ? "" : "/\(entry.section)", entry.translations)
            xml += "<url><loc>\(HTMLEscaping.escape(site.publicURL + PageAddress.href(path, language)))</loc><lastmod>\(modified)</lastmod>"
                + "\(alternates(versions))</url>\n"
        }
        xml += "</urlset>\n"
        return textResponse(xml, contentType: "application/xml; charset=utf-8")
    }

    /// The same hreflang alternates as the page's head names, x-default included.
    func alternates(_ versions: PageVersions) -> String {
        var links = versions.own.map { (hreflang: $0.language.rawValue, href: $0.href) }
        guard !links.isEmpty else { return "" }
        links.append((hreflang: "x-default", href: versions.defaultHref))
        return links.map {
            "<xhtml:link rel=\"alternate\" hreflang=\"\($0.hreflang)\" href=\"\(HTMLEscaping.escape(site.publicURL + $0.href))\"/>"
        }.joined()
    }
}
