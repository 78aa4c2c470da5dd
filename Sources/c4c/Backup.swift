import ArgumentParser
import C4CStore
import Foundation
import Logging

struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a consistent copy of the site (content, files, users, subscribers) into a directory, while it serves."
    )

    @Argument(help: "The directory to write c4c-YYYYMMDD-HHMMSS.sqlite (or .pgdump) into; created if missing.")
    var directory: String

    func run() async throws {
        let location = try DatabaseLocation(databaseURL: ProcessInfo.processInfo.environment["DATABASE_URL"])
        // Opening a missing SQLite file would create an empty one and back that up.
        if case .sqlite(let path) = location, !FileManager.default.fileExists(atPath: path) {
            throw BackupError.noDatabase(path)
        }
        try await withDatabase { database in
            let written = try await DatabaseBackup.take(of: database, at: location, into: URL(fileURLWithPath: directory))
            print("Wrote \(written.file.path) (\(describe(bytes: written.byteSize)))")
        }
    }
}

struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Put a backup written by `c4c backup` into the empty database DATABASE_URL names. Stop the site first."
    )

    @Argument(help: "A .sqlite or .pgdump file written by `c4c backup`.")
    var file: String

    @Flag(help: "SQLite only: overwrite a database that already holds a site.")
    var replace = false

    func run() async throws {
        let location = try DatabaseLocation(databaseURL: ProcessInfo.processInfo.environment["DATABASE_URL"])
        try await DatabaseBackup.restore(URL(fileURLWithPath: file), into: location, replace: replace, logger: Logger(label: "c4c"))
        print("Restored \(file) into \(location). `c4c serve` applies any newer migrations when it starts.")
    }
}

private func describe(bytes: Int64) -> String {
    let units = ["bytes", "KB", "MB", "GB", "TB"]
    var value = Double(bytes)
    var unit = 0
    while value >= 1000, unit < units.count - 1 {
        value /= 1000
        unit += 1
    }
    return unit == 0 ? "\(bytes) bytes" : "\(String(format: "%.1f", value)) \(units[unit])"
}
