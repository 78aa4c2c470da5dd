import C4CCore
import Crypto
import Foundation
import SQLKit

/// Inserts rows and stored files inside a write transaction; used by the demo seed and the importer.
public struct Inserter: Sendable {
    let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    public typealias Value = (any Encodable & Sendable)?

    /// Inserts one row and returns its new id.
    @discardableResult
    public func insert(_ table: String, _ values: KeyValuePairs<String, Value>) async throws -> Int64 {
        try await insertRow(table, values.map { ($0.key, $0.value) })
    }

    /// Inserts a row into a table without an id column (links between items).
    public func link(_ table: String, _ values: KeyValuePairs<String, Value>) async throws {
        try await sql.insert(into: table)
            .columns(values.map(\.key))
            .values(values.map { Self.expression($0.value) })
            .run()
    }

    static func expression(_ value: Value) -> any SQLExpression {
        value.map { SQLBind($0) as any SQLExpression } ?? SQLLiteral.null
    }

    /// Stores a file's bytes and returns its id.
    public func storeFile(name: String, contentType: String, data: Data, now: Date) async throws -> Int64 {
        let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        return try await insert("files", [
            "name": name, "content_type": contentType, "byte_size": Int64(data.count),
            "sha256": digest, "data": data, "created_at": now.epochSeconds,
        ])
    }
}

public enum StoreError: Error, CustomStringConvertible {
    case insertReturnedNothing(String)

    public var description: String {
        switch self {
        case .insertReturnedNothing(let table): "Inserting into \(table) returned no id"
        }
    }
}

extension Inserter {
    /// Inserts one row given as an ordered list of columns and values.
    func insertRow(_ table: String, _ columns: [(String, Value)]) async throws -> Int64 {
        let row = try await sql.insert(into: table)
            .columns(columns.map(\.0))
            .values(columns.map { Self.expression($0.1) })
            .returning("id")
            .first()
        guard let row else { throw StoreError.insertReturnedNothing(table) }
        return try row.decode(column: "id", as: Int64.self)
    }
}
