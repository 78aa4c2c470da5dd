@testable import C4CStore
import Foundation
import Testing

/// Finding pg_dump: the newest on the machine is taken, and one older than the server is refused
/// with a message that says which version to install.
@Suite struct PostgresToolsTests {
    static var pgDumpInstalled: Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        return (path.split(separator: ":").map { "\($0)/pg_dump" } + versions.map { "/usr/lib/postgresql/\($0)/bin/pg_dump" })
            .contains { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test(.enabled(if: pgDumpInstalled, "needs a PostgreSQL client on this machine"))
    func aPgDumpOlderThanTheServerIsRefusedNamingTheVersionToInstall() async throws {
        await #expect { _ = try await PostgresTools.find("pg_dump", serverMajorVersion: 99) } throws: { error in
            guard case BackupError.toolTooOld("pg_dump", _, let tool, server: 99) = error else { return false }
            return tool < 99 && "\(error)".contains("postgresql-client-99")
        }
    }

    @Test func aMissingToolIsNamedWithTheClientPackage() async throws {
        await #expect { _ = try await PostgresTools.find("pg_dump-that-does-not-exist", serverMajorVersion: 15) } throws: { error in
            guard case BackupError.toolMissing = error else { return false }
            return "\(error)".contains("postgresql-client")
        }
    }

    @Test func thePasswordLeavesTheAddressForTheEnvironment() throws {
        let url = try #require(URL(string: "postgres://site:s%40cret@db.example.org:5433/c4c?sslmode=require&application_name=x"))
        let (dbname, environment) = PostgresTools.connection(url)
        #expect(dbname == "postgresql://site@db.example.org:5433/c4c?sslmode=require")
        #expect(environment["PGPASSWORD"] == "s@cret")
    }
}
