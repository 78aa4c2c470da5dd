import C4CCore
import SQLKit

/// A visitor's query as each engine's full-text syntax: every folded term a prefix (a single
/// letter or digit a whole word), all of them required. The terms hold only letters and digits
/// (`TextFolding.searchTerms`), and the expression is bound, never spliced, so no quote or
/// operator a visitor types reaches the syntax.
///
/// Matches are ranked the same way on both engines: items whose title holds every word first,
/// then the rest, newest first within each. Only the newest `candidateLimit` matches of a kind
/// are ranked: scoring every item that holds a common word would cost more than the page is
/// worth, at 50,000 items.
struct SearchMatch: Sendable {
    let engine: Engine
    let terms: [String]

    init?(_ query: String, engine: Engine) {
        let terms = TextFolding.searchTerms(query)
        guard !terms.isEmpty else { return nil }
        self.engine = engine
        self.terms = terms
    }

    static let candidateLimit = 1_000

    /// FTS5: `"bogota"* "sao"*`. PostgreSQL `to_tsquery`: `'bogota':* & 'sao':*`.
    var expression: String {
        switch engine {
        case .sqlite: terms.map { $0.unicodeScalars.count == 1 ? "\"\($0)\"" : "\"\($0)\"*" }.joined(separator: " ")
        case .postgres: terms.map { $0.unicodeScalars.count == 1 ? "'\($0)'" : "'\($0)':*" }.joined(separator: " & ")
        }
    }

    /// The newest matching items of one kind, at most `candidateLimit + 1`: `item_id`; `tier`, 1
    /// when the title holds every word; and `found`, how many there are, so more than
    /// `candidateLimit` says older matches were left out.
    func candidates(_ kind: SearchKind) -> SQLQueryString {
        let limit = Self.candidateLimit + 1
        switch engine {
        case .sqlite:
            // A document's id is its item's id × 8 + the kind's code. The title matches are
            // looked up only as far back as the oldest candidate.
            let fts = "search_fts_\(kind.rawValue)"
            return """
                WITH n AS MATERIALIZED (
                    SELECT rowid AS id FROM \(ident: fts) WHERE \(ident: fts) MATCH \(bind: expression) ORDER BY rowid DESC LIMIT \(literal: limit))
                SELECT n.id / 8 AS item_id,
                CASE WHEN n.id IN (SELECT rowid FROM \(ident: fts) WHERE \(ident: fts) MATCH \(bind: "title : (\(expression))")
                                   AND rowid >= (SELECT MIN(id) FROM n)) THEN 1 ELSE 0 END AS tier,
                COUNT(*) OVER () AS found FROM n
                """
        case .postgres:
            // The kind is a literal, so the planner picks that kind's index. A folded title is
            // words of letters and digits between single spaces, so whether it holds a word is a
            // substring test: building each candidate title's vector was half the query.
            return """
                SELECT n.item_id, CASE WHEN \(titleHoldsEveryTerm("n.title")) THEN 1 ELSE 0 END AS tier,
                COUNT(*) OVER () AS found
                FROM (SELECT d.item_id, d.title FROM search_documents d
                      WHERE d.kind = \(literal: kind.rawValue) AND d.document @@ to_tsquery('simple', \(bind: expression))
                      ORDER BY d.id DESC LIMIT \(literal: limit)) n
                """
        }
    }

    /// Whether a folded title holds every term: a word starting with it, or that is it for a
    /// single letter or digit, as the full-text match reads the terms.
    func titleHoldsEveryTerm(_ column: String) -> SQLQueryString {
        terms.map { term -> SQLQueryString in
            term.unicodeScalars.count == 1
                ? "strpos(' ' || \(unsafeRaw: column) || ' ', \(bind: " \(term) ")) > 0"
                : "strpos(' ' || \(unsafeRaw: column), \(bind: " \(term)")) > 0"
        }.joined(" AND ")
    }

    /// Every matching item of one kind, for an `IN (…)` condition.
    func ids(_ kind: SearchKind) -> SQLQueryString {
        switch engine {
        case .sqlite:
            let fts = "search_fts_\(kind.rawValue)"
            return "SELECT rowid / 8 AS item_id FROM \(ident: fts) WHERE \(ident: fts) MATCH \(bind: expression)"
        case .postgres:
            return """
                SELECT d.item_id FROM search_documents d
                WHERE d.kind = \(literal: kind.rawValue) AND d.document @@ to_tsquery('simple', \(bind: expression))
                """
        }
    }

    /// Every matching item of one kind, read as one row of comma-separated ids: decoding a row
    /// per match cost more than the match itself when a common word finds 40,000 items.
    func allIDs(_ kind: SearchKind, in sql: any SQLDatabase) async throws -> [Int64] {
        let list: SQLQueryString = switch engine {
        case .sqlite: "SELECT group_concat(m.item_id) AS ids FROM (\(ids(kind))) m"
        case .postgres: "SELECT string_agg(m.item_id::text, ',') AS ids FROM (\(ids(kind))) m"
        }
        guard let text = try await readSteeredToTheIndex(list, in: sql) else { return [] }
        var result: [Int64] = []
        var value: Int64 = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: ",") {
                result.append(value)
                value = 0
            } else {
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
        }
        result.append(value)
        return result
    }

    /// The list of ids, read through the kind's index on PostgreSQL. For a common word the planner
    /// would rather read every document of the kind and test each, unpacking the long ones stored
    /// apart (90 ms for "child" at 50,000 resources), where the index's matches need no second test
    /// (33 ms). Only for reads outside a transaction: the setting lasts for this one.
    private func readSteeredToTheIndex(_ list: SQLQueryString, in sql: any SQLDatabase) async throws -> String? {
        guard engine == .postgres else { return try await sql.raw(list).first()?.decode(column: "ids", as: String?.self) }
        return try await Transaction.run(on: sql, begin: "BEGIN READ ONLY") {
            try await sql.raw("SET LOCAL enable_seqscan = off").run()
            return try await sql.raw(list).first()?.decode(column: "ids", as: String?.self)
        }
    }

    /// How the candidates are joined to their items: SQLite must keep the full-text scan as the
    /// outer loop (`CROSS JOIN` fixes the order), or it probes the index once per item.
    var join: SQLQueryString { engine == .sqlite ? "CROSS JOIN" : "JOIN" }
}
