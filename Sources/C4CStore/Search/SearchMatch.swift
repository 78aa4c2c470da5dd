import C4CCore
import SQLKit

/// A visitor's query as each engine's full-text syntax: every folded term a prefix (a single
/// letter or digit a whole word), all of them required. The terms hold only letters and digits
/// (`TextFolding.searchTerms`), and the expression is bound, never spliced, so no quote or
/// operator a visitor types reaches the syntax.
struct SearchMatch: Sendable {
    let engine: Engine
    let terms: [String]

    init?(_ query: String, engine: Engine) {
        let terms = TextFolding.searchTerms(query)
        guard !terms.isEmpty else { return nil }
        self.engine = engine
        self.terms = terms
    }

    /// How many of the newest matching items of one kind are ranked. A word found in most of
    /// 50,000 items would otherwise have every one of them scored for a page that shows five.
    static let candidateLimit = 1_000

    /// FTS5: `kind : "events" AND {title body} : ("bogota"* "sao"*)`.
    /// PostgreSQL `to_tsquery`: `'bogota':* & 'sao':*` (the kind is a column condition there).
    func expression(_ kind: SearchKind) -> String {
        switch engine {
        case .sqlite:
            let words = terms.map { $0.unicodeScalars.count == 1 ? "\"\($0)\"" : "\"\($0)\"*" }.joined(separator: " ")
            return "kind : \"\(kind.rawValue)\" AND {title body} : (\(words))"
        case .postgres:
            return terms.map { $0.unicodeScalars.count == 1 ? "'\($0)'" : "'\($0)':*" }.joined(separator: " & ")
        }
    }

    /// The newest matching items of one kind, at most `candidateLimit + 1`: `item_id`; `score`,
    /// higher for a better match, a title match weighing ten times a body match; and `found`,
    /// how many there are, so more than `candidateLimit` says some older matches were left out.
    func candidates(_ kind: SearchKind) -> SQLQueryString {
        let limit = Self.candidateLimit + 1
        let newest: SQLQueryString = switch engine {
        case .sqlite:
            // The document id is the item id × 8 + the kind's code.
            """
            SELECT rowid / 8 AS item_id, -bm25(search_fts, 0.0, 10.0, 1.0) AS score FROM search_fts
            WHERE search_fts MATCH \(bind: expression(kind)) ORDER BY rowid DESC LIMIT \(literal: limit)
            """
        case .postgres:
            // Ranked outside the limit, so only the candidates' vectors are read for `ts_rank`;
            // the kind is a literal so the planner picks that kind's index.
            """
            SELECT n.item_id, ts_rank('{0.1, 0.1, 0.1, 1.0}'::float4[], n.document, to_tsquery('simple', \(bind: expression(kind)))) AS score
            FROM (SELECT d.item_id, d.document FROM search_documents d
                  WHERE d.kind = \(literal: kind.rawValue) AND d.document @@ to_tsquery('simple', \(bind: expression(kind)))
                  ORDER BY d.id DESC LIMIT \(literal: limit)) n
            """
        }
        return "SELECT c.item_id, c.score, COUNT(*) OVER () AS found FROM (\(newest)) c"
    }

    /// Every matching item of one kind, for an `IN (…)` condition.
    func ids(_ kind: SearchKind) -> SQLQueryString {
        switch engine {
        case .sqlite:
            "SELECT rowid / 8 AS item_id FROM search_fts WHERE search_fts MATCH \(bind: expression(kind))"
        case .postgres:
            """
            SELECT d.item_id FROM search_documents d
            WHERE d.kind = \(literal: kind.rawValue) AND d.document @@ to_tsquery('simple', \(bind: expression(kind)))
            """
        }
    }

    /// How the candidates are joined to their items: SQLite must keep the full-text scan as the
    /// outer loop (`CROSS JOIN` fixes the order), or it probes the index once per item.
    var join: SQLQueryString { engine == .sqlite ? "CROSS JOIN" : "JOIN" }
}
