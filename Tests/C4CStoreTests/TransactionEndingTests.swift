import C4CStore
import C4CTestSupport
import Foundation
import SQLKit
import Testing

/// Every transaction the engines begin ends, whatever happens to the task that began it, and a
/// snapshot read has its connection to itself. A cancelled write once left SQLite's one writer
/// inside its transaction ("cannot start a transaction within a transaction" on every later write),
/// and an export's snapshot on a shared reader held other reads at its instant.
@Suite struct TransactionEndingTests {
    @Test(arguments: TestDatabases.engines)
    func aWriteCancelledMidwayIsAllOrNothingAndTheNextWriteSucceeds(engine: Engine) async throws {
        try await TestDatabases.with(engine) { database in
            let cancelled = Task {
                try await database.write { sql in
                    try await Self.insert(sql, "cancelled-a")
                    withUnsafeCurrentTask { $0?.cancel() }
                    try await Self.insert(sql, "cancelled-b")
                }
            }
            _ = await cancelled.result
            try await database.write { sql in try await Self.insert(sql, "after") }
            let names = try await database.read { try await Self.names($0) }
            #expect(names.contains("after"))
            #expect(names.filter { $0.hasPrefix("cancelled") }.count != 1, "the cancelled write is stored whole or not at all")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aWriteCancelledAfterItsWorkIsStoredAndTheNextWriteSucceeds(engine: Engine) async throws {
        try await TestDatabases.with(engine) { database in
            let cancelled = Task {
                try await database.write { sql in
                    try await Self.insert(sql, "finished")
                    withUnsafeCurrentTask { $0?.cancel() }
                }
            }
            let outcome = await cancelled.result
            try await database.write { sql in try await Self.insert(sql, "after") }
            let names = try await database.read { try await Self.names($0) }
            #expect(names.contains("after"))
            if case .success = outcome { #expect(names.contains("finished"), "a write that returned is stored") }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aSnapshotKeepsItsInstantWhileOtherReadsAndSnapshotsSeeLaterWrites(engine: Engine) async throws {
        try await TestDatabases.with(engine) { database in
            try await database.write { try await Self.insert($0, "before") }
            try await database.readSnapshot { snapshot in
                #expect(try await Self.names(snapshot).count == 1)
                try await database.write { try await Self.insert($0, "during") }
                // More reads than SQLite has readers: had the snapshot begun on a reader, one of them would land there.
                for _ in 0..<8 {
                    #expect(try await database.read { try await Self.names($0) }.count == 2, "a plain read is not held at the snapshot's instant")
                }
                #expect(try await database.readSnapshot { try await Self.names($0) }.count == 2, "a second snapshot begins beside the first")
                #expect(try await Self.names(snapshot).count == 1, "the snapshot still reads as of its first query")
            }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aCancelledSnapshotLeavesTheDatabaseReadableAndWritable(engine: Engine) async throws {
        try await TestDatabases.with(engine) { database in
            let cancelled = Task {
                try await database.readSnapshot { sql in
                    _ = try await Self.names(sql)
                    withUnsafeCurrentTask { $0?.cancel() }
                    return try await Self.names(sql)
                }
            }
            _ = await cancelled.result
            try await database.write { try await Self.insert($0, "after") }
            #expect(try await database.readSnapshot { try await Self.names($0) } == ["after"])
        }
    }

    static func insert(_ sql: any SQLDatabase, _ name: String) async throws {
        try await sql.raw("""
            INSERT INTO contact_messages (name, email, message, created_at) VALUES (\(bind: name), 'ending@example.org', 'x', 0)
            """).run()
    }

    static func names(_ sql: any SQLDatabase) async throws -> [String] {
        try await sql.raw("SELECT name FROM contact_messages WHERE email = 'ending@example.org' ORDER BY name").all()
            .map { try $0.decode(column: "name", as: String.self) }
    }
}
