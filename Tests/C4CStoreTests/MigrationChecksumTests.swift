import C4CCore
import C4CStore
import C4CTestSupport
import Foundation
import SQLKit
import Testing

/// A released migration is never edited: the runner records each one's checksum and refuses to
/// start when the code no longer matches what a database applied.
@Suite struct MigrationChecksumTests {
    static func recorded(_ database: any Database) async throws -> [String: String?] {
        try await database.read { sql in
            var checksums: [String: String?] = [:]
            for row in try await sql.raw("SELECT id, checksum FROM schema_migrations").all() {
                checksums[try row.decode(column: "id", as: String.self)] = try row.decode(column: "checksum", as: String?.self)
            }
            return checksums
        }
    }

    static func expected(_ engine: Engine) -> [String: String?] {
        Dictionary(uniqueKeysWithValues: Schema.migrations.map { ($0.id, Optional($0.checksum(for: engine))) })
    }

    @Test(arguments: TestDatabases.engines)
    func everyAppliedMigrationRecordsTheChecksumOfItsStatements(engine: Engine) async throws {
        try await TestDatabases.withBlank(engine) { database async throws in
            try await Migrator(database: database).migrate()
            #expect(try await Self.recorded(database) == Self.expected(engine))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aMigrationEditedAfterItWasAppliedStopsTheStartNamingIt(engine: Engine) async throws {
        try await TestDatabases.with(engine) { database async throws in
            var edited = Schema.migrations
            let index = edited.firstIndex { $0.id == "2026-11-29-06-events" }!
            edited[index] = Migration(edited[index].id, edited[index].statements + ["CREATE INDEX events_by_title ON events (title)"])
            let error = await #expect(throws: MigrationError.self) {
                try await Migrator(database: database, migrations: edited).migrate()
            }
            #expect("\(error!)".contains("2026-11-29-06-events"))
            #expect(try await Migrator(database: database).migrate().isEmpty, "the unedited code still starts")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aTamperedChecksumIsRefusedToo(engine: Engine) async throws {
        try await TestDatabases.with(engine) { database async throws in
            let first = Schema.migrations[0].id
            try await database.write { sql in
                try await sql.raw("UPDATE schema_migrations SET checksum = 'abc' WHERE id = \(bind: first)").run()
            }
            await #expect(throws: MigrationError.changedAfterApplying(id: first, recorded: "abc",
                                                                     current: Schema.migrations[0].checksum(for: engine))) {
                try await Migrator(database: database).migrate()
            }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aDatabaseMigratedBeforeChecksumsGetsTheColumnAndTodaysChecksums(engine: Engine) async throws {
        try await TestDatabases.with(engine) { database async throws in
            try await database.write { sql in
                try await sql.raw("ALTER TABLE schema_migrations DROP COLUMN checksum").run()
            }
            let columns = try await database.read { try await SchemaInspection.columns(of: "schema_migrations", $0, engine) }
            #expect(columns == ["id", "applied_at"])
            #expect(try await Migrator(database: database).migrate().isEmpty)
            #expect(try await Self.recorded(database) == Self.expected(engine))
            #expect(try await Migrator(database: database).migrate().isEmpty, "a second start finds every checksum matching")
        }
    }

    @Test func checksumsDependOnTheStatementsAndTheEngine() {
        let migration = Migration("x", ["CREATE TABLE t (id {{ID}})"])
        #expect(migration.checksum(for: .sqlite) == Migration("x", ["CREATE TABLE t (id {{ID}})"]).checksum(for: .sqlite))
        #expect(migration.checksum(for: .sqlite) != Migration("x", ["CREATE TABLE t (id  {{ID}})"]).checksum(for: .sqlite))
        #expect(migration.checksum(for: .sqlite) != migration.checksum(for: .postgres))
        #expect(migration.checksum(for: .sqlite).count == 64)
    }
}
