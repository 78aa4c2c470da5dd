extension Schema {
    /// The mailing list and the contact form made real. `subscribers` of migration 08 kept its
    /// tokens in clear and its topics as text; nothing ever wrote a row to it (the sign-up answered
    /// 405 until now), so it is created again: tokens live hashed in `subscriber_tokens` (one
    /// confirmation token per mail, with an expiry; one unsubscribe token per message sent, so every
    /// link ever mailed keeps working), topics in a join table. `public_form_posts` keeps the
    /// accepted posts of public forms for an hour, to limit them per client address.
    static let mailingList = Migration("2026-11-29-17-mailing-list", [
        "DROP TABLE subscribers",
        """
        CREATE TABLE subscribers (
            id {{ID}},
            email TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL DEFAULT '',
            language TEXT NOT NULL DEFAULT 'en',
            status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'unsubscribed')),
            last_mailed_at BIGINT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            confirmed_at BIGINT,
            unsubscribed_at BIGINT
        )
        """,
        "CREATE INDEX subscribers_by_status ON subscribers (status, language)",
        """
        CREATE TABLE subscriber_topics (
            subscriber_id BIGINT NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
            topic_id BIGINT NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
            PRIMARY KEY (subscriber_id, topic_id)
        )
        """,
        "CREATE INDEX subscriber_topics_by_topic ON subscriber_topics (topic_id)",
        """
        CREATE TABLE subscriber_tokens (
            token_hash TEXT PRIMARY KEY,
            subscriber_id BIGINT NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
            purpose TEXT NOT NULL CHECK (purpose IN ('confirm', 'manage')),
            created_at BIGINT NOT NULL,
            expires_at BIGINT
        )
        """,
        "CREATE INDEX subscriber_tokens_by_subscriber ON subscriber_tokens (subscriber_id, purpose)",
        """
        CREATE TABLE public_form_posts (
            id {{ID}},
            form TEXT NOT NULL,
            address TEXT NOT NULL,
            posted_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX public_form_posts_by_address ON public_form_posts (form, address, posted_at)",
        "ALTER TABLE contact_messages ADD COLUMN language TEXT NOT NULL DEFAULT 'en'",
        "ALTER TABLE contact_messages ADD COLUMN handled_at BIGINT",
        "ALTER TABLE contact_messages ADD COLUMN handled_by BIGINT REFERENCES users(id) ON DELETE SET NULL",
        "CREATE INDEX contact_messages_by_state ON contact_messages (handled, created_at)",
    ])
}
