import ArgumentParser
import C4CCore
import C4CStore
import C4CWeb
import Foundation
import Hummingbird
import Logging

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Migrate the database, seed demo content into a database this run creates, and serve the site."
    )

    @Option(help: "Address to listen on.") var hostname = "127.0.0.1"
    @Option(help: "Port to listen on (0 picks a free one).") var port = 8080
    @Flag(help: "Do not seed demo content into the database this run creates (also C4C_SEED_DEMO=0).") var noDemo = false

    func run() async throws {
        LogOutput.bootstrap()
        let logger = Logger(label: "c4c")
        var configuration = try AppConfiguration.fromEnvironment(hostname: hostname, port: port)
        if noDemo { configuration.seedDemo = false }
        // Photos are resized and stripped by libvips: without it, say so now rather than fail uploads later.
        try await ImageProcessor.checkAvailable()
        let database = try await configuration.database.open(logger: logger)
        do {
            try await SiteSetup.prepare(database: database, seedDemo: configuration.seedDemo, clock: .system, logger: logger)
            let dependencies = try await AppDependencies.make(configuration: configuration, database: database)
            let location = configuration.database
            let app = buildApplication(dependencies, logger: logger) { address in
                // Written unbuffered, so a script reading our output sees it at once.
                FileHandle.standardOutput.write(Data("Cities4Children is serving \(location) at \(address)\n".utf8))
            }
            try await app.runService()
        } catch {
            try? await database.close()
            throw error
        }
        try await database.close()
    }
}
