import C4CCore
import SQLKit

/// A visitor's query as each engine's full-text syntax: every folded term a prefix, all of them
/// required. The terms hold only letters and digits (`TextFolding.searchTerms`), and the
/// expression is bound, never spliced, so no quote or operator a visitor types reaches the syntax.
struct SearchMatch: Sendable {
    let engine: Engine
    let terms: [String]

    init?(_ query: String, engine: Engine) {
        let terms = TextFolding.searchTerms(query)
        guard !terms.isEmpty else { return nil }
        self.engine = engine
        self.terms = terms
    }

    /// FTS5: `"bogota"* "sao"*`. PostgreSQL `to_tsquery`: `'bogota':* & 'sao':*`.
    var expression: String {
        switch engine {
        case .sqlite: terms.map { "\"\($0)\"*" }.joined(separator: " ")
        case .postgres: terms.map { "'\($0)':*" }.joined(separator: " & ")
        }
    }

    /// The matching documents of one kind: `item_id`, and `score`, higher for a better match,
    /// with a title match weighing ten times a body match.
    func documents(_ kind: SearchKind) -> SQLQueryString {
        switch engine {
        case .sqlite:
            """
            SELECT d.item_id, -bm25(search_fts, 10.0, 1.0) AS score FROM search_fts
            JOIN search_documents d ON d.id = search_fts.rowid
            WHERE search_fts MATCH \(bind: expression) AND d.kind = \(bind: kind.rawValue)
            """
        case .postgres:
            """
            SELECT d.item_id, ts_rank('{0.1, 0.1, 0.1, 1.0}'::float4[], d.document, to_tsquery('simple', \(bind: expression))) AS score
            FROM search_documents d
            WHERE d.document @@ to_tsquery('simple', \(bind: expression)) AND d.kind = \(bind: kind.rawValue)
            """
        }
    }

    /// The ids of the matching items of one kind, for an `IN (…)` condition.
    func ids(_ kind: SearchKind) -> SQLQueryString {
        switch engine {
        case .sqlite:
            """
            SELECT d.item_id FROM search_fts JOIN search_documents d ON d.id = search_fts.rowid
            WHERE search_fts MATCH \(bind: expression) AND d.kind = \(bind: kind.rawValue)
            """
        case .postgres:
            "SELECT d.item_id FROM search_documents d WHERE d.document @@ to_tsquery('simple', \(bind: expression)) AND d.kind = \(bind: kind.rawValue)"
        }
    }
}
