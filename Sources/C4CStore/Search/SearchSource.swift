import C4CCore
import SQLKit

/// Where one kind's searchable text comes from: the columns that make its title, the columns and
/// child rows that make its body. The title is weighed above the body when ranking.
struct SearchSource: Sendable {
    let kind: SearchKind
    let titleColumns: [String]
    let bodyColumns: [String]
    /// Text from child rows: for a list of item ids, a query answering `item` and `text`.
    let children: [@Sendable ([Int64]) -> SQLQueryString]

    static func of(_ kind: SearchKind) -> SearchSource {
        switch kind {
        case .resources:
            SearchSource(kind: kind, titleColumns: ["title"], bodyColumns: ["summary", "body", "series_name"], children: [
                { "SELECT resource_id AS item, name AS text FROM resource_authors WHERE resource_id IN (\(binds: $0))" },
                topicNames(link: "resource_topics", parent: "resource_id"),
            ])
        case .blog:
            SearchSource(kind: kind, titleColumns: ["title"],
                         bodyColumns: ["summary", "body", "series_name", "byline", "contributor_credit"],
                         children: [topicNames(link: "blog_post_topics", parent: "post_id")])
        case .events:
            SearchSource(kind: kind, titleColumns: ["title"], bodyColumns: ["summary", "description", "venue"], children: [
                { "SELECT event_id AS item, name || ' ' || role || ' ' || organisation AS text FROM event_speakers WHERE event_id IN (\(binds: $0))" },
            ])
        case .vacancies:
            SearchSource(kind: kind, titleColumns: ["title"], bodyColumns: ["summary", "body", "location", "organisation_name"], children: [])
        case .members:
            SearchSource(kind: kind, titleColumns: ["name", "short_name"], bodyColumns: ["description"], children: [])
        case .pages:
            SearchSource(kind: kind, titleColumns: ["title"], bodyColumns: ["summary", "body"], children: [])
        }
    }

    /// A topic's name and its parent's, so "Road safety" and "Mobility" both find what is filed there.
    static func topicNames(link: String, parent: String) -> @Sendable ([Int64]) -> SQLQueryString {
        { ids in
            """
            SELECT l.\(ident: parent) AS item, t.name || ' ' || COALESCE(p.name, '') AS text FROM \(ident: link) l
            JOIN topics t ON t.id = l.topic_id LEFT JOIN topics p ON p.id = t.parent_id WHERE l.\(ident: parent) IN (\(binds: ids))
            """
        }
    }

    struct Document: Equatable {
        var id: Int64
        var lang: String
        var title: String
        var body: String
        var sortName: String
    }

    /// The documents of those of these items that exist.
    func documents(ids: [Int64], in sql: any SQLDatabase) async throws -> [Document] {
        guard !ids.isEmpty else { return [] }
        let columns = (["id", "lang"] + titleColumns + bodyColumns).map { "x.\($0)" }.joined(separator: ", ")
        let rows = try await sql.raw("""
            SELECT \(unsafeRaw: columns) FROM \(ident: kind.table) x WHERE x.id IN (\(binds: ids))
            """).all()
        var childText: [Int64: [String]] = [:]
        for query in children {
            for row in try await sql.raw(query(ids)).all() {
                childText[try row.decode(column: "item", as: Int64.self), default: []].append(try row.decode(column: "text", as: String.self))
            }
        }
        return try rows.map { row in
            let id = try row.decode(column: "id", as: Int64.self)
            let title = try titleColumns.map { try row.decode(column: $0, as: String.self) }
            let body = try bodyColumns.map { SearchHighlight.plainText(markdown: try row.decode(column: $0, as: String.self)) }
            return Document(id: id, lang: try row.decode(column: "lang", as: String.self),
                            title: Self.indexed(title.joined(separator: " ")),
                            body: Self.indexed((body + (childText[id] ?? [])).joined(separator: " ")),
                            sortName: TextFolding.sortKey(title[0]))
        }
    }

    /// Folded text as it is stored: no word longer than the engines index alike, and at most
    /// `maxLength` characters, cut between words (PostgreSQL refuses a `tsvector` past 1 MB).
    static func indexed(_ text: String) -> String {
        var output = ""
        var length = 0
        for word in TextFolding.words(text) {
            let wordLength = word.unicodeScalars.count
            guard wordLength <= TextFolding.maxWordLength else { continue }
            if length + wordLength >= maxLength { break }
            if length > 0 { output += " " }
            output += word
            length += wordLength + 1
        }
        return output
    }

    static let maxLength = 100_000
}
