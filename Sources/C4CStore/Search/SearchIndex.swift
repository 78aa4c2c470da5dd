import C4CCore
import SQLKit

/// Keeps `search_documents` (and the members' `sort_name`) in step with the content, inside the
/// caller's transaction, so a search never disagrees with the site. Every write to a searched
/// table calls `refresh` with the items it touched, in the same transaction; it reads the items
/// back, so callers say only which items changed, and an item that is gone loses its document.
/// Publication status and time are not indexed: searches check them against the item's row.
public enum SearchIndex {
    /// Rewrites the documents of these items of one table; a table search does not cover is ignored.
    public static func refresh(table: String, ids: [Int64], in sql: any SQLDatabase) async throws {
        guard let kind = SearchKind(table: table) else { return }
        try await refresh(kind, ids: ids, in: sql)
    }

    /// Rewrites the documents of these items: the folded text of those that exist, none for the rest.
    public static func refresh(_ kind: SearchKind, ids: [Int64], in sql: any SQLDatabase) async throws {
        let source = SearchSource.of(kind)
        var start = 0
        let unique = Array(Set(ids)).sorted()
        while start < unique.count {
            let batch = Array(unique[start..<min(start + batchSize, unique.count)])
            start += batchSize
            let documents = try await source.documents(ids: batch, in: sql)
            try await sql.raw("DELETE FROM search_documents WHERE id IN (\(binds: batch.map(kind.documentID)))").run()
            guard !documents.isEmpty else { continue }
            let insert = sql.insert(into: "search_documents").columns("id", "kind", "item_id", "lang", "title", "body")
            for document in documents {
                insert.values(SQLBind(kind.documentID(document.id)), SQLBind(kind.rawValue), SQLBind(document.id),
                              SQLBind(document.lang), SQLBind(document.title), SQLBind(document.body))
            }
            try await insert.run()
            if kind == .members {
                for document in documents {
                    try await sql.raw("""
                        UPDATE organisations SET sort_name = \(bind: document.sortName)
                        WHERE id = \(bind: document.id) AND sort_name <> \(bind: document.sortName)
                        """).run()
                }
            }
        }
    }

    /// The documents of every item that links to one of these topics or to a child of one: for a
    /// renamed topic, whose name the documents of its resources and posts carry.
    public static func refresh(filedUnderTopics topicIDs: [Int64], in sql: any SQLDatabase) async throws {
        guard !topicIDs.isEmpty else { return }
        let topics: SQLQueryString = "SELECT t.id FROM topics t WHERE t.id IN (\(binds: topicIDs)) OR t.parent_id IN (\(binds: topicIDs))"
        for (kind, link, parent) in [(SearchKind.resources, "resource_topics", "resource_id"), (.blog, "blog_post_topics", "post_id")] {
            let ids = try await sql.raw("""
                SELECT DISTINCT \(ident: parent) AS id FROM \(ident: link) WHERE topic_id IN (\(topics))
                """).all().map { try $0.decode(column: "id", as: Int64.self) }
            try await refresh(kind, ids: ids, in: sql)
        }
    }

    /// Every document written afresh from the content: after a migration, a seeding, or a
    /// change to how text is folded.
    public static func rebuild(_ sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM search_documents").run()
        for kind in SearchKind.allCases {
            var after: Int64 = 0
            while true {
                let ids = try await sql.raw("""
                    SELECT id FROM \(ident: kind.table) WHERE id > \(bind: after) ORDER BY id LIMIT \(literal: batchSize)
                    """).all().map { try $0.decode(column: "id", as: Int64.self) }
                guard let last = ids.last else { break }
                try await refresh(kind, ids: ids, in: sql)
                after = last
            }
        }
    }

    /// Items whose stored document differs from what their content gives today, by kind: empty
    /// when the index is exact. For tests, and for an operator who suspects a forgotten write.
    public static func differences(_ sql: any SQLDatabase) async throws -> [SearchKind: [Int64]] {
        var differences: [SearchKind: [Int64]] = [:]
        for kind in SearchKind.allCases {
            let stored = try await sql.raw("""
                SELECT id, item_id, lang, title, body FROM search_documents WHERE kind = \(bind: kind.rawValue)
                """).all().map { row in
                    if try row.decode(column: "id", as: Int64.self) != kind.documentID(try row.decode(column: "item_id", as: Int64.self)) {
                        throw SearchIndexError.misnumbered(kind)
                    }
                    return SearchSource.Document(
                        id: try row.decode(column: "item_id", as: Int64.self), lang: try row.decode(column: "lang", as: String.self),
                        title: try row.decode(column: "title", as: String.self), body: try row.decode(column: "body", as: String.self),
                        sortName: "")
                }
            let ids = try await sql.raw("SELECT id FROM \(ident: kind.table)").all().map { try $0.decode(column: "id", as: Int64.self) }
            var expected: [Int64: SearchSource.Document] = [:]
            for start in stride(from: 0, to: ids.count, by: batchSize) {
                for document in try await SearchSource.of(kind).documents(ids: Array(ids[start..<min(start + batchSize, ids.count)]), in: sql) {
                    expected[document.id] = document
                }
            }
            var wrong = Set(expected.keys).symmetricDifference(stored.map(\.id))
            for document in stored {
                if let want = expected[document.id], want.title != document.title || want.body != document.body || want.lang != document.lang {
                    wrong.insert(document.id)
                }
            }
            if kind == .members {
                let sortNames = try await sql.raw("SELECT id, sort_name FROM organisations").all()
                for row in sortNames {
                    let id = try row.decode(column: "id", as: Int64.self)
                    if try row.decode(column: "sort_name", as: String.self) != expected[id]?.sortName { wrong.insert(id) }
                }
            }
            if !wrong.isEmpty { differences[kind] = wrong.sorted() }
        }
        return differences
    }

    static let batchSize = 200
}

enum SearchIndexError: Error {
    /// A document whose id is not its item's id × 8 + its kind's code.
    case misnumbered(SearchKind)
}
