import C4CCore
import Foundation
import SQLKit

/// The back office's content lists.
extension ContentEditorQueries {
    public struct ListRow: Sendable, RowDecodable {
        public var id: Int64
        public var slug: String
        public var lang: String
        public var title: String
        public var status: String
        public var publishAt: Int64?
        public var updatedAt: Int64

        init(row: any SQLRow) throws {
            id = try row.decode(column: "id")
            slug = try row.decode(column: "slug")
            lang = try row.decode(column: "lang")
            title = try row.decode(column: "title")
            status = try row.decode(column: "status")
            publishAt = try row.decode(column: "publish_at")
            updatedAt = try row.decode(column: "updated_at")
        }
    }

    public static let pageSize = 50

    /// Items of a type, filtered by a title search and a status, sorted by title or last change.
    public func list(_ type: ContentType, search: String?, status: String?, sort: String, organisationID: Int64? = nil,
                     page: Int) async throws -> (rows: [ListRow], total: Int) {
        var conditions: [SQLQueryString] = ["1 = 1"]
        if let search, !search.isEmpty {
            conditions.append("LOWER(x.\(ident: type.titleField)) LIKE \(bind: "%" + search.lowercased() + "%")")
        }
        if let status, PublicationStatus(rawValue: status) != nil { conditions.append("x.status = \(bind: status)") }
        if let organisationID { conditions.append(Self.ownership(type, organisationID)) }
        let condition = conditions.joined(" AND ")
        let order = sort == "title" ? "x.\(type.titleField) ASC" : "x.updated_at DESC"
        return try await database.read { sql in
            let rows: [ListRow] = try await sql.rows("""
                SELECT x.id, x.slug, x.lang, x.\(ident: type.titleField) AS title, x.status, x.publish_at, x.updated_at
                FROM \(ident: type.table) x WHERE \(condition) ORDER BY \(unsafeRaw: order), x.id DESC
                LIMIT \(literal: Self.pageSize) OFFSET \(literal: max(0, page - 1) * Self.pageSize)
                """)
            return (rows, try await sql.count("SELECT COUNT(*) AS n FROM \(ident: type.table) x WHERE \(condition)"))
        }
    }
}
