extension Schema {
    /// No lost work in the back office. Every content table gets a `version`, raised by each save
    /// with `UPDATE … WHERE version = ?`, so a save over a newer version writes nothing and the
    /// editor sees both texts. `create_tokens` remembers which item a create form's one-time token
    /// made, per user, so a retried create redirects to it instead of making a second one.
    /// `autosaves` keeps the script's background copy of a published or scheduled item, which
    /// visitors never see, until its editor restores or saves over it.
    static let editVersions = Migration("2026-11-29-24-edit-versions", [
        "ALTER TABLE events ADD COLUMN version BIGINT NOT NULL DEFAULT 1",
        "ALTER TABLE resources ADD COLUMN version BIGINT NOT NULL DEFAULT 1",
        "ALTER TABLE blog_posts ADD COLUMN version BIGINT NOT NULL DEFAULT 1",
        "ALTER TABLE vacancies ADD COLUMN version BIGINT NOT NULL DEFAULT 1",
        "ALTER TABLE pages ADD COLUMN version BIGINT NOT NULL DEFAULT 1",
        "ALTER TABLE key_facts ADD COLUMN version BIGINT NOT NULL DEFAULT 1",
        "ALTER TABLE event_series ADD COLUMN version BIGINT NOT NULL DEFAULT 1",
        "ALTER TABLE hero_slides ADD COLUMN version BIGINT NOT NULL DEFAULT 1",
        "ALTER TABLE people ADD COLUMN version BIGINT NOT NULL DEFAULT 1",
        "ALTER TABLE affiliates ADD COLUMN version BIGINT NOT NULL DEFAULT 1",
        "ALTER TABLE organisations ADD COLUMN version BIGINT NOT NULL DEFAULT 1",
        """
        CREATE TABLE create_tokens (
            user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            token TEXT NOT NULL,
            item_table TEXT NOT NULL,
            item_id BIGINT NOT NULL,
            expires_at BIGINT NOT NULL,
            PRIMARY KEY (user_id, token)
        )
        """,
        "CREATE INDEX create_tokens_by_expiry ON create_tokens (expires_at)",
        """
        CREATE TABLE autosaves (
            item_table TEXT NOT NULL,
            item_id BIGINT NOT NULL,
            user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            base_version BIGINT NOT NULL,
            data TEXT NOT NULL,
            at BIGINT NOT NULL,
            PRIMARY KEY (item_table, item_id, user_id)
        )
        """,
    ])
}
