import ArgumentParser
import C4CStore
import Foundation

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the whole site as portable JSON plus files into a zip, while it serves; `c4c restore` reads it into SQLite or PostgreSQL."
    )

    @Argument(help: "The zip file to write; it must not exist yet.")
    var file: String

    func run() async throws {
        let location = try DatabaseLocation(databaseURL: ProcessInfo.processInfo.environment["DATABASE_URL"])
        // Opening a missing SQLite file would create an empty one and export that.
        if case .sqlite(let path) = location, !FileManager.default.fileExists(atPath: path) {
            throw BackupError.noDatabase(path)
        }
        try await withDatabase { database in
            let written = try await PortableExport.write(of: database, to: URL(fileURLWithPath: file))
            let rows = written.rows.values.reduce(0, +)
            print("Wrote \(written.file.path): \(rows) rows in \(written.rows.count) tables (\(describe(bytes: written.byteSize)))")
        }
    }
}
