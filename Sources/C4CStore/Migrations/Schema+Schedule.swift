extension Schema {
    /// One index on every column holding a scheduled instant, so the page cache finds the next
    /// scheduled change with one index probe per column (`ContentVersionQueries.nextScheduledInstant`).
    static let scheduleIndexes = Migration("2026-11-29-14-schedule-indexes", [
        "CREATE INDEX schedule_key_facts_publish_at ON key_facts (publish_at)",
        "CREATE INDEX schedule_hero_slides_publish_at ON hero_slides (publish_at)",
        "CREATE INDEX schedule_hero_slides_featured_until ON hero_slides (featured_until)",
        "CREATE INDEX schedule_pages_publish_at ON pages (publish_at)",
        "CREATE INDEX schedule_organisations_publish_at ON organisations (publish_at)",
        "CREATE INDEX schedule_affiliates_publish_at ON affiliates (publish_at)",
        "CREATE INDEX schedule_people_publish_at ON people (publish_at)",
        "CREATE INDEX schedule_resources_publish_at ON resources (publish_at)",
        "CREATE INDEX schedule_resources_featured_until ON resources (featured_until)",
        "CREATE INDEX schedule_event_series_publish_at ON event_series (publish_at)",
        "CREATE INDEX schedule_events_publish_at ON events (publish_at)",
        "CREATE INDEX schedule_events_featured_until ON events (featured_until)",
        "CREATE INDEX schedule_events_starts_at ON events (starts_at)",
        "CREATE INDEX schedule_events_ends_at ON events (ends_at)",
        "CREATE INDEX schedule_vacancies_publish_at ON vacancies (publish_at)",
        "CREATE INDEX schedule_vacancies_featured_until ON vacancies (featured_until)",
        "CREATE INDEX schedule_vacancies_deadline_at ON vacancies (deadline_at)",
        "CREATE INDEX schedule_blog_posts_publish_at ON blog_posts (publish_at)",
        "CREATE INDEX schedule_blog_posts_featured_until ON blog_posts (featured_until)",
    ])
}
