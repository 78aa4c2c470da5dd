import C4CCore
import C4CStore
import Foundation
import Hummingbird

/// `/blog`, `/blog/{slug}` and `/blog/topics/{slug}`.
struct BlogController<Context: RequestContext>: Sendable {
    let site: Site
    let queries: BlogQueries
    let translations: Translations

    func addRoutes(to router: Router<Context>) {
        router.getInEveryLanguage("/blog") { request, _, language in try await list(request, language, topic: nil) }
        router.getInEveryLanguage("/blog/topics/:slug") { request, context, language in
            guard let topic = try await queries.topic(slug: try context.parameters.require("slug"), language: language) else { throw HTTPError(.notFound) }
            return try await list(request, language, topic: topic)
        }
        router.getInEveryLanguage("/blog/:slug") { _, context, language in try await show(try context.parameters.require("slug"), language) }
    }

    struct Item: Sendable, Encodable {
        let title: String
        let href: String
        let summary: String
        let byline: String
        let date: String
        let dateISO: String
        let readingTime: String
        let series: String
        let thumbnail: ImageView?
        let textLang: TextLanguage
    }

    func item(_ post: PostDetail, _ address: PageAddress) -> Item {
        let language = address.language
        return Item(title: post.title, href: address.href("/blog/\(post.slug)"), summary: post.summary, byline: post.byline,
                    date: post.published.formatted(Date.FormatStyle(date: .long, time: .omitted, locale: language.locale, timeZone: .gmt)),
                    dateISO: post.published.formatted(.iso8601.year().month().day()),
                    readingTime: site.renderer.catalog.text("blog_reading_time", language, ["minutes": String(Markdown.readingMinutes(post.body))]),
                    series: post.seriesName, thumbnail: post.cover.map { ImageView($0, place: .thumbnail) },
                    textLang: TextLanguage(post.lang, page: language))
    }

    struct ListView: Sendable, Encodable {
        struct TopicLink: Sendable, Encodable {
            let label: String
            let href: String
            let current: Bool
        }
        let heading: String
        let items: [Item]
        let topics: [TopicLink]
        let pagination: Pagination
    }

    func list(_ request: Request, _ language: Language, topic: TopicRef?) async throws -> Response {
        let page = request.pageNumber
        let path = topic.map { "/blog/topics/\($0.slug)" } ?? "/blog"
        let address = PageAddress(language: language, path: path)
        let result = try await queries.posts(language: language, now: site.clock.now, page: page, topic: topic?.slug)
        if page > 1 && result.posts.isEmpty { throw HTTPError(.notFound) }
        let heading = topic.map { site.renderer.catalog.text("blog_topic_heading", language, ["topic": $0.path]) } ?? site.text("nav_blog", language)
        let view = ListView(
            heading: heading, items: result.posts.map { item($0, address) },
            topics: try await queries.topics(language: language).map {
                .init(label: $0.path, href: address.href("/blog/topics/\($0.slug)"), current: $0.slug == topic?.slug)
            },
            pagination: Pagination(path: address.href(path), parameters: [], page: page, pageSize: BlogQueries.pageSize,
                                   total: result.total, label: site.text("pagination_label", language))
        )
        return try await site.render("blog/index", address: address, title: heading,
                                     description: site.text("blog_intro", language), page: view)
    }

    struct ShowView: Sendable, Encodable {
        struct TopicLink: Sendable, Encodable {
            let label: String
            let href: String
        }
        let item: Item
        let textLang: TextLanguage
        let cover: ImageView?
        let body: String
        let contributorCredit: String
        let authorHref: String
        let topics: [TopicLink]
    }

    func show(_ slug: String, _ language: Language, preview: Int64? = nil) async throws -> Response {
        let versions = try await translations("blog_posts", "/blog", slug, language)
        if preview == nil, let moved = versions.redirect(from: PageAddress(language: language, path: "/blog/\(slug)")) { return moved }
        guard let (post, topics) = try await queries.post(slug: slug, language: language, now: site.clock.now, preview: preview) else {
            throw HTTPError(.notFound)
        }
        let address = PageAddress(language: language, path: "/blog/\(slug)")
        let settings = try await site.settingsNow()
        let view = ShowView(
            item: item(post, address), textLang: TextLanguage(post.lang, page: language), cover: post.cover.map { ImageView($0, place: .column) }, body: Markdown.html(post.body), contributorCredit: post.contributorCredit,
            authorHref: post.authorOrganisationSlug.map { address.href("/members/\($0)") } ?? "",
            topics: topics.map { .init(label: $0.path, href: address.href("/blog/topics/\($0.slug)")) }
        )
        let url = site.publicURL + address.href(address.path)
        let jsonLD = try JSONLD.node("BlogPosting", [
            ("headline", .string(post.title)), ("description", .string(post.summary)), ("url", .string(url)),
            ("mainEntityOfPage", .string(url)),
            ("datePublished", .string(post.published.formatted(.iso8601))),
            ("dateModified", .string(Date(epochSeconds: post.updatedAt).formatted(.iso8601))),
            ("author", .object([("@type", .string(post.authorOrganisationSlug == nil ? "Person" : "Organization")), ("name", .string(post.byline))])),
            ("publisher", ["@type": "Organization", "name": .string(settings.name), "url": .string(site.publicURL + "/")]),
            ("keywords", .string(topics.map(\.name).joined(separator: ", "))),
            ("wordCount", .int(post.body.split { $0.isWhitespace }.count)),
        ])
        return try await site.render("blog/show", address: address, title: post.title, description: post.summary,
                                     page: view, contentLanguage: Language(rawValue: post.lang),
                                     versions: versions, jsonLD: jsonLD, ogType: "article",
                                     preview: preview != nil)
    }
}
