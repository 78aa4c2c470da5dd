import C4CCore
import C4CStore
import Foundation
import OpenAPIRuntime

/// The partners' read-only API: the operations of `openapi.json`, answered from the same queries
/// as the public pages, so the API shows exactly what the site shows.
struct PublicAPI: APIProtocol {
    let lists: APIListQueries
    let resources: ResourceQueries
    let events: EventQueries
    let vacancies: VacancyQueries
    let blog: BlogQueries
    let site: SiteQueries
    let clock: WallClock
    let links: APILinks

    static let defaultLimit = 20

    func listResources(_ input: Operations.ListResources.Input) async throws -> Operations.ListResources.Output {
        let query = input.query
        let filter = ResourceFilter(query: query.q, kind: query.kind, topic: query.topic, region: query.region,
                                    language: query.language, year: query.year, organisation: query.organisation)
        let language = Self.language(query.lang?.rawValue)
        let page = try await lists.resources(filter, after: try Self.cursor(query.cursor), limit: try Self.limit(query.limit),
                                             language: language, now: clock.now)
        return .ok(.init(body: .json(.init(items: page.items.map { links.summary($0, language) }, nextCursor: page.next?.encoded))))
    }

    func getResource(_ input: Operations.GetResource.Input) async throws -> Operations.GetResource.Output {
        let language = Self.language(input.query.lang?.rawValue)
        guard let detail = try await resources.resource(slug: input.path.slug, language: language, now: clock.now) else {
            return .notFound(Self.notFound)
        }
        return .ok(.init(body: .json(links.resource(detail, language))))
    }

    func listEvents(_ input: Operations.ListEvents.Input) async throws -> Operations.ListEvents.Output {
        let query = input.query
        let language = Self.language(query.lang?.rawValue)
        let now = clock.now
        let page = try await lists.events(query.when == .past ? .past : .upcoming, series: query.series, after: try Self.cursor(query.cursor),
                                          limit: try Self.limit(query.limit), language: language, now: now)
        return .ok(.init(body: .json(.init(items: page.items.map { links.event($0, language, now: now) }, nextCursor: page.next?.encoded))))
    }

    func getEvent(_ input: Operations.GetEvent.Input) async throws -> Operations.GetEvent.Output {
        let language = Self.language(input.query.lang?.rawValue)
        let now = clock.now
        guard let found = try await events.event(slug: input.path.slug, language: language, now: now) else { return .notFound(Self.notFound) }
        return .ok(.init(body: .json(links.event(found.event, language, now: now))))
    }

    func listVacancies(_ input: Operations.ListVacancies.Input) async throws -> Operations.ListVacancies.Output {
        let query = input.query
        let language = Self.language(query.lang?.rawValue)
        let now = clock.now
        let page = try await lists.vacancies(after: try Self.cursor(query.cursor), limit: try Self.limit(query.limit),
                                             language: language, now: now)
        return .ok(.init(body: .json(.init(items: page.items.map { links.vacancy($0, language, now: now) }, nextCursor: page.next?.encoded))))
    }

    func getVacancy(_ input: Operations.GetVacancy.Input) async throws -> Operations.GetVacancy.Output {
        let language = Self.language(input.query.lang?.rawValue)
        let now = clock.now
        guard let vacancy = try await vacancies.vacancy(slug: input.path.slug, language: language, now: now) else {
            return .notFound(Self.notFound)
        }
        return .ok(.init(body: .json(links.vacancy(vacancy, language, now: now))))
    }

    func listPosts(_ input: Operations.ListPosts.Input) async throws -> Operations.ListPosts.Output {
        let query = input.query
        let language = Self.language(query.lang?.rawValue)
        let page = try await lists.posts(topic: query.topic, after: try Self.cursor(query.cursor), limit: try Self.limit(query.limit),
                                         language: language, now: clock.now)
        return .ok(.init(body: .json(.init(items: page.items.map { links.post($0, language) }, nextCursor: page.next?.encoded))))
    }

    func getPost(_ input: Operations.GetPost.Input) async throws -> Operations.GetPost.Output {
        let language = Self.language(input.query.lang?.rawValue)
        guard let found = try await blog.post(slug: input.path.slug, language: language, now: clock.now) else { return .notFound(Self.notFound) }
        return .ok(.init(body: .json(links.post(found.post, language))))
    }

    func listMembers(_ input: Operations.ListMembers.Input) async throws -> Operations.ListMembers.Output {
        let query = input.query
        let language = Self.language(query.lang?.rawValue)
        let page = try await lists.members(kind: query.kind, country: query.country, after: try Self.cursor(query.cursor),
                                           limit: try Self.limit(query.limit), language: language, now: clock.now)
        return .ok(.init(body: .json(.init(items: page.items.map { links.member($0, language) }, nextCursor: page.next?.encoded))))
    }

    func getMember(_ input: Operations.GetMember.Input) async throws -> Operations.GetMember.Output {
        let language = Self.language(input.query.lang?.rawValue)
        guard let member = try await site.member(slug: input.path.slug, language: language, now: clock.now) else {
            return .notFound(Self.notFound)
        }
        return .ok(.init(body: .json(links.member(member, language))))
    }

    static func language(_ code: String?) -> Language {
        code.flatMap(Language.init(rawValue:)) ?? .default
    }

    static func limit(_ limit: Int?) throws -> Int {
        guard let limit else { return defaultLimit }
        guard (1...100).contains(limit) else { throw APIBadParameter(detail: "limit: between 1 and 100.") }
        return limit
    }

    static func cursor(_ text: String?) throws -> PageCursor? {
        guard let text else { return nil }
        guard let cursor = PageCursor(encoded: text) else { throw InvalidCursor() }
        return cursor
    }

    static let notFound = Components.Responses.NotFound(body: .applicationProblemJson(
        .init(title: "Not found", status: 404, detail: "No published item has this slug.")))
}
