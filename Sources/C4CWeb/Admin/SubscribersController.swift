import C4CCore
import C4CStore
import Foundation
import Hummingbird

/// `/admin/subscribers`: editors see the mailing list with counts, search it by address, export it
/// as CSV, keep the list of refused domains, and remove a person's data on request.
struct SubscribersController<Context: RequestContext>: Sendable {
    let pages: AdminPages
    let gate: AdminGate
    let subscribers: SubscriberListQueries
    let lists: MailingListQueries
    let clock: WallClock

    static var pageSize: Int { 100 }

    func addRoutes(to router: Router<Context>) {
        router.admin(.get, "/admin/subscribers", .editors, gate: gate) { request, _, admin in
            let notice = request.query("removed") != nil ? text("admin_subscriber_removed")
                : request.query("saved") != nil ? text("admin_saved") : nil
            return try await list(admin, request: request, blockedText: nil, blockedError: nil, notice: notice)
        }
        router.admin(.get, "/admin/subscribers/export", .editors, gate: gate) { request, _, _ in
            let (rows, _) = try await subscribers.list(filter(request))
            let csv = CSV.document(
                header: ["email", "name", "status", "language", "topics", "signed_up", "confirmed", "unsubscribed"],
                rows: rows.map { row in
                    let s = row.subscriber
                    return [s.email, s.name, s.status, s.language, row.topics.joined(separator: "; "), Self.iso(s.createdAt),
                            s.confirmedAt.map(Self.iso) ?? "", s.unsubscribedAt.map(Self.iso) ?? ""]
                })
            let day = clock.now.formatted(Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day())
            var response = textResponse(csv, contentType: "text/csv; charset=utf-8", filename: "subscribers-\(day).csv", cache: "no-store")
            response.headers[.xContentTypeOptions] = "nosniff"
            return response
        }
        router.admin(.post, "/admin/subscribers/blocked-domains", .editors, gate: gate) { request, _, admin in
            let typed = admin.form["domains"]
            let parsed = MailingList.blockedDomains(from: typed)
            guard parsed.invalid.isEmpty else {
                let error = pages.renderer.catalog.text("admin_blocked_domains_invalid", EditorLanguage.current,
                                                        ["lines": parsed.invalid.prefix(5).joined(separator: ", ")])
                return try await list(admin, request: request, blockedText: typed, blockedError: error, notice: nil, status: .unprocessableContent)
            }
            try await lists.setBlockedDomains(parsed.domains, userID: admin.user.id, now: clock.now)
            return Response.redirect(to: "/admin/subscribers?saved=1#blocked-domains")
        }
        router.admin(.get, "/admin/subscribers/:id", .editors, gate: gate) { _, context, admin in
            guard let row = try await subscribers.subscriber(id: try context.parameters.require("id", as: Int64.self)) else {
                throw HTTPError(.notFound)
            }
            return try await pages.render("admin/subscriber", title: row.subscriber.email, user: admin.user, path: admin.path,
                                          page: line(row))
        }
        router.admin(.post, "/admin/subscribers/:id/remove", .editors, gate: gate) { _, context, admin in
            guard try await subscribers.remove(id: try context.parameters.require("id", as: Int64.self), userID: admin.user.id,
                                               now: clock.now) else { throw HTTPError(.notFound) }
            return Response.redirect(to: "/admin/subscribers?removed=1")
        }
    }

    func text(_ key: String) -> String { pages.renderer.text(key, EditorLanguage.current) }

    func filter(_ request: Request) -> SubscriberListQueries.Filter {
        SubscriberListQueries.Filter(email: request.query("q") ?? "", status: request.query("status") ?? "")
    }

    struct Line: Sendable, Encodable {
        let id: Int64
        let href: String
        let email: String
        let name: String
        let status: String
        let language: String
        let topics: String
        let signedUp: String
        let confirmed: String?
        let unsubscribed: String?
        let removeAction: String
    }

    struct Count: Sendable, Encodable {
        let label: String
        let count: Int
        let href: String
        let current: Bool
    }

    struct View: Sendable, Encodable {
        let counts: [Count]
        let query: String
        let rows: [Line]
        let hasRows: Bool
        let shown: String
        let exportHref: String
        let previousHref: String?
        let nextHref: String?
        let blockedDomains: String
        let blockedError: String?
    }

    func list(_ admin: AdminRequest, request: Request, blockedText: String?, blockedError: String?, notice: String?,
              status: HTTPResponse.Status = .ok) async throws -> Response {
        let filter = filter(request)
        let page = request.pageNumber
        let (rows, total) = try await subscribers.list(filter, limit: Self.pageSize, offset: (page - 1) * Self.pageSize)
        let counts = try await subscribers.counts()
        func href(status: String, page: Int = 1) -> String {
            var query: [String] = []
            if !filter.email.isEmpty { query.append("q=" + (filter.email.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")) }
            if !status.isEmpty { query.append("status=\(status)") }
            if page > 1 { query.append("page=\(page)") }
            return "/admin/subscribers" + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
        }
        let statuses = ["confirmed", "pending", "unsubscribed"]
        let blockedDomains: String
        if let blockedText { blockedDomains = blockedText } else { blockedDomains = try await lists.blockedDomainsText() }
        let view = View(
            counts: [Count(label: text("admin_subscribers_all"), count: counts.values.reduce(0, +), href: href(status: ""),
                           current: filter.status.isEmpty)]
                + statuses.map { Count(label: text("admin_subscriber_status_\($0)"), count: counts[$0] ?? 0, href: href(status: $0),
                                       current: filter.status == $0) },
            query: filter.email, rows: rows.map(line), hasRows: !rows.isEmpty,
            shown: pages.renderer.catalog.text("admin_subscribers_shown", EditorLanguage.current, [
                "from": String(rows.isEmpty ? 0 : (page - 1) * Self.pageSize + 1), "to": String((page - 1) * Self.pageSize + rows.count),
                "total": String(total),
            ]),
            exportHref: href(status: filter.status).replacingOccurrences(of: "/admin/subscribers", with: "/admin/subscribers/export"),
            previousHref: page > 1 ? href(status: filter.status, page: page - 1) : nil,
            nextHref: page * Self.pageSize < total ? href(status: filter.status, page: page + 1) : nil,
            blockedDomains: blockedDomains, blockedError: blockedError)
        return try await pages.render("admin/subscribers", title: text("admin_subscribers"), user: admin.user, path: admin.path,
                                      page: view, notice: notice, status: status)
    }

    func line(_ row: SubscriberListQueries.Row) -> Line {
        let s = row.subscriber
        return Line(id: s.id, href: "/admin/subscribers/\(s.id)", email: s.email, name: s.name, status: text("admin_subscriber_status_\(s.status)"),
                    language: Language(rawValue: s.language)?.nativeName ?? s.language,
                    topics: row.topics.isEmpty ? text("admin_subscriber_all_topics") : row.topics.joined(separator: ", "), signedUp: Self.day(s.createdAt),
                    confirmed: s.confirmedAt.map(Self.day), unsubscribed: s.unsubscribedAt.map(Self.day),
                    removeAction: "/admin/subscribers/\(s.id)/remove")
    }

    static func day(_ epoch: Int64) -> String {
        Date(epochSeconds: epoch).formatted(Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day())
    }

    static func iso(_ epoch: Int64) -> String {
        Date(epochSeconds: epoch).formatted(Date.ISO8601FormatStyle(timeZone: .gmt))
    }
}
