import C4CStore
import Foundation

extension TestDatabases {
    /// Runs `body` with a database that has never been migrated, as a first `c4c serve` meets it,
    /// and removes it afterwards.
    public static func withBlank<T>(_ engine: Engine, _ body: (any Database) async throws -> T) async throws -> T {
        try await using(try await makeBlank(engine), body)
    }

    static func makeBlank(_ engine: Engine) async throws -> TestDatabase {
        switch engine {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("c4c-blank-\(UUID().uuidString).sqlite").path
            let database = try await SQLiteEngine.open(path: path, logger: logger)
            return TestDatabase(database: database) {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
        case .postgres:
            let name = "c4c_blank_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased())"
            try await adminCommand("CREATE DATABASE \(name)")
            let database = try await PostgresEngine.open(url: try postgresURL(database: name), maximumConnections: 4, leaseTimeout: TestDatabases.leaseTimeout, logger: logger)
            return TestDatabase(database: database) {
                try? await adminCommand("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            }
        }
    }
}
