extension Schema {
    /// Full-text search over every public kind of content, and the members' name sort key.
    /// `search_documents` holds one row per item with its title and text folded by
    /// `TextFolding` (lower case, no accents): SQLite indexes it with an FTS5 table kept in step
    /// by triggers, PostgreSQL with a generated `tsvector` column under a GIN index. What an
    /// item's document says is written by `SearchIndex` in every write's transaction; whether a
    /// visitor may see the item is decided when searching, from the item's own row.
    static let search = Migration("2026-11-29-12-search", [
        """
        CREATE TABLE search_documents (
            id {{ID}},
            kind TEXT NOT NULL,
            item_id BIGINT NOT NULL,
            lang TEXT NOT NULL,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            UNIQUE (kind, item_id)
        )
        """,
        """
        {{SQLITE}}CREATE VIRTUAL TABLE search_fts USING fts5(
            title, body, content = 'search_documents', content_rowid = 'id',
            tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
        )
        """,
        """
        {{SQLITE}}CREATE TRIGGER search_documents_inserted AFTER INSERT ON search_documents BEGIN
            INSERT INTO search_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
        END
        """,
        """
        {{SQLITE}}CREATE TRIGGER search_documents_deleted AFTER DELETE ON search_documents BEGIN
            INSERT INTO search_fts (search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
        END
        """,
        """
        {{SQLITE}}CREATE TRIGGER search_documents_updated AFTER UPDATE ON search_documents BEGIN
            INSERT INTO search_fts (search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
            INSERT INTO search_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
        END
        """,
        """
        {{POSTGRES}}ALTER TABLE search_documents ADD COLUMN document tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', body), 'B')
        ) STORED
        """,
        "{{POSTGRES}}CREATE INDEX search_documents_document ON search_documents USING GIN (document)",
        // Compared byte by byte on both engines: SQLite's default BINARY, PostgreSQL's "C".
        "{{SQLITE}}ALTER TABLE organisations ADD COLUMN sort_name TEXT NOT NULL DEFAULT ''",
        "{{POSTGRES}}ALTER TABLE organisations ADD COLUMN sort_name TEXT COLLATE \"C\" NOT NULL DEFAULT ''",
    ], afterwards: { sql in try await SearchIndex.rebuild(sql) })
}
