extension Schema {
    /// Full-text search over every public kind of content, and the members' name sort key.
    /// `search_documents` holds one row per item with its title and text folded by
    /// `TextFolding` (lower case, no accents): SQLite indexes it with an FTS5 table kept in step
    /// by triggers, PostgreSQL with a generated `tsvector` column under a GIN index per kind. What an
    /// item's document says is written by `SearchIndex` in every write's transaction; whether a
    /// visitor may see the item is decided when searching, from the item's own row.
    static let search = Migration("2026-11-29-12-search", [
        // The id is the item's id × 8 + its kind's code (`SearchKind.code`), so a full-text match
        // names its item without reading this row, and newer items have higher ids.
        """
        {{SQLITE}}CREATE TABLE search_documents (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            item_id BIGINT NOT NULL,
            lang TEXT NOT NULL,
            title TEXT NOT NULL,
            body TEXT NOT NULL
        )
        """,
        """
        {{POSTGRES}}CREATE TABLE search_documents (
            id BIGINT PRIMARY KEY,
            kind TEXT NOT NULL,
            item_id BIGINT NOT NULL,
            lang TEXT NOT NULL,
            title TEXT NOT NULL,
            body TEXT NOT NULL
        )
        """,
        // The kind is indexed too, so a search within one kind reads only that kind's entries;
        // prefix indexes up to six letters keep a short word's many completions cheap.
        """
        {{SQLITE}}CREATE VIRTUAL TABLE search_fts USING fts5(
            kind, title, body, content = 'search_documents', content_rowid = 'id',
            tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4 5 6'
        )
        """,
        """
        {{SQLITE}}CREATE TRIGGER search_documents_inserted AFTER INSERT ON search_documents BEGIN
            INSERT INTO search_fts (rowid, kind, title, body) VALUES (new.id, new.kind, new.title, new.body);
        END
        """,
        """
        {{SQLITE}}CREATE TRIGGER search_documents_deleted AFTER DELETE ON search_documents BEGIN
            INSERT INTO search_fts (search_fts, rowid, kind, title, body) VALUES ('delete', old.id, old.kind, old.title, old.body);
        END
        """,
        """
        {{SQLITE}}CREATE TRIGGER search_documents_updated AFTER UPDATE ON search_documents BEGIN
            INSERT INTO search_fts (search_fts, rowid, kind, title, body) VALUES ('delete', old.id, old.kind, old.title, old.body);
            INSERT INTO search_fts (rowid, kind, title, body) VALUES (new.id, new.kind, new.title, new.body);
        END
        """,
        """
        {{POSTGRES}}ALTER TABLE search_documents ADD COLUMN document tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', body), 'B')
        ) STORED
        """,
        // One GIN index per kind, so a search within one kind reads only that kind's entries.
        "{{POSTGRES}}CREATE INDEX search_documents_resources ON search_documents USING GIN (document) WHERE kind = 'resources'",
        "{{POSTGRES}}CREATE INDEX search_documents_events ON search_documents USING GIN (document) WHERE kind = 'events'",
        "{{POSTGRES}}CREATE INDEX search_documents_blog ON search_documents USING GIN (document) WHERE kind = 'blog'",
        "{{POSTGRES}}CREATE INDEX search_documents_vacancies ON search_documents USING GIN (document) WHERE kind = 'vacancies'",
        "{{POSTGRES}}CREATE INDEX search_documents_members ON search_documents USING GIN (document) WHERE kind = 'members'",
        "{{POSTGRES}}CREATE INDEX search_documents_pages ON search_documents USING GIN (document) WHERE kind = 'pages'",
        // Compared byte by byte on both engines: SQLite's default BINARY, PostgreSQL's "C".
        "{{SQLITE}}ALTER TABLE organisations ADD COLUMN sort_name TEXT NOT NULL DEFAULT ''",
        "{{POSTGRES}}ALTER TABLE organisations ADD COLUMN sort_name TEXT COLLATE \"C\" NOT NULL DEFAULT ''",
    ], afterwards: { sql in try await SearchIndex.rebuild(sql) })
}
