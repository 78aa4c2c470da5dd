import C4CCore
import Foundation
import SQLKit

/// What the checks before publishing look up: where an internal link leads, and what images weigh.
extension ContentEditorQueries {
    public enum LinkTarget: Sendable, Equatable {
        case published
        case unpublished
        case missing
        /// Not an item's address (a listing, a form): nothing to check.
        case notAnItem
    }

    /// Where a site-relative address leads: `/fr/resources/a-report` is the French version of a
    /// resource, or the English one a missing translation falls back to.
    public func linkTarget(_ path: String) async throws -> LinkTarget {
        var segments = path.split(separator: "/").map(String.init)
        var lang = Language.default.rawValue
        if let first = segments.first, let language = Language(rawValue: first), language != .default {
            lang = language.rawValue
            segments.removeFirst()
        }
        guard let slug = segments.last, Slug.isValid(slug) else { return .notAnItem }
        let section = "/" + segments.dropLast().joined(separator: "/")
        let type = section == "/" ? ContentTypes.named("pages")
            : ContentTypes.all.first { $0.publicPath == section }
        guard let type else { return .notAnItem }
        let language = lang
        let statuses = try await database.read { sql in
            try await sql.raw("""
                SELECT status FROM \(ident: type.table) WHERE slug = \(bind: slug) AND lang IN (\(bind: language), 'en')
                """).all().map { try $0.decode(column: "status", as: String.self) }
        }
        if statuses.isEmpty { return type.key == "pages" ? .notAnItem : .missing }
        return statuses.contains("published") ? .published : .unpublished
    }

    /// The bytes of the files with these ids, together.
    public func fileBytes(_ ids: [Int64]) async throws -> Int64 {
        guard !ids.isEmpty else { return 0 }
        return try await database.read { sql in
            try await sql.raw("""
                SELECT CAST(COALESCE(SUM(byte_size), 0) AS BIGINT) AS n FROM files WHERE id IN (\(unsafeRaw: ids.map(String.init).joined(separator: ", ")))
                """).first()?.decode(column: "n", as: Int64.self) ?? 0
        }
    }

    /// The file behind each image a media id names.
    public func mediaFileIDs(_ mediaIDs: [Int64]) async throws -> [Int64] {
        guard !mediaIDs.isEmpty else { return [] }
        return try await database.read { sql in
            try await sql.raw("""
                SELECT file_id FROM media WHERE id IN (\(unsafeRaw: mediaIDs.map(String.init).joined(separator: ", ")))
                """).all().map { try $0.decode(column: "file_id", as: Int64.self) }
        }
    }
}
