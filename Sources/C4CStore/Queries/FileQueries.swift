import C4CCore
import Foundation
import SQLKit

/// A stored upload as it is served.
public struct StoredFile: Sendable {
    public let id: Int64
    public let name: String
    public let contentType: String
    public let sha256: String
    public let data: Data
    /// An image of identifiable children, shown with recorded consent: consent can be withdrawn.
    public let safeguarded: Bool
    /// For a raster image of the media library: the width of its widest variant once they are
    /// made. Visitors are sent there, never to the file itself.
    public var variantsWidth: Int? = nil
    /// A raster image of the media library whose variants are not made yet: not served.
    public var awaitingVariants = false
}

public struct FileQueries: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    private struct Row: RowDecodable {
        var id: Int64
        var name: String
        var contentType: String
        var sha256: String
        var data: Data
        var safeguarded: Bool?
        var variantsWidth: Int?
        var awaitingVariants: Bool?

        init(row: any SQLRow) throws {
            id = try row.decode(column: "id")
            name = try row.decode(column: "name")
            contentType = try row.decode(column: "content_type")
            sha256 = try row.decode(column: "sha256")
            data = try row.decode(column: "data")
            safeguarded = row.contains(column: "safeguarded") ? try row.decode(column: "safeguarded") : nil
            variantsWidth = row.contains(column: "variants_width") ? try row.decode(column: "variants_width") : nil
            awaitingVariants = row.contains(column: "awaiting_variants") ? try row.decode(column: "awaiting_variants") : nil
        }

        var file: StoredFile {
            StoredFile(id: id, name: name, contentType: contentType, sha256: sha256, data: data, safeguarded: safeguarded ?? false,
                       variantsWidth: variantsWidth.map { ImageVariants.widths(forImageWidth: $0).last ?? $0 },
                       awaitingVariants: awaitingVariants ?? false)
        }
    }

    /// Any stored file, whoever may see it: for the back office.
    public func file(id: Int64) async throws -> StoredFile? {
        try await database.read { sql in
            try await sql.row("SELECT id, name, content_type, sha256, data FROM files WHERE id = \(bind: id)", as: Row.self)
                .map(\.file)
        }
    }

    /// A file a visitor may download: one that public content uses, and, for an image, one that may
    /// be shown (alt text, credit, and consent where it shows identifiable children). Drafts'
    /// files, contributors' attachments and images held back for safeguarding stay private.
    public func publicFile(id: Int64, now: Date) async throws -> StoredFile? {
        let t = now.epochSeconds
        func used(_ table: String, _ column: String) -> SQLQueryString {
            "EXISTS (SELECT 1 FROM \(ident: table) x JOIN media m ON m.id = x.\(ident: column) WHERE m.file_id = f.id AND \(Visibility.isPublic("x", now: t)))"
        }
        // Documents need no alt text; an image needs alt text, a credit, and consent where it shows children.
        let showableMedia: SQLQueryString = """
            NOT EXISTS (SELECT 1 FROM media m WHERE m.file_id = f.id AND m.kind = 'image' AND (m.alt_text = '' OR m.credit = ''
            OR (m.shows_identifiable_children = TRUE AND m.consent_on_file = FALSE)))
            """
        let usedByPublicContent: SQLQueryString = [
            used("hero_slides", "image_id"), used("organisations", "logo_id"), used("resources", "cover_image_id"),
            used("events", "cover_image_id"), used("events", "recording_poster_id"), used("blog_posts", "cover_image_id"),
            used("people", "photo_id"),
            "EXISTS (SELECT 1 FROM resource_files rf JOIN resources x ON x.id = rf.resource_id WHERE rf.file_id = f.id AND \(Visibility.isPublic("x", now: t)))",
            "EXISTS (SELECT 1 FROM event_files ef JOIN events x ON x.id = ef.event_id WHERE ef.file_id = f.id AND \(Visibility.isPublic("x", now: t)))",
            "EXISTS (SELECT 1 FROM vacancies x WHERE x.terms_file_id = f.id AND \(Visibility.isPublic("x", now: t)))",
            // Images an imported post's or page's body shows.
            """
            EXISTS (SELECT 1 FROM wordpress_body_images b JOIN media m ON m.id = b.media_id WHERE m.file_id = f.id AND (
            EXISTS (SELECT 1 FROM blog_posts x WHERE b.item_table = 'blog_posts' AND x.id = b.item_id AND \(Visibility.isPublic("x", now: t)))
            OR EXISTS (SELECT 1 FROM pages x WHERE b.item_table = 'pages' AND x.id = b.item_id AND \(Visibility.isPublic("x", now: t)))))
            """,
        ].joined(" OR ")
        return try await database.read { sql in
            try await sql.row("""
                SELECT f.id, f.name, f.content_type, f.sha256, f.data,
                EXISTS (SELECT 1 FROM media m WHERE m.file_id = f.id AND m.shows_identifiable_children = TRUE) AS safeguarded,
                (SELECT m.width FROM media m WHERE m.file_id = f.id AND m.kind = 'image' AND m.variants_ready_at IS NOT NULL
                 AND f.content_type IN \(ImageVariantMaker.rasterTypes) ORDER BY m.id LIMIT 1) AS variants_width,
                EXISTS (SELECT 1 FROM media m WHERE m.file_id = f.id AND m.kind = 'image' AND m.variants_ready_at IS NULL
                 AND f.content_type IN \(ImageVariantMaker.rasterTypes)) AS awaiting_variants
                FROM files f WHERE f.id = \(bind: id) AND \(showableMedia) AND (\(usedByPublicContent))
                """, as: Row.self)
                .map(\.file)
        }
    }
}
