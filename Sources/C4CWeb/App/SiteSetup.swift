import C4CCore
import C4CStore
import Logging

/// What `c4c serve` does before it listens: migrate, and seed the demo content into a database
/// that this very run created. A database that existed before is never seeded, even when it looks
/// empty: only `c4c seed-demo`, asked for explicitly, fills one that holds no site.
public enum SiteSetup {
    /// Returns whether it seeded the demo content.
    @discardableResult
    public static func prepare(database: any Database, seedDemo: Bool, clock: WallClock, logger: Logger) async throws -> Bool {
        let applied = try await Migrator(database: database).migrate()
        if !applied.isEmpty {
            logger.info("Applied migrations", metadata: ["count": "\(applied.count)"])
        }
        guard seedDemo else { return false }
        // The first migration creates the schema: applied now, this run created the database.
        guard let first = Schema.migrations.first, applied.contains(first.id) else {
            if try await DemoSeeder(database: database, clock: clock).tableHoldingASite() == nil {
                logger.notice("This database existed before and holds no site; serve seeds only a database it creates. For demo content, run c4c seed-demo.")
            }
            return false
        }
        do {
            try await DemoSeeder(database: database, clock: clock).seed()
        } catch let refused as DemoSeedError {
            logger.warning("Did not seed the demo content", metadata: ["reason": "\(refused)"])
            return false
        }
        logger.info("Seeded the demo content into the database this run created, and marked the site as a demo site")
        return true
    }
}
