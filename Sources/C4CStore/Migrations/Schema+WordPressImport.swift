extension Schema {
    /// What `c4c import-wordpress` brought in: each WordPress item or term of a site (its
    /// `base_site_url`) and the row it became, with a fingerprint of what it was made from, so a
    /// second run updates only what changed and never makes a copy. `wordpress_body_images` lists
    /// the imported images a post's or page's body shows, so a file is served wherever its item is public.
    static let wordPressImport = Migration("2026-11-29-21-wordpress-import", [
        """
        CREATE TABLE wordpress_imports (
            site TEXT NOT NULL,
            wp_kind TEXT NOT NULL,
            wp_id BIGINT NOT NULL,
            item_table TEXT NOT NULL,
            item_id BIGINT NOT NULL,
            fingerprint TEXT NOT NULL,
            PRIMARY KEY (site, wp_kind, wp_id)
        )
        """,
        """
        CREATE TABLE wordpress_body_images (
            item_table TEXT NOT NULL,
            item_id BIGINT NOT NULL,
            media_id BIGINT NOT NULL REFERENCES media(id) ON DELETE CASCADE,
            PRIMARY KEY (item_table, item_id, media_id)
        )
        """,
        "CREATE INDEX wordpress_body_images_by_media ON wordpress_body_images (media_id)",
    ])
}
