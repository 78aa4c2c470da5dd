extension Schema {
    /// Resized, metadata-free copies of every raster image (`ImageVariants`). An image's own file
    /// is replaced by its stripped, upright master when its variants are made; until then
    /// (`variants_ready_at` NULL) no page shows it. `variants_claimed_at` lets one instance at a time
    /// make an image's variants. Existing images are picked up by the worker as they are.
    static let imageVariants = Migration("2026-11-29-23-image-variants", [
        "ALTER TABLE media ADD COLUMN variants_ready_at BIGINT",
        "ALTER TABLE media ADD COLUMN variants_claimed_at BIGINT",
        """
        CREATE TABLE media_variants (
            id {{ID}},
            media_id BIGINT NOT NULL REFERENCES media(id) ON DELETE CASCADE,
            width INTEGER NOT NULL,
            height INTEGER NOT NULL,
            format TEXT NOT NULL CHECK (format IN ('webp', 'jpeg', 'png')),
            byte_size BIGINT NOT NULL,
            data {{BLOB}} NOT NULL,
            UNIQUE (media_id, width, format)
        )
        """,
        "CREATE INDEX media_awaiting_variants ON media (id) WHERE variants_ready_at IS NULL AND kind = 'image'",
    ])
}
