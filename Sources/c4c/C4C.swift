import ArgumentParser

@main
struct C4C: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "c4c",
        abstract: "The Cities4Children platform: public site, back office and tools, in one program.",
        subcommands: [Serve.self, Migrate.self, SeedDemo.self, SeedBulk.self, CreateAdmin.self, ExplainPublicQueries.self, Backup.self, Export.self, Restore.self, ImportWordPress.self, Media.self],
        defaultSubcommand: Serve.self
    )
}
