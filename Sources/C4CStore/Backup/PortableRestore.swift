import Foundation
import Logging
import SQLKit
import ZIPFoundation

/// `c4c restore FILE.zip`: an export put back into an empty database of either engine. The schema
/// is created by this program's own migrations (the export's steps must all be this program's,
/// unedited; `c4c serve` applies any it has beyond them) and every row inserted with its id, all in one
/// transaction, so a damaged export leaves the target as it was. Foreign keys are checked at the
/// end rather than row by row, so tables go in any order. SQLite is restored into a new file that
/// takes the database's place once complete.
public enum PortableRestore {
    public struct Restored: Sendable {
        public let rows: [String: Int]
        /// Migrations this program has beyond the export's, applied when the site next starts.
        public let pendingMigrations: Int
    }

    static let rowsPerStatement = 200

    /// Whether `file` starts as a zip does, whatever its name.
    public static func isZip(_ file: URL) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: file.path) else { return false }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 4)) ?? Data()
        return header == Data([0x50, 0x4B, 0x03, 0x04]) || header == Data([0x50, 0x4B, 0x05, 0x06])
    }

    public static func restore(_ file: URL, into location: DatabaseLocation, replace: Bool, logger: Logger) async throws -> Restored {
        let (manifest, migrations) = try readManifest(file)
        let plan = Plan(file: file, manifest: manifest, migrations: migrations)
        let rows: [String: Int]
        switch location {
        case .sqlite(let path):
            rows = try await restoreSQLite(plan, to: URL(fileURLWithPath: path), replace: replace, logger: logger)
        case .postgres(let url):
            rows = try await restorePostgres(plan, to: url, replace: replace, logger: logger)
        }
        return Restored(rows: rows, pendingMigrations: Schema.migrations.count - migrations.count)
    }

    struct Plan: Sendable {
        let file: URL
        let manifest: PortableManifest
        let migrations: [Migration]
    }

    // MARK: - Reading the export

    /// The manifest, refused unless it is ours, in a format this program reads, from a schema it
    /// can recreate: every migration the export lists must be one of this program's, unedited.
    static func readManifest(_ file: URL) throws -> (PortableManifest, [Migration]) {
        guard FileManager.default.isReadableFile(atPath: file.path) else { throw PortableExportError.unreadable(file.path) }
        guard isZip(file) else { throw PortableExportError.notAZip(file.path) }
        let archive = try open(file)
        guard let entry = archive[PortableManifest.entryName] else {
            throw PortableExportError.notAnExport(file.path, reason: "it holds no \(PortableManifest.entryName)")
        }
        let data = try read(entry, of: archive, file: file)
        guard let manifest = try? JSONDecoder().decode(PortableManifest.self, from: data), manifest.format == PortableManifest.formatName,
              let engine = Engine(rawValue: manifest.engine) else {
            throw PortableExportError.notAnExport(file.path, reason: "its \(PortableManifest.entryName) is not one `c4c export` writes")
        }
        guard manifest.formatVersion <= PortableManifest.currentVersion else {
            throw PortableExportError.newerFormat(file.path, version: manifest.formatVersion)
        }
        // The steps the source had applied, in this program's order: `Migrator` applies the
        // others when the site next starts, as it would have on the source.
        let recorded = Dictionary(manifest.migrations.map { ($0.id, $0.checksum) }, uniquingKeysWith: { first, _ in first })
        let applied = Schema.migrations.filter { recorded[$0.id] != nil }
        if let unknown = recorded.keys.sorted().first(where: { id in !applied.contains { $0.id == id } }) {
            throw PortableExportError.otherSchema(file.path, reason: "its migration \(unknown) is unknown to this c4c")
        }
        for migration in applied {
            guard let checksum = recorded[migration.id], checksum.isEmpty || checksum == migration.checksum(for: engine) else {
                throw PortableExportError.otherSchema(file.path, reason: "its migration \(migration.id) is not this c4c's")
            }
        }
        return (manifest, applied)
    }

    static func open(_ file: URL) throws -> Archive {
        do {
            return try Archive(url: file, accessMode: .read)
        } catch {
            throw PortableExportError.damaged(file.path, "the zip cannot be opened (\(error))")
        }
    }

    /// An entry's bytes, checked against its CRC.
    static func read(_ entry: Entry, of archive: Archive, file: URL) throws -> Data {
        var data = Data()
        try extract(entry, of: archive, file: file) { data.append($0) }
        return data
    }

    /// ZIPFoundation computes an entry's CRC as it reads but leaves the comparison to its caller.
    static func extract(_ entry: Entry, of archive: Archive, file: URL, into consumer: (Data) throws -> Void) throws {
        let checksum: CRC32
        do {
            checksum = try archive.extract(entry, bufferSize: PortableExport.entryBufferSize, consumer: consumer)
        } catch {
            throw PortableExportError.damaged(file.path, "\(entry.path) cannot be read (\(error))")
        }
        guard checksum == entry.checksum else { throw PortableExportError.damaged(file.path, "\(entry.path) fails its checksum") }
    }

    // MARK: - Targets

    private static func restoreSQLite(_ plan: Plan, to target: URL, replace: Bool, logger: Logger) async throws -> [String: Int] {
        let size = (try? FileManager.default.attributesOfItem(atPath: target.path)[.size] as? NSNumber)?.int64Value
        if let size, size > 0, !replace {
            let existing = try await SQLiteEngine.open(path: target.path, readerCount: 1, logger: logger)
            let tables = await attempt { try await existing.read { try await SchemaInspection.tables($0, .sqlite) } }
            try await existing.close()
            guard try tables.get().isEmpty else {
                throw PortableExportError.targetHoldsASite(target.path, hint: "restore into an empty database, or pass --replace to overwrite it")
            }
        }
        let directory = target.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let incoming = directory.appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).restoring")
        do {
            let database = try await SQLiteEngine.open(path: incoming.path, readerCount: 1, logger: logger)
            let loaded = await attempt { try await database.write { sql in try await load(plan, into: sql, .sqlite) } }
            try await database.close()
            let rows = try loaded.get()
            // The old database's log must not be replayed onto the new file.
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: target.path + suffix) }
            guard rename(incoming.path, target.path) == 0 else {
                throw BackupError.cannotReplace(target.path, String(cString: strerror(errno)))
            }
            return rows
        } catch {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: incoming.path + suffix) }
            throw error
        }
    }

    /// With `replace`, the old tables are dropped in the same transaction that creates the new ones.
    private static func restorePostgres(_ plan: Plan, to url: URL, replace: Bool, logger: Logger) async throws -> [String: Int] {
        let database = try await PostgresEngine.open(url: url, maximumConnections: 1, logger: logger)
        let loaded = await attempt { () async throws -> [String: Int] in
            let tables = try await database.read { try await SchemaInspection.tables($0, .postgres) }
            guard tables.isEmpty || replace else {
                throw PortableExportError.targetHoldsASite(DatabaseLocation.postgres(url: url).description,
                                                           hint: "restore into an empty database (createdb), or pass --replace to drop its tables")
            }
            return try await database.write { sql in
                for table in try await SchemaInspection.tables(sql, .postgres) {
                    try await sql.raw("DROP TABLE IF EXISTS \(unsafeRaw: PortableSchema.quoted(table)) CASCADE").run()
                }
                return try await load(plan, into: sql, .postgres)
            }
        }
        try await database.close()
        return try loaded.get()
    }

    // MARK: - Loading

    private static func load(_ plan: Plan, into sql: any SQLDatabase, _ engine: Engine) async throws -> [String: Int] {
        let file = plan.file
        // As `Migrator` creates it.
        try await sql.raw("CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at BIGINT NOT NULL, checksum TEXT)").run()
        for migration in plan.migrations {
            for statement in migration.sql(for: engine) { try await sql.raw(SQLQueryString(statement)).run() }
            try await migration.afterwards?(sql)
        }
        let foreignKeys = try await ForeignKeys.defer(sql, engine)

        let tables = try await PortableSchema.tables(sql, engine)
        let expected = plan.manifest.tables.map { PortableSchema.Table(name: $0.name, columns: $0.columns, primaryKey: $0.primaryKey) }
        for table in tables where !expected.contains(where: { $0.name == table.name }) {
            throw PortableExportError.otherSchema(file.path, reason: "it has no rows for the table \(table.name)")
        }
        for table in expected {
            guard let here = tables.first(where: { $0.name == table.name }) else {
                throw PortableExportError.otherSchema(file.path, reason: "it has a table \(table.name) this schema does not")
            }
            guard Set(here.columns.map(\.name)) == Set(table.columns.map(\.name)) else {
                throw PortableExportError.otherSchema(file.path, reason: "the columns of \(table.name) differ")
            }
        }
        // What the migrations themselves inserted is in the export too, as it was when exported.
        for table in tables { try await sql.raw("DELETE FROM \(unsafeRaw: PortableSchema.quoted(table.name))").run() }

        let staging = FileManager.default.temporaryDirectory.appendingPathComponent("c4c-restore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: staging) }
        let archive = try open(file)
        var rows: [String: Int] = [:]
        for table in plan.manifest.tables {
            let count = try await loadTable(table, from: archive, into: sql, engine, plan: plan, staging: staging)
            guard count == table.rows else {
                throw PortableExportError.damaged(file.path, "\(table.entry) holds \(count) rows, its manifest says \(table.rows)")
            }
            rows[table.name] = count
        }
        try await Counters.restore(plan.manifest.counters, sql, engine)
        do {
            try await foreignKeys.check()
        } catch {
            throw PortableExportError.damaged(file.path, "rows refer to rows it does not hold (\(String(reflecting: error)))")
        }
        return rows
    }

    private static func loadTable(_ table: PortableManifest.TableFile, from archive: Archive, into sql: any SQLDatabase, _ engine: Engine,
                                  plan: Plan, staging: URL) async throws -> Int {
        let file = plan.file
        guard let entry = archive[table.entry] else { throw PortableExportError.damaged(file.path, "\(table.entry) is missing") }
        let staged = staging.appendingPathComponent("\(table.name).jsonl")
        guard FileManager.default.createFile(atPath: staged.path, contents: nil), let output = FileHandle(forWritingAtPath: staged.path) else {
            throw PortableExportError.cannotWrite(staged.path, "cannot create a staging file")
        }
        defer { try? FileManager.default.removeItem(at: staged) }
        do {
            defer { try? output.close() }
            try extract(entry, of: archive, file: file) { try output.write(contentsOf: $0) }
        }
        // The checksum a migration carries is the engine's own; the target's replaces the source's.
        let checksums = table.name == "schema_migrations"
            ? Dictionary(uniqueKeysWithValues: plan.migrations.map { ($0.id, $0.checksum(for: engine)) }) : [:]
        let hasBlobs = table.columns.contains { $0.kind == .blob }
        let batch = hasBlobs ? 1 : max(1, min(rowsPerStatement, 10_000 / max(1, table.columns.count)))
        var pending: [[any SQLExpression]] = []
        var count = 0
        func flush() async throws {
            guard !pending.isEmpty else { return }
            var insert = sql.insert(into: table.name).columns(table.columns.map(\.name))
            for row in pending { insert = insert.values(row) }
            try await insert.run()
            pending.removeAll(keepingCapacity: true)
        }
        for try await line in JSONLines(staged) {
            count += 1
            let cells: [String: PortableJSONLine.Cell]
            do {
                cells = try PortableJSONLine.decode(line)
            } catch {
                throw PortableExportError.damaged(file.path, "line \(count) of \(table.entry) is not a JSON object")
            }
            var values: [any SQLExpression] = []
            for column in table.columns {
                guard let cell = cells[column.name] else {
                    throw PortableExportError.damaged(file.path, "line \(count) of \(table.entry) has no \(column.name)")
                }
                var value = try Self.value(cell, column, archive: archive, file: file, where: "line \(count) of \(table.entry)")
                if column.name == "checksum", case .text(let id)? = cells["id"], let ours = checksums[id] { value = .text(ours) }
                values.append(value.expression)
            }
            pending.append(values)
            if pending.count >= batch { try await flush() }
        }
        try await flush()
        return count
    }

    static func value(_ cell: PortableJSONLine.Cell, _ column: PortableSchema.Column, archive: Archive, file: URL, where place: String) throws -> PortableValue {
        switch (cell, column.kind) {
        case (.null, _): return .null
        case (.integer(let number), .integer): return .integer(number)
        case (.boolean(let flag), .boolean): return .boolean(flag)
        case (.text(let text), .text): return .text(text)
        case (.real(let number), .real): return .real(number)
        case (.integer(let number), .real): return .real(Double(number))
        case (.blob(let name), .blob):
            guard let entry = archive[name] else { throw PortableExportError.damaged(file.path, "\(name), named on \(place), is missing") }
            return .blob(try read(entry, of: archive, file: file))
        default:
            throw PortableExportError.damaged(file.path, "\(column.name) on \(place) is not a value of kind \(column.kind.rawValue)")
        }
    }
}

/// The lines of a staged JSON Lines file, read a chunk at a time.
struct JSONLines: AsyncSequence {
    typealias Element = Data
    let url: URL

    init(_ url: URL) { self.url = url }

    struct AsyncIterator: AsyncIteratorProtocol {
        let handle: FileHandle?
        var buffer = Data()
        var finished = false

        mutating func next() async throws -> Data? {
            while true {
                if let newline = buffer.firstIndex(of: 0x0A) {
                    let line = buffer[buffer.startIndex..<newline]
                    buffer = Data(buffer[(newline + 1)...])
                    if line.isEmpty { continue }
                    return Data(line)
                }
                if finished {
                    guard !buffer.isEmpty else { return nil }
                    defer { buffer = Data() }
                    return buffer
                }
                let chunk = try handle?.read(upToCount: 256 * 1024) ?? Data()
                if chunk.isEmpty {
                    finished = true
                    try? handle?.close()
                } else {
                    buffer.append(chunk)
                }
            }
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(handle: FileHandle(forReadingAtPath: url.path)) }
}

/// Foreign keys put off until every table is in, then checked.
struct ForeignKeys {
    let check: () async throws -> Void

    static func `defer`(_ sql: any SQLDatabase, _ engine: Engine) async throws -> ForeignKeys {
        switch engine {
        case .sqlite:
            try await sql.raw("PRAGMA defer_foreign_keys = ON").run()
            return ForeignKeys {
                if let violation = try await sql.raw("PRAGMA foreign_key_check").first() {
                    throw ForeignKeyViolation(table: (try? violation.decode(column: "table", as: String.self)) ?? "?")
                }
            }
        case .postgres:
            // PostgreSQL's constraints are created NOT DEFERRABLE; they are made deferrable for
            // this transaction only and put back as they were before it commits.
            let constraints = try await sql.raw("""
                SELECT conrelid::regclass::text AS owner, conname::text AS name FROM pg_constraint
                WHERE contype = 'f' AND connamespace = current_schema()::regnamespace AND NOT condeferrable
                """).all().map { (owner: try $0.decode(column: "owner", as: String.self), name: try $0.decode(column: "name", as: String.self)) }
            for constraint in constraints {
                try await sql.raw("ALTER TABLE \(unsafeRaw: constraint.owner) ALTER CONSTRAINT \(unsafeRaw: PortableSchema.quoted(constraint.name)) DEFERRABLE INITIALLY DEFERRED").run()
            }
            return ForeignKeys {
                try await sql.raw("SET CONSTRAINTS ALL IMMEDIATE").run()
                for constraint in constraints {
                    try await sql.raw("ALTER TABLE \(unsafeRaw: constraint.owner) ALTER CONSTRAINT \(unsafeRaw: PortableSchema.quoted(constraint.name)) NOT DEFERRABLE INITIALLY IMMEDIATE").run()
                }
            }
        }
    }
}

struct ForeignKeyViolation: Error, CustomStringConvertible {
    let table: String
    var description: String { "a row of \(table) refers to a missing row" }
}

/// Id counters after rows were inserted with their ids: at least the highest id present, and at
/// least what the source had handed out.
enum Counters {
    static func restore(_ exported: [PortableManifest.Counter], _ sql: any SQLDatabase, _ engine: Engine) async throws {
        let handedOut = Dictionary(exported.map { ($0.table, $0.value) }, uniquingKeysWith: max)
        switch engine {
        case .sqlite:
            let tables = try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%AUTOINCREMENT%'").all()
                .map { try $0.decode(column: "name", as: String.self) }
            for table in tables {
                let highest = try await sql.raw("SELECT COALESCE(MAX(rowid), 0) AS value FROM \(unsafeRaw: PortableSchema.quoted(table))")
                    .first()?.decode(column: "value", as: Int64.self) ?? 0
                let value = max(highest, handedOut[table] ?? 0)
                try await sql.raw("DELETE FROM sqlite_sequence WHERE name = \(bind: table)").run()
                if value > 0 { try await sql.raw("INSERT INTO sqlite_sequence (name, seq) VALUES (\(bind: table), \(bind: value))").run() }
            }
        case .postgres:
            for (table, sequence, column) in try await PostgresSequences.identities(sql) {
                let highest = try await sql.raw("SELECT COALESCE(MAX(\(unsafeRaw: PortableSchema.quoted(column))), 0) AS value FROM \(unsafeRaw: PortableSchema.quoted(table))")
                    .first()?.decode(column: "value", as: Int64.self) ?? 0
                let value = max(highest, handedOut[table] ?? 0)
                if value > 0 {
                    try await sql.raw("SELECT setval(CAST(\(bind: sequence) AS regclass), \(bind: value), true)").run()
                } else {
                    try await sql.raw("SELECT setval(CAST(\(bind: sequence) AS regclass), 1, false)").run()
                }
            }
        }
    }
}

/// The outcome of `body`, kept so that a connection can be closed before an error is thrown.
private func attempt<T>(_ body: () async throws -> T) async -> Result<T, any Error> {
    do { return .success(try await body()) } catch { return .failure(error) }
}
