import C4CCore
import C4CStore
import C4CTestSupport
import SQLKit
import Testing

/// The back office builds its forms and queries from `ContentTypes`; a field naming a column or
/// table the migrations never made would only fail when an editor saves. These tests fail first.
@Suite struct ContentTypesSchemaTests {
    /// Every table and column a content type's description names, with the field that names it.
    static func namedColumns(_ type: ContentType) -> [(table: String, column: String, by: String)] {
        var named: [(table: String, column: String, by: String)] = [
            (type.table, "id", "table"), (type.table, type.titleField, "titleField"),
        ]
        for column in ["lang", "translation_group", "slug", "status", "publish_at", "author_id", "created_at", "updated_at"] {
            named.append((type.table, column, "content columns"))
        }
        for field in type.fields {
            if field.isColumn { named.append((type.table, field.name, field.name)) }
            switch field.kind {
            case .text, .longText, .markdown, .url, .email, .integer, .date, .siteInstant, .timeZone, .choice, .flag:
                break
            case .instant(let zoneField):
                named.append((type.table, zoneField, field.name))
            case .image:
                named += [("media", "id", field.name), ("media", "alt_text", field.name)]
            case .document:
                named += [("files", "id", field.name), ("files", "name", field.name)]
            case .reference(let table, let label):
                named += [(table, "id", field.name), (table, label, field.name)]
            case .lines(let table, let parent, let columns):
                named += ([parent, "position"] + columns).map { (table, $0, field.name) }
            case .links(let table, let parent, let child, let source, let label):
                named += [(table, parent, field.name), (table, child, field.name), (source, "id", field.name), (source, label, field.name)]
            case .languages(let table, let parent):
                named += [(table, parent, field.name), (table, "language", field.name)]
            case .attachments(let table, let parent):
                named += [parent, "file_id", "language", "label", "position"].map { (table, $0, field.name) }
            }
        }
        return named
    }

    @Test(arguments: TestDatabases.engines)
    func everyTableAndColumnAContentTypeNamesExistsInTheMigratedSchema(engine: Engine) async throws {
        try await TestDatabases.with(engine) { database async throws in
            let tables = Set(try await database.read { try await SchemaInspection.tables($0, engine) })
            var columns: [String: Set<String>] = [:]
            for type in ContentTypes.all {
                for named in Self.namedColumns(type) {
                    #expect(tables.contains(named.table), "\(type.key).\(named.by) names a table \(named.table) that does not exist")
                    if columns[named.table] == nil {
                        columns[named.table] = try await database.read { try await SchemaInspection.columns(of: named.table, $0, engine) }
                    }
                    #expect(columns[named.table]!.contains(named.column),
                            "\(type.key).\(named.by) names a column \(named.table).\(named.column) that does not exist")
                }
            }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func schemaInspectionReadsTheRealTablesAndColumns(engine: Engine) async throws {
        try await TestDatabases.with(engine) { database async throws in
            try await database.read { sql in
                #expect(try await SchemaInspection.columns(of: "settings", sql, engine) == ["key", "value"])
                #expect(try await SchemaInspection.columns(of: "no_such_table", sql, engine).isEmpty)
                let tables = try await SchemaInspection.tables(sql, engine)
                #expect(tables.contains("resources") && tables.contains("schema_migrations"))
                #expect(!tables.contains { $0.hasPrefix("sqlite_") || $0.hasPrefix("pg_") })
            }
        }
    }

    @Test func everyFieldNameIsUniqueWithinItsType() {
        for type in ContentTypes.all {
            let names = type.fields.map(\.name)
            #expect(Set(names).count == names.count, "\(type.key) lists a field twice")
        }
        let keys = ContentTypes.all.map(\.key)
        #expect(Set(keys).count == keys.count)
    }
}
