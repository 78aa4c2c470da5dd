extension Schema {
    /// Every content row has had `author_id` since the first migration, and the back office sets
    /// it when an item is created; rows written another way (the demo seed, an author whose
    /// account was removed) have none. They take the user of their oldest revision, when there is
    /// one, so the lists' author filter and "My drafts" find them.
    static let authors = Migration("2026-11-29-25-authors", authorTables.map { table in
        """
        UPDATE \(table) SET author_id = (
            SELECT r.user_id FROM revisions r WHERE r.item_type = '\(table)' AND r.item_id = \(table).id ORDER BY r.at, r.id LIMIT 1
        ) WHERE author_id IS NULL
        """
    })

    /// The content tables as this migration found them. Written out, not taken from
    /// `ContentTypes`: a released migration's statements never change.
    private static let authorTables = ["events", "resources", "blog_posts", "vacancies", "pages", "key_facts", "event_series",
                                       "hero_slides", "people", "affiliates", "organisations"]
}
