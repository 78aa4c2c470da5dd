import Foundation

/// `manifest.json`, the first thing a restore reads: whose export this is, which format, the schema
/// it was taken at and what each table file holds.
struct PortableManifest: Codable {
    static let formatName = "c4c-export"
    /// Raised when a reader of the previous version could no longer read an export correctly.
    static let currentVersion = 1
    static let entryName = "manifest.json"

    struct AppliedMigration: Codable, Equatable {
        let id: String
        /// As the source engine recorded it (`Migration.checksum(for:)` of that engine).
        let checksum: String
    }

    struct TableFile: Codable {
        let name: String
        let entry: String
        let rows: Int
        let columns: [PortableSchema.Column]
        let primaryKey: [String]
    }

    /// The highest id a table's counter has handed out, so that a restored site never hands out
    /// an id again that a deleted row had.
    struct Counter: Codable {
        let table: String
        let value: Int64
    }

    let format: String
    let formatVersion: Int
    let createdAt: String
    let engine: String
    let migrations: [AppliedMigration]
    let tables: [TableFile]
    let counters: [Counter]
}

public enum PortableExportError: Error, CustomStringConvertible {
    case exists(String), cannotWrite(String, String), unknownColumnType(table: String, column: String, type: String), notFinite(String)
    case unreadable(String), notAZip(String), notAnExport(String, reason: String), damaged(String, String)
    case newerFormat(String, version: Int)
    case otherSchema(String, reason: String)
    case targetHoldsASite(String, hint: String)

    public var description: String {
        switch self {
        case .exists(let path): "\(path) already exists; nothing was written"
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
        case .unknownColumnType(let table, let column, let type): "\(table).\(column) has the type \(type), which the export does not know how to carry"
        case .notFinite(let column): "\(column) holds a number JSON cannot carry (infinite or not a number)"
        case .unreadable(let path): "cannot read \(path)"
        case .notAZip(let path): "\(path) is not a zip file"
        case .notAnExport(let path, let reason): "\(path) is not an export written by `c4c export`: \(reason)"
        case .damaged(let path, let reason): "\(path) is damaged: \(reason); nothing was restored"
        case .newerFormat(let path, let version):
            "\(path) is in export format \(version), newer than this c4c reads (\(PortableManifest.currentVersion)); restore it with a newer c4c"
        case .otherSchema(let path, let reason):
            "\(path) was exported from a site whose schema this c4c cannot recreate: \(reason). Restore it with the c4c version that exported it"
        case .targetHoldsASite(let target, let hint): "\(target) already holds tables; \(hint)"
        }
    }
}

/// `FORMAT.md` inside every export, for whoever opens the zip without this program.
enum PortableFormatNote {
    static let entryName = "FORMAT.md"
    static let text = """
        # Cities4Children export, format 1

        Written by `c4c export FILE.zip`; `c4c restore FILE.zip` reads it back into an empty SQLite
        or PostgreSQL database, whichever engine it came from.

        - `manifest.json`: `format` ("c4c-export"), `formatVersion`, `createdAt` (UTC), `engine` it
          came from, `migrations` (the schema steps applied, with the source engine's checksums),
          `tables` (for each: its entry, row count, columns with their kind, primary key) and
          `counters` (the highest id each table has handed out).
        - `tables/NAME.jsonl`: one JSON object per line, one line per row, every column by name.
          Kinds: `integer` (a JSON number), `boolean` (true/false), `text` (a string), `real` (a
          number), `blob` (`{"blob": "ENTRY"}`, the name of the entry holding the raw bytes). Absent
          values are `null`. Rows are in primary key order.
        - `blobs/TABLE/COLUMN/N`: a blob's bytes as they are, N being the row's id (or its line
          number when the table has no single integer key). Uploaded files are `blobs/files/data/ID`.

        Derived data is left out and rebuilt on restore: SQLite's full-text tables are filled from
        `search_documents` by its triggers, PostgreSQL computes its generated columns.

        """
}
