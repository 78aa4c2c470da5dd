import C4CCore
import Crypto
import Foundation
import SQLKit

/// Makes every raster image's variants: replaces its file by the stripped, upright master and
/// stores the resized copies, in one transaction, then moves the content version so pages offer
/// them. Images arrive by several roads (the media form, accepted contributions, WordPress, older
/// uploads); the worker takes whatever is waiting, so none is forgotten.
public struct ImageVariantMaker: Sendable {
    let database: any Database
    let processor: ImageProcessor

    public init(database: any Database, processor: ImageProcessor = ImageProcessor()) {
        self.database = database
        self.processor = processor
    }

    static let rasterTypes: SQLQueryString = "('image/jpeg', 'image/png', 'image/gif', 'image/webp')"

    /// Claims the next image waiting for variants and makes them. Nil when none waits; otherwise
    /// the image's id and whether it worked. A claim lasts ten minutes, so a crashed instance's
    /// image is taken again; one that cannot be read waits a day before the next try.
    public func makeNext(now: Date) async throws -> (mediaID: Int64, made: Bool)? {
        let t = now.epochSeconds
        let claimed: Int64? = try await database.write { sql in
            guard let row = try await sql.raw("""
                SELECT m.id FROM media m JOIN files f ON f.id = m.file_id
                WHERE m.variants_ready_at IS NULL AND m.kind = 'image' AND f.content_type IN \(Self.rasterTypes)
                AND (m.variants_claimed_at IS NULL OR m.variants_claimed_at < \(bind: t - 600)) ORDER BY m.id LIMIT 1
                """).first() else { return nil }
            let id = try row.decode(column: "id", as: Int64.self)
            try await sql.raw("UPDATE media SET variants_claimed_at = \(bind: t) WHERE id = \(bind: id)").run()
            return id
        }
        guard let claimed else { return nil }
        do {
            try await make(mediaID: claimed, now: now)
            return (claimed, true)
        } catch {
            try await database.write { sql in
                try await sql.raw("UPDATE media SET variants_claimed_at = \(bind: t + 86_400) WHERE id = \(bind: claimed)").run()
            }
            return (claimed, false)
        }
    }

    /// Makes one image's master and variants now, whatever its state.
    public func make(mediaID: Int64, now: Date) async throws {
        let source = try await database.read { sql in
            try await sql.raw("""
                SELECT f.id, f.name, f.data FROM media m JOIN files f ON f.id = m.file_id
                WHERE m.id = \(bind: mediaID) AND f.content_type IN \(Self.rasterTypes)
                """).first().map { (id: try $0.decode(column: "id", as: Int64.self), name: try $0.decode(column: "name", as: String.self),
                                    data: try $0.decode(column: "data", as: Data.self)) }
        }
        guard let source else { return }
        let master = try await processor.master(of: source.data, fileName: source.name)
        let masterName = (source.name as NSString).deletingPathExtension + "." + master.format.fileExtension
        var made: [ImageProcessor.Image] = []
        for width in ImageVariants.widths(forImageWidth: master.width) {
            for format in [ImageVariants.Format.webp, master.format] {
                made.append(try await processor.variant(of: master.data, fileName: masterName, width: width, format: format))
            }
        }
        let variants = made
        let digest = SHA256.hash(data: master.data).map { String(format: "%02x", $0) }.joined()
        try await database.write { sql in
            try await sql.raw("""
                UPDATE files SET data = \(bind: master.data), byte_size = \(bind: Int64(master.data.count)), sha256 = \(bind: digest),
                content_type = \(bind: master.format.contentType), name = \(bind: masterName) WHERE id = \(bind: source.id)
                """).run()
            try await sql.raw("DELETE FROM media_variants WHERE media_id = \(bind: mediaID)").run()
            for variant in variants {
                try await sql.raw("""
                    INSERT INTO media_variants (media_id, width, height, format, byte_size, data) VALUES (\(bind: mediaID),
                    \(bind: variant.width), \(bind: variant.height), \(bind: variant.format.rawValue), \(bind: Int64(variant.data.count)),
                    \(bind: variant.data))
                    """).run()
            }
            try await sql.raw("""
                UPDATE media SET width = \(bind: master.width), height = \(bind: master.height), variants_ready_at = \(bind: now.epochSeconds),
                variants_claimed_at = NULL WHERE id = \(bind: mediaID)
                """).run()
            try await ContentVersionQueries.bump(sql)
        }
    }

    /// Marks every raster image as waiting, for `c4c media regenerate`; returns how many.
    public func requeueAll() async throws -> Int {
        try await database.write { sql in
            let count = try await sql.count("""
                SELECT COUNT(*) AS n FROM media m JOIN files f ON f.id = m.file_id WHERE m.kind = 'image' AND f.content_type IN \(Self.rasterTypes)
                """)
            try await sql.raw("""
                UPDATE media SET variants_ready_at = NULL, variants_claimed_at = NULL
                WHERE kind = 'image' AND file_id IN (SELECT id FROM files WHERE content_type IN \(Self.rasterTypes))
                """).run()
            return count
        }
    }

    /// A variant's bytes for an image's file, when its media has one of that width and format.
    public func variant(fileID: Int64, width: Int, format: ImageVariants.Format) async throws -> (data: Data, tag: String)? {
        try await database.read { sql in
            try await sql.raw("""
                SELECT v.data, v.media_id, m.variants_ready_at FROM media_variants v JOIN media m ON m.id = v.media_id
                WHERE m.file_id = \(bind: fileID) AND v.width = \(bind: width) AND v.format = \(bind: format.rawValue)
                """).first().map { row in
                    let tag = "\"v\(try row.decode(column: "media_id", as: Int64.self))-\(width)-\(format.rawValue)-"
                        + "\(try row.decode(column: "variants_ready_at", as: Int64?.self) ?? 0)\""
                    return (try row.decode(column: "data", as: Data.self), tag)
                }
        }
    }
}
