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
        abstract: "Put a backup written by `c4c backup`, or an export written by `c4c export`, into the empty database DATABASE_URL names. Stop the site first."
    )

    @Argument(help: "A .sqlite or .pgdump file written by `c4c backup`, or a zip written by `c4c export` (either engine's).")
    var file: String

    @Flag(help: "Overwrite a database that already holds a site (for a .pgdump: SQLite only).")
    var replace = false

    func run() async throws {
        let location = try DatabaseLocation(databaseURL: ProcessInfo.processInfo.environment["DATABASE_URL"])
        let url = URL(fileURLWithPath: file)
        // By its content, not its name: a renamed export is still an export.
        if PortableRestore.isZip(url) {
            let restored = try await PortableRestore.restore(url, into: location, replace: replace, logger: Logger(label: "c4c"))
            print("Restored \(restored.rows.values.reduce(0, +)) rows in \(restored.rows.count) tables from \(file) into \(location).")
            if restored.pendingMigrations > 0 { print("`c4c serve` applies the \(restored.pendingMigrations) newer migrations when it starts.") }
            return
        }
        try await DatabaseBackup.restore(url, into: location, replace: replace, logger: Logger(label: "c4c"))
        print("Restored \(file) into \(location). `c4c serve` applies any newer migrations when it starts.")
    }
}

func describe(bytes: Int64) -> String {
    let units = ["bytes", "KB", "MB", "GB", "TB"]
    var value = Double(bytes)
    var unit = 0
    while value >= 1000, unit < units.count - 1 {
        value /= 1000
        unit += 1
    }
    return unit == 0 ? "\(bytes) bytes" : "\(String(format: "%.1f", value)) \(units[unit])"
}
