import C4CCore
import C4CStore
import Foundation
import Hummingbird

/// `/embed/resources` and `/embed/events`: the alliance's latest resources or next events as a
/// small page a member organisation frames on its own site with one `<iframe>`. Nothing of ours
/// runs there: the page has no script, styles itself inline, and its links open on this site in a
/// new tab. Any site may frame it; nothing else of the site may be framed.
struct EmbedController<Context: RequestContext>: Sendable {
    let site: Site
    let lists: APIListQueries
    static var shown: Int { 5 }

    /// Framing allowed from anywhere; no script, no form, no request but this site's images.
    static var contentSecurityPolicy: String {
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors *"
    }

    func addRoutes(to router: Router<Context>) {
        router.getInEveryLanguage("/embed/resources") { request, _, language in
            let filter = ResourceFilter(kind: request.query("kind"), topic: request.query("topic"))
            let page = try await lists.resources(filter, after: nil, limit: Self.shown, language: language, now: site.clock.now)
            let address = PageAddress(language: language, path: "/resources")
            return try render(language, heading: site.text("embed_resources_heading", language), items: page.items.map {
                Item(title: $0.title, href: absolute(address.href("/resources/\($0.slug)")),
                     detail: site.text("resource_kind_\($0.kind)", language) + " · " + $0.publishedOn.prefix(4))
            }, more: absolute(address.href("/resources")))
        }
        router.getInEveryLanguage("/embed/events") { _, _, language in
            let now = site.clock.now
            let page = try await lists.events(.upcoming, series: nil, after: nil, limit: Self.shown, language: language, now: now)
            let address = PageAddress(language: language, path: "/events")
            return try render(language, heading: site.text("embed_events_heading", language), items: page.items.map {
                let start = TimeView($0.start, language)
                return Item(title: $0.title, href: absolute(address.href("/events/\($0.slug)")),
                            detail: "\(start.at) \(start.zone) (\(start.offset))")
            }, more: absolute(address.href("/events")))
        }
    }

    struct Item: Sendable, Encodable {
        let title: String
        let href: String
        let detail: String
    }

    struct View: Sendable, Encodable {
        let lang: String
        let dir: String
        let heading: String
        let items: [Item]
        let hasItems: Bool
        let nothing: String
        let more: String
        let moreHref: String
    }

    /// Links leave the frame for this site, so they carry its full address.
    func absolute(_ path: String) -> String { site.renderer.publicURL + path }

    func render(_ language: Language, heading: String, items: [Item], more: String) throws -> Response {
        let view = View(lang: language.rawValue, dir: language.direction, heading: heading, items: items,
                        hasItems: !items.isEmpty, nothing: site.text("embed_nothing_yet", language),
                        more: site.text("embed_more", language), moreHref: more)
        var response = try site.renderer.html("embed/list", view)
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        return response
    }
}
