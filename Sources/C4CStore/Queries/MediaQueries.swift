import C4CCore
import Foundation
import SQLKit

/// The media library: uploaded images and documents with their alt text, credit and
/// safeguarding record.
public struct MediaQueries: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public struct Item: Sendable, RowDecodable {
        public var id: Int64
        public var fileId: Int64
        public var fileName: String
        public var contentType: String
        public var byteSize: Int64
        public var kind: String
        public var title: String
        public var altText: String
        public var credit: String
        public var width: Int?
        public var height: Int?
        public var showsIdentifiableChildren: Bool
        public var consentOnFile: Bool
        public var createdAt: Int64

        init(row: any SQLRow) throws {
            id = try row.decode(column: "id")
            fileId = try row.decode(column: "file_id")
            fileName = try row.decode(column: "file_name")
            contentType = try row.decode(column: "content_type")
            byteSize = try row.decode(column: "byte_size")
            kind = try row.decode(column: "kind")
            title = try row.decode(column: "title")
            altText = try row.decode(column: "alt_text")
            credit = try row.decode(column: "credit")
            width = try row.decode(column: "width")
            height = try row.decode(column: "height")
            showsIdentifiableChildren = try row.decode(column: "shows_identifiable_children")
            consentOnFile = try row.decode(column: "consent_on_file")
            createdAt = try row.decode(column: "created_at")
        }
    }

    static let columns: SQLQueryString = """
        m.id, f.id AS file_id, f.name AS file_name, f.content_type, f.byte_size, m.kind, m.title, m.alt_text, m.credit,
        m.width, m.height, m.shows_identifiable_children, m.consent_on_file, m.created_at
        FROM media m JOIN files f ON f.id = m.file_id
        """

    public func list(limit: Int = 200) async throws -> [Item] {
        try await database.read { sql in
            try await sql.rows("SELECT \(Self.columns) ORDER BY m.id DESC LIMIT \(literal: limit)")
        }
    }

    public func item(id: Int64) async throws -> Item? {
        try await database.read { sql in try await sql.row("SELECT \(Self.columns) WHERE m.id = \(bind: id)") }
    }

    public struct Details: Sendable {
        public var title: String
        public var altText: String
        public var credit: String
        public var showsIdentifiableChildren: Bool
        public var consentOnFile: Bool

        public init(title: String, altText: String, credit: String, showsIdentifiableChildren: Bool, consentOnFile: Bool) {
            self.title = title
            self.altText = altText
            self.credit = credit
            self.showsIdentifiableChildren = showsIdentifiableChildren
            self.consentOnFile = consentOnFile
        }
    }

    /// Stores an upload and its description in one transaction; returns the media id.
    public func create(name: String, contentType: String, data: Data, isImage: Bool, width: Int?, height: Int?,
                       details: Details, userID: Int64, now: Date) async throws -> Int64 {
        try await database.write { sql in
            let inserter = Inserter(sql)
            let file = try await inserter.storeFile(name: name, contentType: contentType, data: data, now: now)
            let id = try await inserter.insert("media", [
                "file_id": file, "kind": isImage ? "image" : "document", "title": details.title, "alt_text": details.altText,
                "credit": details.credit, "width": width, "height": height,
                "shows_identifiable_children": details.showsIdentifiableChildren, "consent_on_file": details.consentOnFile,
                "safeguarding_answered_at": now.epochSeconds, "uploaded_by": userID, "created_at": now.epochSeconds,
            ])
            try await AuditQueries.record(sql, userID: userID, action: "upload", itemType: "media", itemID: id,
                                          summary: "\(name) (\(data.count) bytes)", now: now)
            return id
        }
    }

    public func update(id: Int64, details: Details, userID: Int64, now: Date) async throws {
        try await database.write { sql in
            try await sql.raw("""
                UPDATE media SET title = \(bind: details.title), alt_text = \(bind: details.altText), credit = \(bind: details.credit),
                shows_identifiable_children = \(bind: details.showsIdentifiableChildren), consent_on_file = \(bind: details.consentOnFile),
                safeguarding_answered_at = \(bind: now.epochSeconds)
                WHERE id = \(bind: id)
                """).run()
            try await AuditQueries.record(sql, userID: userID, action: "update", itemType: "media", itemID: id,
                                          summary: "Alt text, credit and safeguarding", now: now)
            try await sql.raw("UPDATE content_version SET version = version + 1 WHERE id = 1").run()
        }
    }
}
