import C4CCore
import Foundation
import SQLKit

/// The lists of the partners' JSON API, read page by page after a cursor: the sort key of the last
/// item given out. A page is found through the same indexes as the public lists and costs the
/// same whatever page it is, and an item published meanwhile never shifts a page a partner reads.
public struct APIListQueries: Sendable {
    let database: any Database
    let resources: ResourceQueries

    /// `resources` is the hub's own, so the API reads the same in-memory facet index instead of
    /// building and keeping a second one.
    public init(database: any Database, resources: ResourceQueries) {
        self.database = database
        self.resources = resources
    }

    /// Resources under the hub's filters, newest first; search words narrow the list but do not
    /// reorder it, so every page of a search is stable.
    public func resources(_ filter: ResourceFilter, after cursor: PageCursor?, limit: Int, language: Language,
                          now: Date) async throws -> CursorPage<ResourceListItem> {
        let index = try await resources.facetIndexes.index(language: language, now: now.epochSeconds)
        // The last item's position, found again by its id when items were published before it since.
        var start = 0
        if let cursor {
            guard let id = cursor.integer(0), let position = cursor.integer(1) else { throw InvalidCursor() }
            start = index.positions[id].map { $0 + 1 } ?? Int(clamping: max(0, position + 1))
        }
        let first = start
        return try await database.read { sql in
            var matches: Bitset?
            if let match = ResourceQueries.searchMatch(filter, engine: database.engine) {
                matches = index.members(try await sql.raw(match.ids(.resources)).all().map { try $0.decode(column: "item_id", as: Int64.self) })
            } else if let query = filter.query, !query.trimmingCharacters(in: .whitespaces).isEmpty {
                matches = Bitset(capacity: index.ids.count)
            }
            let positions = index.selection(filter, matches: matches).positions(from: first, limit: limit + 1)
            let shown = positions.prefix(limit)
            let items = try await ResourceQueries.items(shown.map { index.ids[$0] }, in: sql)
            let next = positions.count > limit ? shown.last.map { PageCursor([String(index.ids[$0]), String($0)]) } : nil
            return CursorPage(items: items, next: next)
        }
    }

    public enum EventTime: String, Sendable { case upcoming, past }

    /// Upcoming events soonest first, or past ones latest first; only a series' when given.
    public func events(_ time: EventTime, series: String?, after cursor: PageCursor?, limit: Int, language: Language,
                       now: Date) async throws -> CursorPage<EventDetail> {
        let upcoming = time == .upcoming
        var conditions: [SQLQueryString] = [
            Visibility.isPublic("e", table: "events", language: language, now: now.epochSeconds),
            upcoming ? "e.ends_at >= \(bind: now.epochSeconds)" : "e.ends_at < \(bind: now.epochSeconds)",
        ]
        if let series { conditions.append("s.slug = \(bind: series)") }
        if let cursor {
            guard let startsAt = cursor.integer(0), let id = cursor.integer(1) else { throw InvalidCursor() }
            conditions.append(upcoming
                ? "(e.starts_at > \(bind: startsAt) OR (e.starts_at = \(bind: startsAt) AND e.id > \(bind: id)))"
                : "(e.starts_at < \(bind: startsAt) OR (e.starts_at = \(bind: startsAt) AND e.id < \(bind: id)))")
        }
        let order: SQLQueryString = upcoming ? "e.starts_at ASC, e.id ASC" : "e.starts_at DESC, e.id DESC"
        let condition = conditions.joined(" AND ")
        let rows: [EventDetail] = try await database.read { sql in
            try await sql.rows("""
                SELECT \(EventQueries.columns) WHERE \(condition) ORDER BY \(order) LIMIT \(literal: limit + 1)
                """)
        }
        return Self.page(rows, limit: limit) { [String($0.startsAt), String($0.id)] }
    }

    /// Open vacancies, closing soonest first.
    public func vacancies(after cursor: PageCursor?, limit: Int, language: Language, now: Date) async throws -> CursorPage<VacancyDetail> {
        var conditions: [SQLQueryString] = [
            Visibility.isPublic("v", table: "vacancies", language: language, now: now.epochSeconds),
            "v.deadline_at >= \(bind: now.epochSeconds)",
        ]
        if let cursor {
            guard let deadline = cursor.integer(0), let id = cursor.integer(1) else { throw InvalidCursor() }
            conditions.append("(v.deadline_at > \(bind: deadline) OR (v.deadline_at = \(bind: deadline) AND v.id > \(bind: id)))")
        }
        let condition = conditions.joined(" AND ")
        let rows: [VacancyDetail] = try await database.read { sql in
            try await sql.rows("""
                SELECT \(VacancyQueries.columns(now: now.epochSeconds)) WHERE \(condition)
                ORDER BY v.deadline_at ASC, v.id ASC LIMIT \(literal: limit + 1)
                """)
        }
        return Self.page(rows, limit: limit) { [String($0.deadlineAt), String($0.id)] }
    }

    /// Posts newest first; only a topic's (or its subtopics') when given.
    public func posts(topic: String?, after cursor: PageCursor?, limit: Int, language: Language, now: Date) async throws -> CursorPage<PostDetail> {
        var conditions: [SQLQueryString] = [Visibility.isPublic("p", table: "blog_posts", language: language, now: now.epochSeconds)]
        if let topic {
            conditions.append("""
                EXISTS (SELECT 1 FROM blog_post_topics bt JOIN topics t ON t.id = bt.topic_id LEFT JOIN topics tp ON tp.id = t.parent_id \
                WHERE bt.post_id = p.id AND (t.slug = \(bind: topic) OR tp.slug = \(bind: topic)))
                """)
        }
        if let cursor {
            guard let published = cursor.integer(0), let id = cursor.integer(1) else { throw InvalidCursor() }
            conditions.append("""
                (COALESCE(p.publish_at, p.created_at) < \(bind: published) \
                OR (COALESCE(p.publish_at, p.created_at) = \(bind: published) AND p.id < \(bind: id)))
                """)
        }
        let condition = conditions.joined(" AND ")
        let rows: [PostDetail] = try await database.read { sql in
            try await sql.rows(BlogQueries.page(now: now.epochSeconds, where: condition, limit: limit + 1))
        }
        return Self.page(rows, limit: limit) { [String($0.publishAt ?? $0.createdAt), String($0.id)] }
    }

    /// Member organisations by name (the folded sort key, the same on both engines).
    public func members(kind: String?, country: String?, after cursor: PageCursor?, limit: Int, language: Language,
                        now: Date) async throws -> CursorPage<MemberSummary> {
        var conditions: [SQLQueryString] = [Visibility.isPublic("o", table: "organisations", language: language, now: now.epochSeconds)]
        if let kind { conditions.append("o.kind = \(bind: kind)") }
        if let country { conditions.append("o.country_code = \(bind: country)") }
        if let cursor {
            guard let name = cursor.text(0), let id = cursor.integer(1) else { throw InvalidCursor() }
            conditions.append("(o.sort_name > \(bind: name) OR (o.sort_name = \(bind: name) AND o.id > \(bind: id)))")
        }
        let condition = conditions.joined(" AND ")
        let rows = try await database.read { sql in
            try await sql.raw("""
                SELECT o.sort_name AS cursor_name, \(SiteQueries.memberColumns()) WHERE \(condition)
                ORDER BY o.sort_name, o.id LIMIT \(literal: limit + 1)
                """).all().map { (member: try MemberSummary(row: $0), name: try $0.decode(column: "cursor_name", as: String.self)) }
        }
        let page = Self.page(rows, limit: limit) { [$0.name, String($0.member.id)] }
        return CursorPage(items: page.items.map(\.member), next: page.next)
    }

    /// The first `limit` rows, and a cursor after the last of them when one more row was read.
    static func page<Row: Sendable>(_ rows: [Row], limit: Int, key: (Row) -> [String]) -> CursorPage<Row> {
        let shown = Array(rows.prefix(limit))
        return CursorPage(items: shown, next: rows.count > limit ? shown.last.map { PageCursor(key($0)) } : nil)
    }
}
