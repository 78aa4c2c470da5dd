extension Schema {
    /// Built-in webinar registration: a waiting list in the order people joined, a cancel link
    /// kept only as its hash, the registrant's language for their mails, and when their reminder
    /// was queued. The table of migration 07 was never written to, so it is made again.
    static let registrations = Migration("2026-11-29-18-registrations", [
        "DROP TABLE registrations",
        """
        CREATE TABLE registrations (
            id {{ID}},
            event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            email TEXT NOT NULL,
            organisation TEXT NOT NULL DEFAULT '',
            country_code TEXT NOT NULL DEFAULT '',
            language TEXT NOT NULL DEFAULT 'en',
            cancel_token_hash TEXT NOT NULL UNIQUE,
            status TEXT NOT NULL CHECK (status IN ('registered', 'waiting', 'cancelled')),
            queued_at BIGINT NOT NULL,
            promoted_at BIGINT,
            cancelled_at BIGINT,
            reminder_queued_at BIGINT,
            created_at BIGINT NOT NULL,
            UNIQUE (event_id, email)
        )
        """,
        "CREATE INDEX registrations_in_order ON registrations (event_id, status, queued_at, id)",
        // Pages that show a registration form change when it closes: the next scheduled instant looks here.
        "CREATE INDEX events_by_registration_close ON events (registration_closes_at)",
    ])
}
