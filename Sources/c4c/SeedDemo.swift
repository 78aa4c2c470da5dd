import ArgumentParser
import C4CStore
import Foundation

struct SeedDemo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed-demo",
        abstract: "Migrate, then fill a database that holds no site yet (no users, content or settings) with the demo content."
    )

    func run() async throws {
        try await withDatabase { database in
            try await Migrator(database: database).migrate()
            do {
                try await DemoSeeder(database: database).seed()
            } catch let refused as DemoSeedError {
                FileHandle.standardError.write(Data("c4c seed-demo: \(refused)\n".utf8))
                throw ExitCode.failure
            }
            print("Seeded the demo content and marked the site as a demo site.")
        }
    }
}
