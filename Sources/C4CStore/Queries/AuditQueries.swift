import C4CCore
import Foundation
import SQLKit

/// Who did what to which item and when.
public struct AuditQueries: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public struct Entry: Sendable, RowDecodable {
        public var at: Int64
        public var userName: String?
        public var action: String
        public var itemType: String
        public var itemId: Int64?
        public var summary: String

        init(row: any SQLRow) throws {
            at = try row.decode(column: "at")
            userName = try row.decode(column: "user_name")
            action = try row.decode(column: "action")
            itemType = try row.decode(column: "item_type")
            itemId = try row.decode(column: "item_id")
            summary = try row.decode(column: "summary")
        }
    }

    /// Records an entry inside the caller's transaction, so the change and its record land together.
    public static func record(_ sql: any SQLDatabase, userID: Int64?, action: String, itemType: String, itemID: Int64?,
                              summary: String, now: Date) async throws {
        try await Inserter(sql).insert("audit_log", [
            "user_id": userID, "action": action, "item_type": itemType, "item_id": itemID, "summary": summary, "at": now.epochSeconds,
        ])
    }

    public func latest(limit: Int = 200) async throws -> [Entry] {
        try await database.read { sql in
            try await sql.rows("""
                SELECT a.at, u.name AS user_name, a.action, a.item_type, a.item_id, a.summary FROM audit_log a
                LEFT JOIN users u ON u.id = a.user_id ORDER BY a.at DESC, a.id DESC LIMIT \(literal: limit)
                """)
        }
    }
}
