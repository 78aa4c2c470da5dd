import SQLKit

/// The tables and columns a database holds, read from the engine's own catalog: the migration
/// runner asks whether a column exists, the demo seeder whether any table holds a row.
public enum SchemaInspection {
    /// The tables of the current schema, without the engine's own.
    public static func tables(_ sql: any SQLDatabase, _ engine: Engine) async throws -> [String] {
        let query: SQLQueryString = switch engine {
        case .sqlite:
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        case .postgres:
            """
            SELECT table_name::text AS name FROM information_schema.tables
            WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name
            """
        }
        return try await sql.raw(query).all().map { try $0.decode(column: "name", as: String.self) }
    }

    /// The columns of one table; empty when there is no such table.
    public static func columns(of table: String, _ sql: any SQLDatabase, _ engine: Engine) async throws -> Set<String> {
        let query: SQLQueryString = switch engine {
        case .sqlite:
            "SELECT name FROM pragma_table_info(\(bind: table))"
        case .postgres:
            """
            SELECT column_name::text AS name FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = \(bind: table)
            """
        }
        return Set(try await sql.raw(query).all().map { try $0.decode(column: "name", as: String.self) })
    }
}
