import C4CCore
import Foundation
import SQLKit

/// The background copy the form's script keeps of a published or scheduled item, so half-typed
/// text never reaches visitors: one per item and editor, offered back in the form until they
/// save the item or restore it.
extension ContentEditorQueries {
    public struct AutosaveCopy: Sendable {
        public let fields: [String: String]
        public let baseVersion: Int64
        public let at: Int64
    }

    /// Keeps the copy if the item is still at `baseVersion`, else throws `conflict`: the same rule
    /// as a save, so a background copy never hides someone else's newer text. Without a version
    /// (as a save without one) the copy is of the item as it is now. Returns the version it was kept at.
    @discardableResult
    public func keepAutosave(_ type: ContentType, id: Int64, userID: Int64, baseVersion expected: Int64?, fields: [String: String],
                             now: Date) async throws -> Int64 {
        let data = String(decoding: try JSONEncoder().encode(fields), as: UTF8.self)
        return try await database.write { sql in
            guard let row = try await sql.raw("SELECT version FROM \(ident: type.table) WHERE id = \(bind: id)").first() else {
                throw SaveError.conflict
            }
            let baseVersion = try row.decode(column: "version", as: Int64.self)
            if let expected, expected != baseVersion { throw SaveError.conflict }
            try await sql.raw("""
                INSERT INTO autosaves (item_table, item_id, user_id, base_version, data, at)
                VALUES (\(bind: type.table), \(bind: id), \(bind: userID), \(bind: baseVersion), \(bind: data), \(bind: now.epochSeconds))
                ON CONFLICT (item_table, item_id, user_id) DO UPDATE SET base_version = excluded.base_version, data = excluded.data, at = excluded.at
                """).run()
            return baseVersion
        }
    }

    public func autosaveCopy(_ type: ContentType, id: Int64, userID: Int64) async throws -> AutosaveCopy? {
        try await database.read { sql in
            guard let row = try await sql.raw("""
                SELECT data, base_version, at FROM autosaves WHERE item_table = \(bind: type.table) AND item_id = \(bind: id) AND user_id = \(bind: userID)
                """).first() else { return nil }
            let fields = (try? JSONDecoder().decode([String: String].self, from: Data(try row.decode(column: "data", as: String.self).utf8))) ?? [:]
            return AutosaveCopy(fields: fields, baseVersion: try row.decode(column: "base_version", as: Int64.self),
                                at: try row.decode(column: "at", as: Int64.self))
        }
    }
}
