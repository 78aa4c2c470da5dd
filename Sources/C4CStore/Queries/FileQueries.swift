import Foundation
import SQLKit

/// A stored upload as it is served.
public struct StoredFile: Sendable {
    public let id: Int64
    public let name: String
    public let contentType: String
    public let sha256: String
    public let data: Data
}

public struct FileQueries: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    private struct Row: Decodable {
        var id: Int64
        var name: String
        var contentType: String
        var sha256: String
        var data: Data
    }

    public func file(id: Int64) async throws -> StoredFile? {
        try await database.read { sql in
            try await sql.raw("SELECT id, name, content_type, sha256, data FROM files WHERE id = \(bind: id)")
                .first(decoding: Row.self, with: SQLRowDecoder(keyDecodingStrategy: .convertFromSnakeCase))
                .map { StoredFile(id: $0.id, name: $0.name, contentType: $0.contentType, sha256: $0.sha256, data: $0.data) }
        }
    }
}
