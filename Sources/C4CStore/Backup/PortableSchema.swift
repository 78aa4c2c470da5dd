import SQLKit

/// The shape of the tables a portable export carries, read from the engine's catalog so that a
/// table added by a future migration is exported without anyone listing it. Left out: what an
/// engine derives by itself (SQLite's FTS5 tables and their shadow tables, `sqlite_sequence`,
/// PostgreSQL's generated columns); restoring the rows they derive from rebuilds them.
public enum PortableSchema {
    /// A column's value as both engines store it: BIGINT/INTEGER, BOOLEAN (0/1 on SQLite), TEXT,
    /// REAL/DOUBLE PRECISION, BLOB/BYTEA.
    public enum Kind: String, Codable, Sendable {
        case integer, boolean, text, real, blob
    }

    public struct Column: Codable, Sendable, Equatable {
        public let name: String
        public let kind: Kind
    }

    public struct Table: Codable, Sendable, Equatable {
        public let name: String
        public let columns: [Column]
        /// The primary key's columns in key order; empty when the table has none.
        public let primaryKey: [String]
    }

    public static func tables(_ sql: any SQLDatabase, _ engine: Engine) async throws -> [Table] {
        var tables: [Table] = []
        for name in try await tableNames(sql, engine) {
            tables.append(try await table(name, sql, engine))
        }
        return tables
    }

    static func tableNames(_ sql: any SQLDatabase, _ engine: Engine) async throws -> [String] {
        let query: SQLQueryString = switch engine {
        case .sqlite:
            "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        case .postgres:
            """
            SELECT table_name::text AS name FROM information_schema.tables
            WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name
            """
        }
        return try await sql.raw(query).all().map { try $0.decode(column: "name", as: String.self) }
    }

    static func table(_ name: String, _ sql: any SQLDatabase, _ engine: Engine) async throws -> Table {
        let query: SQLQueryString = switch engine {
        case .sqlite:
            "SELECT name, type, pk AS key_position FROM pragma_table_info(\(bind: name)) ORDER BY cid"
        case .postgres:
            """
            SELECT c.column_name::text AS name, c.data_type::text AS type, CAST(COALESCE(k.ordinal_position, 0) AS BIGINT) AS key_position
            FROM information_schema.columns c
            LEFT JOIN information_schema.table_constraints t
              ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.constraint_type = 'PRIMARY KEY'
            LEFT JOIN information_schema.key_column_usage k
              ON k.constraint_name = t.constraint_name AND k.table_schema = c.table_schema
             AND k.table_name = c.table_name AND k.column_name = c.column_name
            WHERE c.table_schema = current_schema() AND c.table_name = \(bind: name) AND c.is_generated = 'NEVER'
            ORDER BY c.ordinal_position
            """
        }
        var columns: [Column] = []
        var key: [(position: Int64, name: String)] = []
        for row in try await sql.raw(query).all() {
            let column = try row.decode(column: "name", as: String.self)
            let type = try row.decode(column: "type", as: String.self)
            guard let kind = kind(ofDeclared: type) else { throw PortableExportError.unknownColumnType(table: name, column: column, type: type) }
            columns.append(Column(name: column, kind: kind))
            let position = try row.decode(column: "key_position", as: Int64.self)
            if position > 0 { key.append((position, column)) }
        }
        return Table(name: name, columns: columns, primaryKey: key.sorted { $0.position < $1.position }.map(\.name))
    }

    /// SQLite's declared type or PostgreSQL's `data_type`; nil for a type neither engine's
    /// migrations use, which the export refuses rather than guess.
    static func kind(ofDeclared type: String) -> Kind? {
        let type = type.uppercased()
        if type.contains("BOOL") { return .boolean }
        if type.contains("INT") { return .integer }
        if type.contains("BLOB") || type == "BYTEA" { return .blob }
        if type.contains("CHAR") || type.contains("TEXT") { return .text }
        if type.contains("REAL") || type.contains("DOUBLE") || type.contains("FLOAT") { return .real }
        return nil
    }

    /// "name" with any double quote doubled: every identifier the export names comes from the
    /// catalog, and both engines quote alike.
    static func quoted(_ identifier: String) -> String {
        "\"\(identifier.replacingOccurrences(of: "\"", with: "\"\""))\""
    }
}
