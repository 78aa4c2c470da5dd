import C4CCore
import SQLKit

/// The knowledge hub's public resources in one language, as the listing orders them (newest
/// first), with a bitset over their positions for every facet value. A listing then costs a few
/// bitset operations and one query for the page's twenty rows, however many resources there are:
/// counting facets in SQL read every matching resource and its links on each request (0.5–2 s at
/// 50,000). Built from five queries, and kept while the content version and the clock allow.
struct ResourceFacetIndex: Sendable {
    enum Facet: String, CaseIterable, Sendable {
        case kind, topic, region, language, year, organisation
    }

    struct Value: Sendable {
        var label: String
        var members: Bitset
    }

    /// Resource ids by position: newest first.
    let ids: [Int64]
    let positions: [Int64: Int]
    let values: [Facet: [String: Value]]
    /// Each facet's values in the order they are shown: names by their folded form (the same on
    /// both engines), kinds and languages by code, years newest first. Sorted once here: folding
    /// names in every comparison of every request cost more than the rest of the listing.
    let ordered: [Facet: [(key: String, value: Value)]]

    init(ids: [Int64], positions: [Int64: Int], values: [Facet: [String: Value]]) {
        self.ids = ids
        self.positions = positions
        self.values = values
        self.everything = Bitset.all(ids.count)
        var ordered: [Facet: [(key: String, value: Value)]] = [:]
        for (facet, byKey) in values {
            switch facet {
            case .kind, .language: ordered[facet] = byKey.sorted { $0.key < $1.key }
            case .year: ordered[facet] = byKey.sorted { $0.key > $1.key }
            case .topic, .region, .organisation:
                let keyed = byKey.map { (key: $0.key, value: $0.value, sortKey: TextFolding.sortKey($0.value.label)) }
                ordered[facet] = keyed.sorted { a, b in
                    if a.sortKey != b.sortKey { return a.sortKey.utf8.lexicographicallyPrecedes(b.sortKey.utf8) }
                    if a.value.label != b.value.label { return a.value.label.utf8.lexicographicallyPrecedes(b.value.label.utf8) }
                    return a.key.utf8.lexicographicallyPrecedes(b.key.utf8)
                }.map { (key: $0.key, value: $0.value) }
            }
        }
        self.ordered = ordered
    }

    let everything: Bitset

    /// The positions of the resources with these ids; ids not in the index are left out.
    func members(_ ids: some Sequence<Int64>) -> Bitset {
        var set = Bitset(capacity: self.ids.count)
        for id in ids { if let position = positions[id] { set.insert(position) } }
        return set
    }

    /// The resources passing every filter but `except`, and within `matches` when there are search words.
    func selection(_ filter: ResourceFilter, matches: Bitset?, except: Facet? = nil) -> Bitset {
        var selected = matches ?? everything
        for facet in Facet.allCases where facet != except {
            guard let wanted = filter.value(of: facet) else { continue }
            guard let value = values[facet]?[wanted] else { return Bitset(capacity: ids.count) }
            selected.formIntersection(value.members)
        }
        return selected
    }

    /// How many resources each value of each facet holds under the other filters, in `ordered`'s
    /// order; values holding none are left out.
    func facets(_ filter: ResourceFilter, matches: Bitset?) -> ResourceFacets {
        func counted(_ facet: Facet) -> [FacetValue] {
            let base = selection(filter, matches: matches, except: facet)
            return (ordered[facet] ?? []).compactMap { key, value in
                let count = base.intersectionCount(value.members)
                return count == 0 ? nil : FacetValue(value: key, label: value.label, count: count)
            }
        }
        return ResourceFacets(kinds: counted(.kind), topics: counted(.topic), regions: counted(.region),
                              languages: counted(.language), years: counted(.year), organisations: counted(.organisation))
    }

    /// Reads the index for `language` as the site stands at `now`.
    static func build(language: Language, now: Int64, in sql: any SQLDatabase) async throws -> ResourceFacetIndex {
        let visible = Visibility.isPublic("r", table: "resources", language: language, now: now)
        let visibleIDs: SQLQueryString = "SELECT r.id FROM resources r WHERE \(visible)"
        let rows = try await sql.raw("""
            SELECT r.id, r.kind, SUBSTR(r.published_on, 1, 4) AS year FROM resources r
            WHERE \(visible) ORDER BY r.published_on DESC, r.id DESC
            """).all()
        var ids: [Int64] = []
        ids.reserveCapacity(rows.count)
        var positions: [Int64: Int] = [:]
        positions.reserveCapacity(rows.count)
        var builder = Builder(capacity: rows.count)
        for row in rows {
            let id = try row.decode(column: "id", as: Int64.self)
            positions[id] = ids.count
            builder.add(.kind, try row.decode(column: "kind", as: String.self), at: ids.count)
            builder.add(.year, try row.decode(column: "year", as: String.self), at: ids.count)
            ids.append(id)
        }
        // A resource filed under a sub-topic or a country also counts, and is found, under its
        // parent topic or region.
        for row in try await sql.raw("""
            SELECT rt.resource_id AS id, t.slug AS value, \(TopicNames.name("t", language)) AS label, tp.slug AS parent_value,
            \(TopicNames.name("tp", language)) AS parent_label
            FROM resource_topics rt JOIN topics t ON t.id = rt.topic_id LEFT JOIN topics tp ON tp.id = t.parent_id
            WHERE rt.resource_id IN (\(visibleIDs))
            """).all() {
            guard let position = positions[try row.decode(column: "id", as: Int64.self)] else { continue }
            try builder.add(.topic, from: row, at: position)
        }
        for row in try await sql.raw("""
            SELECT rr.resource_id AS id, g.code AS value, g.name AS label, gp.code AS parent_value, gp.name AS parent_label
            FROM resource_regions rr JOIN regions g ON g.id = rr.region_id LEFT JOIN regions gp ON gp.id = g.parent_id
            WHERE rr.resource_id IN (\(visibleIDs))
            """).all() {
            guard let position = positions[try row.decode(column: "id", as: Int64.self)] else { continue }
            try builder.add(.region, from: row, at: position)
        }
        for row in try await sql.raw("""
            SELECT rl.resource_id AS id, rl.language AS value FROM resource_languages rl WHERE rl.resource_id IN (\(visibleIDs))
            """).all() {
            guard let position = positions[try row.decode(column: "id", as: Int64.self)] else { continue }
            builder.add(.language, try row.decode(column: "value", as: String.self), at: position)
        }
        for row in try await sql.raw("""
            SELECT ro.resource_id AS id, o.slug AS value, o.name AS label
            FROM resource_organisations ro JOIN organisations o ON o.id = ro.organisation_id
            WHERE ro.resource_id IN (\(visibleIDs))
            """).all() {
            guard let position = positions[try row.decode(column: "id", as: Int64.self)] else { continue }
            builder.add(.organisation, try row.decode(column: "value", as: String.self),
                        label: try row.decode(column: "label", as: String.self), at: position)
        }
        return ResourceFacetIndex(ids: ids, positions: positions, values: builder.values)
    }

    private struct Builder {
        let capacity: Int
        var values: [Facet: [String: Value]] = [:]

        init(capacity: Int) { self.capacity = capacity }

        mutating func add(_ facet: Facet, _ key: String, label: String? = nil, at position: Int) {
            values[facet, default: [:]][key, default: Value(label: label ?? key, members: Bitset(capacity: capacity))]
                .members.insert(position)
        }

        mutating func add(_ facet: Facet, from row: any SQLRow, at position: Int) throws {
            add(facet, try row.decode(column: "value", as: String.self), label: try row.decode(column: "label", as: String.self), at: position)
            if let parent = try row.decode(column: "parent_value", as: String?.self) {
                add(facet, parent, label: try row.decode(column: "parent_label", as: String?.self), at: position)
            }
        }
    }
}

extension ResourceFilter {
    func value(of facet: ResourceFacetIndex.Facet) -> String? {
        switch facet {
        case .kind: kind
        case .topic: topic
        case .region: region
        case .language: language
        case .year: year
        case .organisation: organisation
        }
    }
}
