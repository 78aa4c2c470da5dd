import C4CCore
import C4CStore
import Foundation
import Hummingbird

/// Atom feeds per section and for the whole site, plus sitemap.xml and robots.txt.
struct FeedsController<Context: RequestContext>: Sendable {
    let site: Site
    let blog: BlogQueries
    let resources: ResourceQueries
    let events: EventQueries
    let sitemap: SitemapQueries

    func addRoutes(to router: Router<Context>) {
        router.get("/feed.xml") { _, _ in try await feed(.all) }
        router.get("/blog/feed.xml") { _, _ in try await feed(.blog) }
        router.get("/resources/feed.xml") { _, _ in try await feed(.resources) }
        router.get("/events/feed.xml") { _, _ in try await feed(.events) }
        router.get("/sitemap.xml") { _, _ in try await sitemapXML() }
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
            entries += try await blog.posts(language: .default, now: now, page: 1).posts.map {
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
            entries += try await events.upcoming(language: .default, now: now).prefix(20).map {
                let start = TimeView($0.start, .default)
                return AtomFeed.Entry(id: "\(base)/events/\($0.slug)", title: $0.title, url: "\(base)/events/\($0.slug)",
                                      updated: Date(epochSeconds: $0.updatedAt), published: nil,
                                      summary: "\(start.date), \(start.time) \(start.zone) (\(start.offset)). \($0.summary)",
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

    /// Every public page: the sections in every language, and each item at its own language's
    /// address. Sections that are still placeholders are left out until they are built.
    func sitemapXML() async throws -> Response {
        let base = site.publicURL
        var locations: [(String, Date?)] = []
        let placeholders = SectionPlaceholderController<Context>.paths
        let sections = ["/", "/facts", "/about/people", "/members", "/affiliates", "/resources", "/events", "/events/past",
                        "/vacancies", "/blog", "/contribute", "/contact", "/newsletter"]
        for language in Language.allCases {
            for path in sections where !placeholders.contains(path) {
                locations.append((base + PageAddress.href(path, language), nil))
            }
        }
        for entry in try await sitemap.entries(now: site.clock.now) {
            let language = Language(rawValue: entry.lang) ?? .default
            let path = entry.section.isEmpty ? "/\(entry.slug)" : "/\(entry.section)/\(entry.slug)"
            // A free page slugged like a placeholder is hidden behind it, so it has no address of its own.
            guard !placeholders.contains(path) else { continue }
            locations.append((base + PageAddress.href(path, language), Date(epochSeconds: entry.updatedAt)))
        }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for (location, modified) in locations {
            xml += "<url><loc>\(HTMLEscaping.escape(location))</loc>"
            if let modified { xml += "<lastmod>\(modified.formatted(.iso8601.year().month().day()))</lastmod>" }
            xml += "</url>\n"
        }
        xml += "</urlset>\n"
        return textResponse(xml, contentType: "application/xml; charset=utf-8")
    }
}
