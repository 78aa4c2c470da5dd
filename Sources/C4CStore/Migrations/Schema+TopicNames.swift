extension Schema {
    /// A topic's name in the other languages. Topics stay one row each, filed and addressed by
    /// their English row: a translation is only a name, so every list of topics, every link to one
    /// and every filter keep working unchanged, and a missing name falls back to the English.
    static let topicNames = Migration("2026-11-30-27-topic-names", [
        """
        CREATE TABLE topic_names (
            topic_id BIGINT NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
            lang TEXT NOT NULL CHECK (lang IN ('fr', 'es', 'pt', 'ar')),
            name TEXT NOT NULL,
            PRIMARY KEY (topic_id, lang)
        )
        """,
    ])
}
