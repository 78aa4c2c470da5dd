import ArgumentParser
import C4CStore

struct SeedDemo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed-demo",
        abstract: "Migrate, then fill an empty database with the demo content."
    )

    func run() async throws {
        try await withDatabase { database in
            try await Migrator(database: database).migrate()
            let seeded = try await DemoSeeder(database: database).seedIfEmpty()
            print(seeded ? "Seeded the demo content." : "The database already has content; nothing was seeded.")
        }
    }
}
