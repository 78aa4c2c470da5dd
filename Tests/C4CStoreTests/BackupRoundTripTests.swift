import C4CStore
import C4CTestSupport
import Foundation
import SQLKit
import Synchronization
import Testing

/// `c4c backup` and `c4c restore` through the library they call: a backup taken while a task keeps
/// writing restores into a fresh database with every table as it was at one instant.
@Suite struct BackupRoundTripTests {
    static let fileBytes = Data((0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })

    @Test(arguments: TestDatabases.engines)
    func aBackupTakenWhileWritingRestoresEveryTableAsOfOneInstant(engine: Engine) async throws {
        try await TestDatabases.with(engine, seeded: true) { database in
            let source = try await Self.location(of: database)
            try await Self.seedOneOfEach(database)
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("c4c-backup-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }

            let stop = StopFlag()
            let writer = Task { try await Self.writePairsOfMessages(database, until: stop) }
            try await Self.waitForPairs(database, atLeast: 5)
            let pairsBefore = try await Self.writerRows(database).count / 2
            let written = try await DatabaseBackup.take(of: database, at: source, into: directory)
            let pairsAfter = try await Self.writerRows(database).count / 2
            try await Self.waitForPairs(database, atLeast: pairsAfter + 5)
            stop.value.store(true, ordering: .relaxed)
            try await writer.value

            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == [written.file.lastPathComponent],
                    "only the finished backup is left in the directory, under its final name")
            #expect(written.byteSize > Int64(Self.fileBytes.count))

            try await Self.withFreshTarget(engine) { target in
                try await DatabaseBackup.restore(written.file, into: target, replace: false, logger: TestDatabases.logger)
                let restored = try await target.open(logger: TestDatabases.logger)
                do {
                    try await Self.expectSameContent(restored, as: database, pairsBefore: pairsBefore, pairsAfter: pairsAfter)
                    _ = try await restored.write { sql in
                        try await Inserter(sql).insert("contact_messages", ["name": "After", "email": "after@example.org", "message": "New",
                                                                            "created_at": Int64(0)])
                    }
                } catch {
                    try? await restored.close()
                    throw error
                }
                try await restored.close()
            }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func restoreRefusesADatabaseThatHoldsASite(engine: Engine) async throws {
        try await TestDatabases.with(engine, seeded: true) { database in
            let location = try await Self.location(of: database)
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("c4c-backup-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            let written = try await DatabaseBackup.take(of: database, at: location, into: directory)
            let before = try await DatabaseFingerprint.of(database)
            await #expect { try await DatabaseBackup.restore(written.file, into: location, replace: false, logger: TestDatabases.logger) } throws: { error in
                guard case BackupError.targetHoldsASite = error else { return false }
                return true
            }
            #expect(try await DatabaseFingerprint.of(database) == before)
        }
    }

    @Test func aFileThatIsNotABackupIsRefusedAndTheDatabaseLeftAlone() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("c4c-restore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let notABackup = directory.appendingPathComponent("notes.sqlite")
        try Data("just some text, not a database".utf8).write(to: notABackup)
        let target = directory.appendingPathComponent("site.sqlite")
        await #expect { try await DatabaseBackup.restore(notABackup, into: .sqlite(path: target.path), replace: true, logger: TestDatabases.logger) } throws: { error in
            guard case BackupError.notABackup = error else { return false }
            return true
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["notes.sqlite"])
    }

    // MARK: - Seeding and writing

    static func seedOneOfEach(_ database: any Database) async throws {
        try await database.write { sql in
            let insert = Inserter(sql)
            try await insert.insert("users", ["email": "backup.editor@example.org", "name": "Backup Editor", "password_hash": "not-a-real-hash",
                                              "role": "editor", "created_at": Int64(1), "updated_at": Int64(1)])
            try await insert.insert("subscribers", ["email": "reader@example.org", "name": "Réa Der", "status": "confirmed",
                                                    "created_at": Int64(2), "updated_at": Int64(2)])
            let file = try await insert.storeFile(name: "report.pdf", contentType: "application/pdf", data: fileBytes,
                                                  now: Date(timeIntervalSince1970: 3))
            let contribution = try await insert.insert("contributions", [
                "reference": "C-BACKUP-1", "status_token": "backup-token", "kind": "research", "title": "A study kept by the backup",
                "name": "Contributor", "email": "contributor@example.org", "consent_to_publish": true, "privacy_accepted": true,
                "created_at": Int64(3), "updated_at": Int64(3),
            ])
            try await insert.link("contribution_files", ["contribution_id": contribution, "file_id": file])
            try await insert.link("redirects", ["from_path": "/old/backup-page/", "to_path": "/en/about", "status_code": 301])
        }
    }

    /// Two messages a transaction, so a restored database that holds one without the other would
    /// show a half-written transaction.
    static func writePairsOfMessages(_ database: any Database, until stop: StopFlag) async throws {
        var pair = 0
        while !stop.value.load(ordering: .relaxed) {
            try await database.write { [pair] sql in
                for half in ["a", "b"] {
                    try await Inserter(sql).insert("contact_messages", ["name": "writer-\(pair)-\(half)", "email": "writer@example.org",
                                                                        "message": String(repeating: "x", count: 2_000), "created_at": Int64(pair)])
                }
            }
            pair += 1
        }
    }

    static func writerRows(_ database: any Database) async throws -> [String] {
        try await database.read { sql in
            try await sql.raw("SELECT name FROM contact_messages WHERE email = 'writer@example.org'").all()
                .map { try $0.decode(column: "name", as: String.self) }
        }
    }

    static func waitForPairs(_ database: any Database, atLeast pairs: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while try await writerRows(database).count / 2 < pairs {
            guard ContinuousClock.now < deadline else { throw WaitError.writerStalled(pairs) }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    // MARK: - Comparing

    static func expectSameContent(_ restored: any Database, as source: any Database, pairsBefore: Int, pairsAfter: Int) async throws {
        let sourceTables = try await source.read { try await SchemaInspection.tables($0, source.engine) }
        let restoredTables = try await restored.read { try await SchemaInspection.tables($0, restored.engine) }
        #expect(restoredTables == sourceTables)
        for table in sourceTables where table != "contact_messages" {
            let expected = try await rows(of: table, in: source)
            let actual = try await rows(of: table, in: restored)
            #expect(actual.count == expected.count, "\(table): row count")
            #expect(actual == expected, "\(table): content")
        }

        let sourceMessages = Set(try await rows(of: "contact_messages", in: source))
        let restoredMessages = try await rows(of: "contact_messages", in: restored)
        #expect(restoredMessages.allSatisfy(sourceMessages.contains), "every restored message is one the site wrote, unchanged")
        let names = Set(try await writerRows(restored))
        let pairs = Set(names.map { $0.dropLast(2) })
        #expect(names.count == pairs.count * 2, "no transaction is half in the backup")
        #expect(pairs.count >= pairsBefore && pairs.count <= pairsAfter,
                "the backup holds what was written before it began, nothing written after it ended")
        #expect(pairs == Set((0..<pairs.count).map { "writer-\($0)" }), "the backup holds a prefix of the writes")

        let seeded = try await restored.read { sql in
            try await sql.raw("""
                SELECT u.name AS user_name, s.status AS subscriber_status, c.title AS title, f.data AS data, r.to_path AS to_path
                FROM users u, subscribers s, contributions c
                JOIN contribution_files cf ON cf.contribution_id = c.id JOIN files f ON f.id = cf.file_id, redirects r
                WHERE u.email = 'backup.editor@example.org' AND s.email = 'reader@example.org'
                  AND c.reference = 'C-BACKUP-1' AND r.from_path = '/old/backup-page/'
                """).first()
        }
        let row = try #require(seeded, "the seeded user, subscriber, contribution with its file and redirect are all restored")
        #expect(try row.decode(column: "user_name", as: String.self) == "Backup Editor")
        #expect(try row.decode(column: "subscriber_status", as: String.self) == "confirmed")
        #expect(try row.decode(column: "title", as: String.self) == "A study kept by the backup")
        #expect(try row.decode(column: "to_path", as: String.self) == "/en/about")
        #expect(try row.decode(column: "data", as: Data.self) == fileBytes, "the file's bytes")
    }

    /// Every row of a table as text, sorted: SQLite quotes each column (blobs in hex), PostgreSQL
    /// writes the row as a composite.
    static func rows(of table: String, in database: any Database) async throws -> [String] {
        let engine = database.engine
        return try await database.read { sql in
            let query: String
            switch engine {
            case .sqlite:
                let columns = try await SchemaInspection.columns(of: table, sql, engine).sorted()
                query = "SELECT \(columns.map { "quote(\"\($0)\")" }.joined(separator: " || '|' || ")) AS r FROM \"\(table)\""
            case .postgres:
                query = "SELECT CAST(t AS TEXT) AS r FROM \"\(table)\" t"
            }
            return try await sql.raw(SQLQueryString(query)).all().map { try $0.decode(column: "r", as: String.self) }.sorted()
        }
    }

    // MARK: - Databases

    static func location(of database: any Database) async throws -> DatabaseLocation {
        switch database.engine {
        case .sqlite:
            let path = try await database.read { sql in
                try await sql.raw("SELECT file FROM pragma_database_list WHERE name = 'main'").first()?.decode(column: "file", as: String.self)
            }
            return .sqlite(path: try #require(path))
        case .postgres:
            let name = try await database.read { sql in
                try await sql.raw("SELECT current_database() AS name").first()?.decode(column: "name", as: String.self)
            }
            let found: String = try #require(name)
            return .postgres(url: try postgresURL(database: found))
        }
    }

    /// A database that does not exist yet (SQLite) or has no tables (PostgreSQL), removed afterwards.
    static func withFreshTarget(_ engine: Engine, _ body: (DatabaseLocation) async throws -> Void) async throws {
        switch engine {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("c4c-restored-\(UUID().uuidString).sqlite").path
            defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
            try await body(.sqlite(path: path))
        case .postgres:
            let name = "c4c_restored_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased())"
            try await onMaintenanceDatabase("CREATE DATABASE \(name)")
            do {
                try await body(.postgres(url: try postgresURL(database: name)))
            } catch {
                try? await onMaintenanceDatabase("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
                throw error
            }
            try await onMaintenanceDatabase("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        }
    }

    static func postgresURL(database: String? = nil) throws -> URL {
        let raw = try #require(ProcessInfo.processInfo.environment["C4C_TEST_POSTGRES_URL"])
        var components = try #require(URLComponents(string: raw))
        if let database { components.path = "/\(database)" }
        return try #require(components.url)
    }

    static func onMaintenanceDatabase(_ statement: String) async throws {
        let url = try postgresURL()
        let admin = try await PostgresEngine.open(url: url, maximumConnections: 1, leaseTimeout: TestDatabases.leaseTimeout, logger: TestDatabases.logger)
        do {
            try await admin.read { try await $0.raw(SQLQueryString(statement)).run() }
        } catch {
            try? await admin.close()
            throw error
        }
        try await admin.close()
    }
}

final class StopFlag: Sendable {
    let value = Atomic<Bool>(false)
}

enum WaitError: Error {
    case writerStalled(Int)
}
