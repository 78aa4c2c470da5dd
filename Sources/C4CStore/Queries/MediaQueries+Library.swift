import C4CCore
import Foundation
import SQLKit

/// The media library as editors browse it: searched, narrowed to a kind, a page at a time.
extension MediaQueries {
    public enum LibraryKind: String, Sendable, CaseIterable {
        case image, document
    }

    public static let libraryPageSize = 48

    /// The newest first. `search` is found in the file name, title, alt text or credit, in any case.
    public func library(search: String?, kind: LibraryKind?, page: Int,
                        pageSize: Int = Self.libraryPageSize) async throws -> (items: [Item], total: Int) {
        var conditions: [SQLQueryString] = ["1 = 1"]
        if let search, !search.isEmpty {
            let pattern = ContentEditorQueries.containing(search)
            let matches: [SQLQueryString] = ["f.name", "m.title", "m.alt_text", "m.credit"].map {
                "LOWER(\(unsafeRaw: $0)) LIKE \(bind: pattern) ESCAPE '\\'"
            }
            conditions.append("(\(matches.joined(" OR ")))")
        }
        if let kind { conditions.append("m.kind = \(bind: kind.rawValue)") }
        let condition = conditions.joined(" AND ")
        return try await database.read { sql in
            let items: [Item] = try await sql.rows("""
                SELECT \(Self.columns) WHERE \(condition) ORDER BY m.id DESC
                LIMIT \(literal: pageSize) OFFSET \(literal: (max(1, page) - 1) * pageSize)
                """)
            return (items, try await sql.count("SELECT COUNT(*) AS n FROM media m JOIN files f ON f.id = m.file_id WHERE \(condition)"))
        }
    }
}
