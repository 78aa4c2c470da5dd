import ArgumentParser
import C4CStore
import Foundation

struct SeedBulk: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed-bulk",
        abstract: "Migrate, then add many generated items for measuring: to a new database (after the demo content) or a demo site."
    )

    @Option(help: "Resources to add, translations included.") var resources = 50_000
    @Option(help: "Blog posts to add.") var posts = 5_000
    @Option(help: "Events to add.") var events = 2_000
    @Option(help: "Vacancies to add.") var vacancies = 400
    @Option(help: "Member organisations to add.") var members = 40
    @Option(help: "Seed of the text generator: the same seed gives the same items.") var seed: UInt64 = 2026
    @Flag(help: "Add the items even to a site that is not a demo site.") var force = false

    func validate() throws {
        for (name, value) in [("resources", resources), ("posts", posts), ("events", events), ("vacancies", vacancies), ("members", members)]
        where value < 0 {
            throw ValidationError("--\(name) must not be negative")
        }
    }

    func run() async throws {
        let counts = BulkSeeder.Counts(resources: resources, posts: posts, events: events, vacancies: vacancies, members: members)
        try await withDatabase { database in
            try await Migrator(database: database).migrate()
            let started = ContinuousClock.now
            let report: BulkSeeder.Report
            do {
                report = try await BulkSeeder(database: database, seed: seed).seed(counts, force: force)
            } catch let refused as BulkSeedError {
                FileHandle.standardError.write(Data("c4c seed-bulk: \(refused)\n".utf8))
                throw ExitCode.failure
            }
            let seconds = (ContinuousClock.now - started).components
            if report.seededDemoSite { print("Seeded the demo content first: the database held no site.") }
            for (table, count) in report.rows { print("\(table): \(count) rows") }
            print(String(format: "Done in %.1f s.", Double(seconds.seconds) + Double(seconds.attoseconds) / 1e18))
        }
    }
}
