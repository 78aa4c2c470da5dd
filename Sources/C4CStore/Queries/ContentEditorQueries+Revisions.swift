import C4CCore
import Foundation
import SQLKit

/// An item's past versions and its versions in other languages.
extension ContentEditorQueries {
    public struct Revision: Sendable, RowDecodable {
        public var id: Int64
        public var at: Int64
        public var userName: String?
        public var data: String

        init(row: any SQLRow) throws {
            id = try row.decode(column: "id")
            at = try row.decode(column: "at")
            userName = try row.decode(column: "user_name")
            data = try row.decode(column: "data")
        }

        public var fields: [String: String] {
            (try? JSONDecoder().decode([String: String].self, from: Data(data.utf8))) ?? [:]
        }
    }

    public func revisions(_ type: ContentType, id: Int64) async throws -> [Revision] {
        try await database.read { sql in
            try await sql.rows("""
                SELECT r.id, r.at, u.name AS user_name, r.data FROM revisions r LEFT JOIN users u ON u.id = r.user_id
                WHERE r.item_type = \(bind: type.table) AND r.item_id = \(bind: id) ORDER BY r.at DESC, r.id DESC LIMIT 100
                """)
        }
    }

    /// The versions of an item in other languages: language code and id.
    public func translations(_ type: ContentType, id: Int64) async throws -> [(lang: String, id: Int64)] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT t.lang, t.id FROM \(ident: type.table) t JOIN \(ident: type.table) s ON s.translation_group = t.translation_group
                WHERE s.id = \(bind: id) ORDER BY t.lang
                """).all().map { (try $0.decode(column: "lang", as: String.self), try $0.decode(column: "id", as: Int64.self)) }
        }
    }
}
