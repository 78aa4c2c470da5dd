import C4CCore
import C4CStore
import Logging

/// What `c4c serve` does before it listens: migrate, and seed the demo content into an empty site.
public enum SiteSetup {
    public static func prepare(database: any Database, seedDemo: Bool, clock: WallClock, logger: Logger) async throws {
        let applied = try await Migrator(database: database).migrate()
        if !applied.isEmpty {
            logger.info("Applied migrations", metadata: ["count": "\(applied.count)"])
        }
        if seedDemo, try await DemoSeeder(database: database, clock: clock).seedIfEmpty() {
            logger.info("Seeded the demo content into an empty database")
        }
    }
}
