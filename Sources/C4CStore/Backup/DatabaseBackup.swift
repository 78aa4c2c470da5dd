import Foundation
import Logging
import SQLKit

/// A consistent copy of the whole site, taken while it serves, and its way back. Files live in
/// the database, so the copy holds them too. SQLite: `VACUUM INTO` on a reader, one read
/// transaction, so the copy is the database as of one instant while writers carry on.
/// PostgreSQL: `pg_dump --format=custom`, which reads in one repeatable-read snapshot.
/// A copy is written under a temporary name and renamed once complete, so a file under a
/// backup's name is always whole.
public enum DatabaseBackup {
    public struct Written: Sendable {
        public let file: URL
        public let byteSize: Int64
    }

    /// Writes `c4c-YYYYMMDD-HHMMSS.sqlite` (or `.pgdump`) into `directory`, named for `now` in UTC.
    public static func take(of database: any Database, at location: DatabaseLocation, into directory: URL,
                            now: Date = Date()) async throws -> Written {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw BackupError.cannotCreate(directory.path)
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let name = "c4c-\(formatter.string(from: now)).\(database.engine == .sqlite ? "sqlite" : "pgdump")"
        let final = directory.appendingPathComponent(name)
        guard !FileManager.default.fileExists(atPath: final.path) else { throw BackupError.exists(final.path) }
        let partial = directory.appendingPathComponent(".\(name).\(UUID().uuidString).partial")
        do {
            switch location {
            case .sqlite:
                try await database.read { sql in try await sql.raw("VACUUM INTO \(bind: partial.path)").run() }
            case .postgres(let url):
                let tool = try await PostgresTools.find("pg_dump", serverMajorVersion: try await serverMajorVersion(database))
                let (dbname, environment) = PostgresTools.connection(url)
                let result = try await ExternalTool.run(tool.url, ["--format=custom", "--no-owner", "--no-privileges",
                                                                    "--file=\(partial.path)", "--dbname=\(dbname)"],
                                                         environment: environment)
                guard result.status == 0 else { throw BackupError.toolFailed("pg_dump", result.errors) }
            }
            try synchronize(partial)
            guard !FileManager.default.fileExists(atPath: final.path) else { throw BackupError.exists(final.path) }
            try FileManager.default.moveItem(at: partial, to: final)
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
        let size = (try FileManager.default.attributesOfItem(atPath: final.path)[.size] as? NSNumber)?.int64Value ?? 0
        return Written(file: final, byteSize: size)
    }

    /// Puts a backup back into the database `location` names. SQLite: the file is checked, then
    /// takes the database's place; a database that already holds tables is replaced only when
    /// `replace` is set. PostgreSQL: pg_restore in one transaction into a database without tables.
    /// The site must not be running on that database meanwhile.
    public static func restore(_ backup: URL, into location: DatabaseLocation, replace: Bool, logger: Logger) async throws {
        let kind = try Kind(of: backup)
        switch location {
        case .sqlite(let path):
            guard kind == .sqlite else { throw BackupError.wrongKind(backup.path, backup: kind.rawValue, target: "SQLite") }
            try await restoreSQLite(backup, to: URL(fileURLWithPath: path), replace: replace, logger: logger)
        case .postgres(let url):
            guard kind == .postgres else { throw BackupError.wrongKind(backup.path, backup: kind.rawValue, target: "PostgreSQL") }
            guard !replace else { throw BackupError.noReplaceOnPostgres }
            try await restorePostgres(backup, to: url, logger: logger)
        }
    }

    enum Kind: String {
        case sqlite = "SQLite", postgres = "PostgreSQL"

        init(of file: URL) throws {
            guard let handle = FileHandle(forReadingAtPath: file.path) else { throw BackupError.unreadable(file.path) }
            defer { try? handle.close() }
            let header = (try? handle.read(upToCount: 16)) ?? Data()
            if header == Data("SQLite format 3\0".utf8) {
                self = .sqlite
            } else if header.starts(with: Data("PGDMP".utf8)) {
                self = .postgres
            } else {
                throw BackupError.notABackup(file.path)
            }
        }
    }

    private static func restoreSQLite(_ backup: URL, to target: URL, replace: Bool, logger: Logger) async throws {
        let size = (try? FileManager.default.attributesOfItem(atPath: target.path)[.size] as? NSNumber)?.int64Value
        if let size, size > 0, !replace {
            let existing = try await SQLiteEngine.open(path: target.path, readerCount: 1, logger: logger)
            let tables = await attempt { try await existing.read { try await SchemaInspection.tables($0, .sqlite) } }
            try await existing.close()
            guard try tables.get().isEmpty else { throw BackupError.targetHoldsASite(target.path, hint: "restore into an empty database, or pass --replace to overwrite it") }
        }
        let directory = target.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let incoming = directory.appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).restoring")
        do {
            try FileManager.default.copyItem(at: backup, to: incoming)
            let copy = try await SQLiteEngine.open(path: incoming.path, readerCount: 1, logger: logger)
            let check = await attempt { try await copy.read { sql in
                let verdict = try await sql.raw("PRAGMA integrity_check").first()?.decode(column: "integrity_check", as: String.self)
                let tables = try await SchemaInspection.tables(sql, .sqlite)
                return (verdict ?? "no answer", tables.contains("schema_migrations"))
            } }
            try await copy.close()
            let (verdict, isSite) = try check.get()
            guard verdict == "ok" else { throw BackupError.damaged(backup.path, verdict) }
            guard isSite else { throw BackupError.notABackup(backup.path) }
            try synchronize(incoming)
            // The old database's log must not be replayed onto the new file.
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: target.path + suffix) }
            guard rename(incoming.path, target.path) == 0 else { throw BackupError.cannotReplace(target.path, String(cString: strerror(errno))) }
        } catch {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: incoming.path + suffix) }
            throw error
        }
    }

    private static func restorePostgres(_ backup: URL, to url: URL, logger: Logger) async throws {
        let database = try await PostgresEngine.open(url: url, maximumConnections: 1, logger: logger)
        let found = await attempt { () async throws -> (tables: [String], major: Int) in
            let tables = try await database.read { try await SchemaInspection.tables($0, .postgres) }
            return (tables, try await serverMajorVersion(database))
        }
        try await database.close()
        let (tables, major) = try found.get()
        guard tables.isEmpty else {
            throw BackupError.targetHoldsASite(DatabaseLocation.postgres(url: url).description, hint: "restore into an empty database: create one (createdb) and point DATABASE_URL at it")
        }
        let tool = try await PostgresTools.find("pg_restore", serverMajorVersion: major)
        let (dbname, environment) = PostgresTools.connection(url)
        let result = try await ExternalTool.run(tool.url, ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error",
                                                            "--dbname=\(dbname)", backup.path], environment: environment)
        guard result.status == 0 else { throw BackupError.toolFailed("pg_restore", result.errors) }
    }

    static func serverMajorVersion(_ database: any Database) async throws -> Int {
        let number = try await database.read { sql in
            try await sql.raw("SHOW server_version_num").first()?.decode(column: "server_version_num", as: String.self)
        }
        guard let number, let value = Int(number) else { throw BackupError.toolFailed("SHOW server_version_num", number ?? "") }
        return value / 10_000
    }

    /// Flushes a file to the disk before it takes its final name: `VACUUM INTO` does not.
    private static func synchronize(_ file: URL) throws {
        let handle = try FileHandle(forUpdating: file)
        defer { try? handle.close() }
        try handle.synchronize()
    }
}

/// The outcome of `body`, kept so that a connection can be closed before an error is thrown.
private func attempt<T>(_ body: () async throws -> T) async -> Result<T, any Error> {
    do { return .success(try await body()) } catch { return .failure(error) }
}

public enum BackupError: Error, CustomStringConvertible {
    case exists(String), unreadable(String), notABackup(String), damaged(String, String)
    case wrongKind(String, backup: String, target: String), noReplaceOnPostgres, targetHoldsASite(String, hint: String), noDatabase(String), cannotReplace(String, String), cannotCreate(String)
    case toolMissing(String), toolTooOld(String, String, tool: Int, server: Int), toolFailed(String, String)

    public var description: String {
        switch self {
        case .exists(let path): "\(path) already exists; nothing was written"
        case .unreadable(let path): "cannot read \(path)"
        case .notABackup(let path): "\(path) is not a backup of this site (neither a SQLite database with its migrations nor a pg_dump custom archive)"
        case .damaged(let path, let verdict): "\(path) is damaged; SQLite's integrity check says: \(verdict)"
        case .wrongKind(let path, let backup, let target): "\(path) is a \(backup) backup, but DATABASE_URL names a \(target) database"
        case .noReplaceOnPostgres: "--replace is for SQLite; for PostgreSQL create an empty database (createdb) and point DATABASE_URL at it"
        case .targetHoldsASite(let target, let hint): "\(target) already holds tables; \(hint)"
        case .noDatabase(let path): "there is no database at \(path)"
        case .cannotCreate(let path): "cannot create the directory \(path)"
        case .cannotReplace(let path, let reason): "cannot put the restored database in place at \(path): \(reason)"
        case .toolMissing(let name): "\(name) was not found on PATH or in /usr/lib/postgresql/*/bin; install the PostgreSQL client (postgresql-client)"
        case .toolTooOld(let name, let path, let tool, let server):
            "\(name) \(tool) (\(path)) is older than the server (PostgreSQL \(server)); install postgresql-client-\(server) or newer"
        case .toolFailed(let name, let errors): "\(name) failed: \(errors.trimmingCharacters(in: .whitespacesAndNewlines))"
        }
    }
}
