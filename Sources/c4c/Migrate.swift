import ArgumentParser
import C4CStore
import C4CWeb
import Foundation
import Logging

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply the migrations the database has not had yet.")

    func run() async throws {
        try await withDatabase { database in
            let applied = try await Migrator(database: database).migrate()
            print(applied.isEmpty ? "The database is up to date." : "Applied \(applied.count) migrations: \(applied.joined(separator: ", "))")
        }
    }
}

/// Opens the database `DATABASE_URL` names for one command and closes it afterwards.
func withDatabase(_ body: (any Database) async throws -> Void) async throws {
    let logger = Logger(label: "c4c")
    let location = try DatabaseLocation(databaseURL: ProcessInfo.processInfo.environment["DATABASE_URL"])
    let database = try await location.open(logger: logger)
    do {
        try await body(database)
    } catch {
        try? await database.close()
        throw error
    }
    try await database.close()
}
