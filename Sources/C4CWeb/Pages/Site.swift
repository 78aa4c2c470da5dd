import C4CCore
import C4CStore
import Foundation
import Hummingbird

/// What every public page controller needs: the renderer, the site settings and the clock,
/// and one way to render a page inside the shared layout.
struct Site: Sendable {
    let renderer: PageRenderer
    /// Settings come through it, read once for each generation of content.
    let freshness: ContentFreshness
    let clock: WallClock

    var publicURL: String { renderer.publicURL }

    /// The page model every template receives: the text catalog as `t`, the frame as `layout`,
    /// the page's own view model as `page`.
    struct View<Page: Sendable & Encodable>: Sendable, Encodable {
        let t: [String: String]
        let layout: Layout
        let page: Page
    }

    func render<Page: Sendable & Encodable>(
        _ template: String, address: PageAddress, title: String?, description: String, page: Page,
        contentLanguage: Language? = nil, versions: PageVersions? = nil,
        jsonLD: String? = nil, ogType: String = "website", status: HTTPResponse.Status = .ok, preview: Bool = false
    ) async throws -> Response {
        let site = try await freshness.siteSettings()
        let url = publicURL + address.href(address.path)
        // Pages without a node of their own still say what they are and whose site they belong to.
        let node = try jsonLD ?? JSONLD.node("WebPage", [
            ("name", .string(title ?? site.name)), ("description", .string(description)), ("url", .string(url)),
            ("inLanguage", .string(address.language.rawValue)),
            ("isPartOf", ["@type": "WebSite", "name": .string(site.name), "url": .string(publicURL + "/")]),
        ])
        var layout = renderer.layout(address: address, title: title, description: description, settings: site,
                                     now: clock.now, versions: versions, jsonLD: node)
        layout.ogType = ogType
        if let section = ["blog", "resources", "events"].first(where: { address.path == "/\($0)" || address.path.hasPrefix("/\($0)/") }) {
            layout.sectionFeedHref = "/\(section)/feed.xml"
            layout.sectionFeedTitle = "\(site.name) · \(text("nav_\(section)", address.language))"
        }
        if let contentLanguage, contentLanguage != address.language {
            layout.fallbackNotice = renderer.catalog.text("fallback_notice", address.language, ["language": contentLanguage.name(in: address.language)])
        }
        if preview { layout.previewNotice = text("preview_notice", address.language) }
        var response = try renderer.html(template, View(t: renderer.catalog.table(for: address.language), layout: layout, page: page), status: status)
        if preview {
            // A preview is for the editor alone: never cached, never indexed.
            response.headers[.cacheControl] = "no-store"
            response.headers[.xRobotsTag] = "noindex"
        }
        return response
    }

    func text(_ key: String, _ language: Language) -> String { renderer.catalog.text(key, language) }

    /// A country or region of the world in the reader's language (`PlaceNames`).
    func placeName(_ code: String, stored: String, _ language: Language) -> String {
        PlaceNames.name(code: code, stored: stored, language: language, catalog: renderer.catalog)
    }

    /// Every country the public forms offer, named and sorted in the reader's language.
    func countryChoices(_ countries: [(code: String, name: String)], selected: String, _ language: Language) -> [ChoiceOption] {
        countries.map { (code: $0.code, name: placeName($0.code, stored: $0.name, language)) }
            .sorted { TextFolding.precedes($0.name, $1.name) }
            .map { ChoiceOption(value: $0.code, label: $0.name, selected: $0.code == selected) }
    }

    func settingsNow() async throws -> SiteSettings { try await freshness.siteSettings() }
}

/// Where an item's translations live, by table and slug: for hreflang alternates, the language
/// switcher and the redirect from a sibling's slug to the reader's own (`PageVersions`).
struct Translations: Sendable {
    let queries: SiteQueries
    let clock: WallClock

    func callAsFunction(_ table: String, _ section: String, _ slug: String, _ language: Language) async throws -> PageVersions {
        .item(section, try await queries.slugs(table: table, slug: slug, language: language, now: clock.now))
    }

    /// The language of the public row slugged `slug`, for addresses without a language prefix
    /// (calendar files, citations) that a translation's own slug must reach too.
    func language(of table: String, _ slug: String) async throws -> Language {
        let slugs = try await queries.slugs(table: table, slug: slug, language: .default, now: clock.now)
        return Language.allCases.first { slugs[$0] == slug } ?? .default
    }
}

extension Router {
    /// Adds a GET route at `path` for English and at `/{code}{path}` for every other language.
    func getInEveryLanguage(_ path: String, _ handler: @escaping @Sendable (Request, Context, Language) async throws -> Response) {
        for language in Language.allCases {
            get(RouterPath(PageAddress.href(path, language))) { request, context in
                try await handler(request, context, language)
            }
        }
    }
}

/// A response with a body other than HTML: feeds, calendars, citations, sitemap.
func textResponse(_ body: String, contentType: String, filename: String? = nil, cache: String = "public, max-age=300") -> Response {
    var headers: HTTPFields = [.contentType: contentType, .cacheControl: cache]
    if let filename { headers[.contentDisposition] = "attachment; filename=\"\(filename)\"" }
    return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
}

extension Request {
    /// A query parameter as a form sends it (`FormQuery`: `+` is a space), cleaned as form text is
    /// (`FormText`) and trimmed; nil when missing or empty.
    func query(_ name: String) -> String? {
        guard let query = uri.query, let raw = FormQuery.value(name, in: query[...]),
              case let value = FormText.clean(String(raw)).trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return String(value.prefix(200))
    }

    /// The `page` parameter: a whole number from 1, else 1.
    var pageNumber: Int {
        query("page").flatMap(Int.init).map { max(1, min($0, 10_000)) } ?? 1
    }
}
