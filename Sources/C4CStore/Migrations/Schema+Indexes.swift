extension Schema {
    /// Indexes for the public pages at 50,000 resources, chosen by reading each page's plans on both
    /// engines (`c4c explain-public-queries`): a page that shows a few items reads about as many rows,
    /// whatever the site holds.
    static let publicQueryIndexes = Migration("2026-11-29-15-public-query-indexes", [
        // Lists walk the items in the order they are shown and stop at the page's end. A reader's
        // language matches two values (theirs, and English where no translation exists), so the
        // date leads; SQLite reads `resources_listing` per language and status and stops early,
        // PostgreSQL walks these. Featured resources (a few) get an index of `resources_listing`'s
        // shape, and so do posts, which are listed by `COALESCE(publish_at, created_at)`: their old
        // `blog_posts_by_date` keyed `publish_at` alone, and SQLite took it and sorted every post.
        // SQLite stops early only when the key ends there (the row id follows implicitly).
        "CREATE INDEX resources_newest ON resources (published_on, id)",
        "CREATE INDEX resources_featured ON resources (lang, status, published_on) WHERE featured = TRUE",
        "CREATE INDEX blog_posts_newest ON blog_posts ((COALESCE(publish_at, created_at)), id)",
        "DROP INDEX blog_posts_by_date",
        "CREATE INDEX blog_posts_by_date ON blog_posts (lang, status, (COALESCE(publish_at, created_at)))",
        "CREATE INDEX events_by_language_and_start ON events (lang, starts_at)",
        "CREATE INDEX events_by_language_and_end ON events (lang, ends_at)",
        "CREATE INDEX vacancies_by_language_and_deadline ON vacancies (lang, deadline_at)",
        // An item's own rows, read with its page.
        "CREATE INDEX event_speakers_by_event ON event_speakers (event_id, position)",
        "CREATE INDEX resource_files_by_resource ON resource_files (resource_id, position)",
        // From a filter's value to its items: topics, regions, languages, members.
        "CREATE INDEX resource_topics_by_topic ON resource_topics (topic_id, resource_id)",
        "CREATE INDEX resource_regions_by_region ON resource_regions (region_id, resource_id)",
        "CREATE INDEX resource_languages_by_language ON resource_languages (language, resource_id)",
        "CREATE INDEX resource_organisations_by_organisation ON resource_organisations (organisation_id, resource_id)",
        "CREATE INDEX blog_post_topics_by_topic ON blog_post_topics (topic_id, post_id)",
        "CREATE INDEX blog_posts_by_organisation ON blog_posts (author_organisation_id)",
        "CREATE INDEX event_speakers_by_organisation ON event_speakers (organisation)",
        // A file is served only while public content uses it: from the file to its users.
        "CREATE INDEX media_by_file ON media (file_id)",
        "CREATE INDEX resources_by_cover ON resources (cover_image_id)",
        "CREATE INDEX events_by_cover ON events (cover_image_id)",
        "CREATE INDEX events_by_poster ON events (recording_poster_id)",
        "CREATE INDEX blog_posts_by_cover ON blog_posts (cover_image_id)",
        "CREATE INDEX vacancies_by_terms ON vacancies (terms_file_id)",
        "CREATE INDEX resource_files_by_file ON resource_files (file_id)",
        "CREATE INDEX event_files_by_file ON event_files (file_id)",
    ])
}
