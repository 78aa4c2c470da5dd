extension Schema {
    /// Full-text search over every public kind of content, and the members' name sort key.
    /// `search_documents` holds one row per item with its title and text folded by
    /// `TextFolding` (lower case, no accents). SQLite indexes each kind in its own FTS5 table,
    /// kept in step by triggers; PostgreSQL uses a generated `tsvector` column under a GIN index
    /// per kind. One index per kind, so a search within one kind never reads another kind's
    /// entries. What an item's document says is written by `SearchIndex` in every write's
    /// transaction; whether a visitor may see the item is decided when searching, from its own row.
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
    ] + searchKinds.map { kind in
        // Contentless: the text lives in search_documents; prefix indexes up to six letters keep
        // a short word's many completions cheap.
        """
        {{SQLITE}}CREATE VIRTUAL TABLE search_fts_\(kind) USING fts5(
            title, body, content = '', contentless_delete = 1,
            tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4 5 6'
        )
        """
    } + [
        "{{SQLITE}}CREATE TRIGGER search_documents_inserted AFTER INSERT ON search_documents BEGIN\n\(indexNew)END",
        "{{SQLITE}}CREATE TRIGGER search_documents_deleted AFTER DELETE ON search_documents BEGIN\n\(unindexOld)END",
        "{{SQLITE}}CREATE TRIGGER search_documents_updated AFTER UPDATE ON search_documents BEGIN\n\(unindexOld)\(indexNew)END",
        // Words only, without positions: nothing ranks by them, and the vector stays small
        // enough to be kept inline and checked without unpacking.
        """
        {{POSTGRES}}ALTER TABLE search_documents ADD COLUMN document tsvector GENERATED ALWAYS AS (
            strip(to_tsvector('simple', title || ' ' || body))
        ) STORED
        """,
    ] + searchKinds.map { kind in
        "{{POSTGRES}}CREATE INDEX search_documents_\(kind) ON search_documents USING GIN (document) WHERE kind = '\(kind)'"
    } + [
        // Compared byte by byte on both engines: SQLite's default BINARY, PostgreSQL's "C".
        "{{SQLITE}}ALTER TABLE organisations ADD COLUMN sort_name TEXT NOT NULL DEFAULT ''",
        "{{POSTGRES}}ALTER TABLE organisations ADD COLUMN sort_name TEXT COLLATE \"C\" NOT NULL DEFAULT ''",
    ], afterwards: { sql in try await SearchIndex.rebuild(sql) })

    /// The kinds as this migration created their indexes. Written out, not taken from
    /// `SearchKind`: a released migration's statements never change.
    private static let searchKinds = ["resources", "events", "blog", "vacancies", "members", "pages"]

    /// Trigger statements that copy a document into its kind's FTS5 table, or remove it.
    private static let indexNew = searchKinds.map {
        "    INSERT INTO search_fts_\($0) (rowid, title, body) SELECT new.id, new.title, new.body WHERE new.kind = '\($0)';\n"
    }.joined()
    private static let unindexOld = searchKinds.map {
        "    DELETE FROM search_fts_\($0) WHERE rowid = old.id AND old.kind = '\($0)';\n"
    }.joined()
}
