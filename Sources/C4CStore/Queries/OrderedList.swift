import Foundation
import SQLKit

/// Text values from related rows, read with their parent's row as one JSON array built in SQL, in
/// the order given, on either engine: each list read apart was one more statement to prepare (and
/// on PostgreSQL to send and plan) for a page.
enum OrderedList {
    /// `(SELECT <json array of value ORDER BY order> FROM …)`; `[]` when no row relates.
    static func select(_ engine: Engine, _ value: String, orderBy order: String, _ from: SQLQueryString) -> SQLQueryString {
        switch engine {
        case .sqlite: "(SELECT json_group_array(\(unsafeRaw: value) ORDER BY \(unsafeRaw: order)) \(from))"
        case .postgres: "(SELECT COALESCE(json_agg(\(unsafeRaw: value) ORDER BY \(unsafeRaw: order))::text, '[]') \(from))"
        }
    }

    static func decode(_ row: any SQLRow, column: String) throws -> [String] {
        let text = try row.decode(column: column, as: String.self)
        return try JSONDecoder().decode([String].self, from: Data(text.utf8))
    }
}
