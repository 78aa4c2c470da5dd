import C4CCore
import C4CStore
import Hummingbird

/// `/members` (filtered by kind and country) and `/members/{slug}` with the member's resources,
/// posts and events.
struct MembersController<Context: RequestContext>: Sendable {
    let site: Site
    let translations: Translations
    let queries: SiteQueries
    let resources: ResourceQueries
    let blog: BlogQueries
    let events: EventQueries

    func addRoutes(to router: Router<Context>) {
        router.getInEveryLanguage("/members") { request, _, language in try await directory(request, language) }
        router.getInEveryLanguage("/members/:slug") { _, context, language in
            guard let slug = context.parameters.get("slug"), Slug.isValid(slug) else { throw HTTPError(.notFound) }
            return try await member(slug, language)
        }
    }

    struct DirectoryView: Sendable, Encodable {
        struct Member: Sendable, Encodable {
            let name: String
            let href: String
            let kind: String
            let country: String
            let description: String
            let steering: Bool
            let since: String
            let logo: String?
            let textLang: TextLanguage
        }
        let members: [Member]
        let filters: [FilterGroup]
        let count: String
    }

    func directory(_ request: Request, _ language: Language) async throws -> Response {
        let kind = request.query("kind")
        let country = request.query("country")
        let address = PageAddress(language: language, path: "/members")
        let result = try await queries.members(language: language, now: site.clock.now, kind: kind, country: country)
        let current = [("kind", kind), ("country", country)].compactMap { name, value in value.map { (name, $0) } }
        let path = address.href("/members")
        let view = DirectoryView(
            members: result.members.map { member(view: $0, address) },
            filters: [
                QueryString.group(name: "kind", label: site.text("members_kind", language), path: path, current: current,
                                  values: result.kinds) { site.text("member_kind_\($0.value)", language) },
                QueryString.group(name: "country", label: site.text("members_country", language), path: path, current: current,
                                  values: result.countries) { site.placeName($0.value, stored: $0.label, language) },
            ],
            count: site.renderer.catalog.counted("members_count", language, count: result.members.count)
        )
        let title = site.text("nav_members", language)
        return try await site.render("members/index", address: address, title: title,
                                     description: site.text("members_intro", language), page: view)
    }

    private func member(view member: MemberSummary, _ address: PageAddress) -> DirectoryView.Member {
        let language = address.language
        return DirectoryView.Member(
            name: member.name, href: address.href("/members/\(member.slug)"), kind: site.text("member_kind_\(member.kind)", language),
            country: site.placeName(member.countryCode, stored: member.countryName ?? member.countryCode, language), description: member.description, steering: member.steeringCommittee,
            since: member.memberSince.map { site.renderer.catalog.text("members_since", language, ["year": String($0)]) } ?? "",
            logo: member.logoPath, textLang: TextLanguage(member.lang, page: language)
        )
    }

    struct MemberView: Sendable, Encodable {
        struct Item: Sendable, Encodable {
            let title: String
            let href: String
            let meta: String
            let textLang: TextLanguage
        }
        let member: DirectoryView.Member
        let website: String
        let resources: [Item]
        let posts: [Item]
        let events: [Item]
    }

    func member(_ slug: String, _ language: Language, preview: Int64? = nil) async throws -> Response {
        let now = site.clock.now
        let versions = try await translations("organisations", "/members", slug, language)
        if preview == nil, let moved = versions.redirect(from: PageAddress(language: language, path: "/members/\(slug)")) { return moved }
        guard let member = try await queries.member(slug: slug, language: language, now: now, preview: preview) else { throw HTTPError(.notFound) }
        let address = PageAddress(language: language, path: "/members/\(slug)")
        let memberResources = try await resources.byOrganisation(id: member.id, language: language, now: now)
        let memberPosts = try await blog.latest(language: language, now: now, organisationID: member.id)
        let memberEvents = try await events.withOrganisation(id: member.id, name: member.name, language: language, now: now)
        let view = MemberView(
            member: self.member(view: member, address),
            website: SafeURL.filter(member.website) ?? "",
            resources: memberResources.map { .init(title: $0.title, href: address.href("/resources/\($0.slug)"),
                                                   meta: "\(site.text("resource_kind_\($0.kind)", language)) · \($0.publishedOn.prefix(4))",
                                                   textLang: TextLanguage($0.lang, page: language)) },
            posts: memberPosts.map { .init(title: $0.title, href: address.href("/blog/\($0.slug)"), meta: $0.byline,
                                           textLang: TextLanguage($0.lang, page: language)) },
            events: memberEvents.map { .init(title: $0.title, href: address.href("/events/\($0.slug)"),
                                             meta: TimeView($0.start, language).date, textLang: TextLanguage($0.lang, page: language)) }
        )
        let jsonLD = try JSONLD.node(member.kind == "un_agency" || member.kind == "government" ? "GovernmentOrganization" : "Organization", [
            ("name", .string(member.name)), ("url", .string(site.publicURL + address.href(address.path))),
            ("sameAs", .string(SafeURL.filter(member.website) ?? "")), ("description", .string(member.description)),
            ("logo", .string(member.logoPath.map { site.publicURL + $0 } ?? "")),
            ("address", ["@type": "PostalAddress", "addressCountry": .string(member.countryCode)]),
        ])
        return try await site.render("members/show", address: address, title: member.name, description: member.description,
                                     page: view, contentLanguage: Language(rawValue: member.lang),
                                     versions: versions, jsonLD: jsonLD,
                                     preview: preview != nil)
    }
}
