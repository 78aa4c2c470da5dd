import SQLKit

extension SQLDatabase {
    /// Every row of a query, decoded with snake_case columns mapped to camelCase properties.
    func rows<T: Decodable>(_ query: SQLQueryString, as type: T.Type = T.self) async throws -> [T] {
        try await raw(query).all(decoding: T.self, with: Decoding.snakeCase)
    }

    func row<T: Decodable>(_ query: SQLQueryString, as type: T.Type = T.self) async throws -> T? {
        try await raw(query).first(decoding: T.self, with: Decoding.snakeCase)
    }

    func count(_ query: SQLQueryString) async throws -> Int {
        try await raw(query).first()?.decode(column: "n", as: Int.self) ?? 0
    }
}

enum Decoding {
    static let snakeCase = SQLRowDecoder(keyDecodingStrategy: .convertFromSnakeCase)
}

/// Joins SQL fragments with a separator: `conditions.joined(" AND ")`.
extension Array where Element == SQLQueryString {
    func joined(_ separator: String) -> SQLQueryString {
        guard var result = first else { return "" }
        for fragment in dropFirst() { result = result + SQLQueryString(separator) + fragment }
        return result
    }
}

struct FacetRow: Decodable {
    var value: String
    var label: String?
    var n: Int
}
