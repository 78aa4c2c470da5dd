import C4CCore
import C4CStore
import Foundation
import Logging
import SQLKit

/// Databases for integration tests, on every engine the run asks for: SQLite always, PostgreSQL
/// when `C4C_TEST_POSTGRES_URL` names a server. `C4C_TEST_ENGINES=postgres` runs only PostgreSQL
/// (the test script uses it for its second pass). Each test gets its own database, copied from a
/// template migrated (and, if asked, seeded) once per run.
public enum TestDatabases {
    /// Notices and worse: one line per request (info) would bury what matters in the test log.
    public static let logger: Logger = {
        var logger = Logger(label: "c4c-test")
        logger.logLevel = .notice
        return logger
    }()

    /// How long a test's request waits for a PostgreSQL connection before its engine asks whether
    /// the server is gone. Far above the served default of 2 s: tests run many at once on two
    /// cores, where a connection can take seconds to come, and a test must not see an outage that
    /// is only a busy machine. Outages themselves are tested on a server of their own (Tests/outage).
    public static let leaseTimeout = Duration.seconds(30)

    /// The instant every seeded test database was seeded at, and the default "now" of test apps.
    public static let referenceNow = Date(timeIntervalSince1970: 1_795_694_400) // 2026-11-26T12:00:00Z

    public static var engines: [Engine] {
        let environment = ProcessInfo.processInfo.environment
        let requested = environment["C4C_TEST_ENGINES"]?.split(separator: ",").compactMap { Engine(rawValue: String($0)) }
        let available: [Engine] = environment["C4C_TEST_POSTGRES_URL"] == nil ? [.sqlite] : [.sqlite, .postgres]
        guard let requested, !requested.isEmpty else { return available }
        return available.filter(requested.contains)
    }

    /// A fresh database, migrated; seeded with the demo content at `referenceNow` when `seeded`.
    public static func make(_ engine: Engine, seeded: Bool = false) async throws -> TestDatabase {
        switch engine {
        case .sqlite:
            let template = try await (seeded ? sqliteSeeded : sqliteEmpty).value
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("c4c-test-\(UUID().uuidString).sqlite").path
            try FileManager.default.copyItem(atPath: template, toPath: path)
            let database = try await SQLiteEngine.open(path: path, logger: logger)
            return TestDatabase(database: database) {
                try? FileManager.default.removeItem(atPath: path)
                try? FileManager.default.removeItem(atPath: path + "-wal")
                try? FileManager.default.removeItem(atPath: path + "-shm")
            }
        case .postgres:
            let template = try await (seeded ? postgresSeeded : postgresEmpty).value
            let name = "c4c_test_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased())"
            try await adminCommand("CREATE DATABASE \(name) TEMPLATE \(template)")
            let database = try await PostgresEngine.open(url: try postgresURL(database: name), maximumConnections: 4, leaseTimeout: TestDatabases.leaseTimeout, logger: logger)
            return TestDatabase(database: database) {
                try? await adminCommand("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            }
        }
    }

    /// Runs `body` with a fresh database and removes the database afterwards.
    public static func with<T>(_ engine: Engine, seeded: Bool = false, _ body: (any Database) async throws -> T) async throws -> T {
        try await using(try await make(engine, seeded: seeded), body)
    }

    /// Runs `body` with a test database, then disposes of it whether `body` succeeded or not.
    static func using<T>(_ test: TestDatabase, _ body: (any Database) async throws -> T) async throws -> T {
        do {
            let result = try await body(test.database)
            await test.dispose()
            return result
        } catch {
            await test.dispose()
            throw error
        }
    }

    static func prepare(_ database: any Database, seeded: Bool) async throws {
        try await Migrator(database: database).migrate()
        if seeded {
            try await DemoSeeder(database: database, clock: .fixed(referenceNow)).seed()
        }
    }

    private static let sqliteEmpty = Task { try await sqliteTemplate(seeded: false) }
    private static let sqliteSeeded = Task { try await sqliteTemplate(seeded: true) }

    private static func sqliteTemplate(seeded: Bool) async throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("c4c-template-\(ProcessInfo.processInfo.processIdentifier)-\(seeded ? "seeded" : "empty").sqlite").path
        try? FileManager.default.removeItem(atPath: path)
        let database = try await SQLiteEngine.open(path: path, logger: logger)
        do {
            try await prepare(database, seeded: seeded)
            // Fold the write-ahead log into the file so a plain copy holds everything.
            try await database.read { try await $0.raw("PRAGMA wal_checkpoint(TRUNCATE)").run() }
        } catch {
            try? await database.close()
            throw error
        }
        try await database.close()
        return path
    }

    private static let postgresEmpty = Task { try await postgresTemplate(seeded: false) }
    private static let postgresSeeded = Task { try await postgresTemplate(seeded: true) }

    private static func postgresTemplate(seeded: Bool) async throws -> String {
        let name = "c4c_template_\(ProcessInfo.processInfo.processIdentifier)_\(seeded ? "seeded" : "empty")"
        try await adminCommand("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        try await adminCommand("CREATE DATABASE \(name)")
        let database = try await PostgresEngine.open(url: try postgresURL(database: name), maximumConnections: 2, leaseTimeout: TestDatabases.leaseTimeout, logger: logger)
        do {
            try await prepare(database, seeded: seeded)
        } catch {
            try? await database.close()
            throw error
        }
        try await database.close()
        return name
    }

    static func postgresURL(database: String? = nil) throws -> URL {
        guard let raw = ProcessInfo.processInfo.environment["C4C_TEST_POSTGRES_URL"],
              var components = URLComponents(string: raw) else {
            throw TestDatabaseError.noPostgres
        }
        if let database { components.path = "/\(database)" }
        guard let url = components.url else { throw TestDatabaseError.noPostgres }
        return url
    }

    /// Runs a statement on the server's maintenance database (CREATE/DROP DATABASE).
    static func adminCommand(_ statement: String) async throws {
        let admin = try await PostgresEngine.open(url: try postgresURL(), maximumConnections: 1, leaseTimeout: TestDatabases.leaseTimeout, logger: logger)
        do {
            try await admin.read { try await $0.raw(SQLQueryString(statement)).run() }
        } catch {
            try? await admin.close()
            throw error
        }
        try await admin.close()
    }
}

public struct TestDatabase: Sendable {
    public let database: any Database
    let cleanUp: @Sendable () async -> Void

    init(database: any Database, cleanUp: @escaping @Sendable () async -> Void) {
        self.database = database
        self.cleanUp = cleanUp
    }

    public func dispose() async {
        try? await database.close()
        await cleanUp()
    }
}

enum TestDatabaseError: Error {
    case noPostgres
}
