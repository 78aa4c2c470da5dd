import Foundation
import SQLKit
import ZIPFoundation

/// `c4c export FILE.zip`: the whole site as JSON Lines plus raw file bodies in a zip, readable by
/// either engine (the format is described in `PortableFormatNote`). It is read in one snapshot
/// while the site serves, a page of rows at a time: each table's lines are staged in a temporary
/// file and compressed into the zip from there, so memory holds one page (or one blob), never a table.
/// The zip is written under a temporary name and renamed once complete.
public enum PortableExport {
    public struct Written: Sendable {
        public let file: URL
        public let byteSize: Int64
        public let rows: [String: Int]
    }

    static let rowsPerPage = 500
    static let entryBufferSize = 64 * 1024

    public static func write(of database: any Database, to file: URL, now: Date = Date()) async throws -> Written {
        guard !FileManager.default.fileExists(atPath: file.path) else { throw PortableExportError.exists(file.path) }
        let directory = file.deletingLastPathComponent()
        let partial = directory.appendingPathComponent(".\(file.lastPathComponent).\(UUID().uuidString).partial")
        let staging = FileManager.default.temporaryDirectory.appendingPathComponent("c4c-export-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: staging) }
        let rows: [String: Int]
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
            let engine = database.engine
            // One read transaction, so every table is read as of the same instant while writers carry on.
            rows = try await database.readSnapshot { sql in
                try await writeArchive(sql, engine, to: partial, staging: staging, now: now)
            }
            let handle = try FileHandle(forUpdating: partial)
            try handle.synchronize()
            try handle.close()
            guard !FileManager.default.fileExists(atPath: file.path) else { throw PortableExportError.exists(file.path) }
            try FileManager.default.moveItem(at: partial, to: file)
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
        let size = (try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? NSNumber)?.int64Value ?? 0
        return Written(file: file, byteSize: size, rows: rows)
    }

    private static func writeArchive(_ sql: any SQLDatabase, _ engine: Engine, to partial: URL, staging: URL, now: Date) async throws -> [String: Int] {
        let archive: Archive
        do {
            archive = try Archive(url: partial, accessMode: .create)
        } catch {
            throw PortableExportError.cannotWrite(partial.deletingLastPathComponent().path, "\(error)")
        }
        try add(Data(PortableFormatNote.text.utf8), as: PortableFormatNote.entryName, to: archive, compressed: true)
        let migrations = try await sql.raw("SELECT id, checksum FROM schema_migrations ORDER BY id").all().map {
            PortableManifest.AppliedMigration(id: try $0.decode(column: "id", as: String.self),
                                              checksum: try $0.decode(column: "checksum", as: String?.self) ?? "")
        }
        var files: [PortableManifest.TableFile] = []
        for table in try await PortableSchema.tables(sql, engine) {
            let count = try await writeTable(table, sql, to: archive, staging: staging)
            files.append(PortableManifest.TableFile(name: table.name, entry: "tables/\(table.name).jsonl", rows: count,
                                                    columns: table.columns, primaryKey: table.primaryKey))
        }
        let manifest = PortableManifest(format: PortableManifest.formatName, formatVersion: PortableManifest.currentVersion,
                                        createdAt: ISO8601DateFormatter().string(from: now), engine: engine.rawValue,
                                        migrations: migrations, tables: files, counters: try await counters(sql, engine))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try add(try encoder.encode(manifest), as: PortableManifest.entryName, to: archive, compressed: true)
        return Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0.rows) })
    }

    /// Pages through the table in primary key order (by the last key seen, so a page costs the
    /// same at the end of a large table as at its start); a table without a key pages by offset.
    /// A table with blobs goes a row at a time, each blob straight into its own entry.
    private static func writeTable(_ table: PortableSchema.Table, _ sql: any SQLDatabase, to archive: Archive, staging: URL) async throws -> Int {
        let staged = staging.appendingPathComponent("\(table.name).jsonl")
        guard FileManager.default.createFile(atPath: staged.path, contents: nil), let output = FileHandle(forWritingAtPath: staged.path) else {
            throw PortableExportError.cannotWrite(staged.path, "cannot create a staging file")
        }
        defer { try? output.close() }
        let hasBlobs = table.columns.contains { $0.kind == .blob }
        let pageSize = hasBlobs ? 1 : rowsPerPage
        let columns = table.columns.map { PortableSchema.quoted($0.name) }.joined(separator: ", ")
        let order = (table.primaryKey.isEmpty ? table.columns.filter { $0.kind != .blob }.map(\.name) : table.primaryKey)
            .map(PortableSchema.quoted).joined(separator: ", ")
        let keyIndexes = table.primaryKey.compactMap { key in table.columns.firstIndex { $0.name == key } }
        let integerKey = table.primaryKey.count == 1 && table.columns[keyIndexes[0]].kind == .integer ? keyIndexes[0] : nil
        var lastKey: [PortableValue]?
        var count = 0
        while true {
            var query: SQLQueryString = "SELECT \(unsafeRaw: columns) FROM \(unsafeRaw: PortableSchema.quoted(table.name))"
            if let lastKey {
                query = "\(query) WHERE (\(unsafeRaw: order)) > (\(SQLList(lastKey.map(\.expression))))"
            }
            query = "\(query) ORDER BY \(unsafeRaw: order) LIMIT \(literal: pageSize)"
            if table.primaryKey.isEmpty { query = "\(query) OFFSET \(literal: count)" }
            let page = try await sql.raw(query).all()
            var lines = ""
            for row in page {
                count += 1
                let values = try table.columns.map { try PortableValue.read(row, $0) }
                let rowName = integerKey.flatMap { if case .integer(let id) = values[$0] { String(id) } else { nil } } ?? String(count)
                let entry = { (column: Int) in "blobs/\(table.name)/\(table.columns[column].name)/\(rowName)" }
                for (index, value) in values.enumerated() {
                    if case .blob(let bytes) = value { try add(bytes, as: entry(index), to: archive, compressed: false) }
                }
                lines += try PortableJSONLine.encode(values, table.columns, blobEntry: entry)
                if !table.primaryKey.isEmpty { lastKey = keyIndexes.map { values[$0] } }
            }
            try output.write(contentsOf: Data(lines.utf8))
            if page.count < pageSize { break }
        }
        try output.close()
        do {
            try archive.addEntry(with: "tables/\(table.name).jsonl", fileURL: staged, compressionMethod: .deflate, bufferSize: entryBufferSize)
        } catch {
            throw PortableExportError.cannotWrite(archive.url.path, "\(error)")
        }
        try? FileManager.default.removeItem(at: staged)
        return count
    }

    /// SQLite's `sqlite_sequence`; on PostgreSQL each identity column's sequence.
    private static func counters(_ sql: any SQLDatabase, _ engine: Engine) async throws -> [PortableManifest.Counter] {
        switch engine {
        case .sqlite:
            return try await sql.raw("SELECT name, seq FROM sqlite_sequence ORDER BY name").all().map {
                PortableManifest.Counter(table: try $0.decode(column: "name", as: String.self), value: try $0.decode(column: "seq", as: Int64.self))
            }
        case .postgres:
            var counters: [PortableManifest.Counter] = []
            for (table, sequence, _) in try await PostgresSequences.identities(sql) {
                let value = try await sql.raw("SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS value FROM \(unsafeRaw: sequence)")
                    .first()?.decode(column: "value", as: Int64.self) ?? 0
                if value > 0 { counters.append(PortableManifest.Counter(table: table, value: value)) }
            }
            return counters
        }
    }

    static func add(_ data: Data, as path: String, to archive: Archive, compressed: Bool) throws {
        do {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                 compressionMethod: compressed ? .deflate : .none, bufferSize: entryBufferSize) { position, size in
                let start = data.startIndex + Int(position)
                return data.subdata(in: start..<min(start + size, data.endIndex))
            }
        } catch {
            throw PortableExportError.cannotWrite(archive.url.path, "\(error)")
        }
    }
}

/// The sequences behind PostgreSQL's identity columns, by table.
enum PostgresSequences {
    static func identities(_ sql: any SQLDatabase) async throws -> [(table: String, sequence: String, column: String)] {
        try await sql.raw("""
            SELECT table_name::text AS name, column_name::text AS column_name,
                   pg_get_serial_sequence(quote_ident(table_name), column_name)::text AS sequence
            FROM information_schema.columns
            WHERE table_schema = current_schema() AND is_identity = 'YES' ORDER BY table_name
            """).all().map {
            (try $0.decode(column: "name", as: String.self), try $0.decode(column: "sequence", as: String.self),
             try $0.decode(column: "column_name", as: String.self))
        }
    }
}
