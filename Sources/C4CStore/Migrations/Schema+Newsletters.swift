extension Schema {
    /// Newsletter issues: a draft keeps its subject, introduction, language, topics and chosen
    /// items; sending snapshots the rendered mail and its web form on the issue, so every recipient,
    /// a resumed send, a second instance and the public archive all see the same content.
    /// `newsletter_deliveries` holds one row per (issue, subscriber) a message was queued for; its
    /// key is what makes a second press of Send, or a second instance, queue nothing more.
    static let newsletters = Migration("2026-11-29-19-newsletters", [
        """
        CREATE TABLE newsletter_issues (
            id {{ID}},
            subject TEXT NOT NULL DEFAULT '',
            introduction TEXT NOT NULL DEFAULT '',
            lang TEXT NOT NULL DEFAULT 'en',
            status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sending', 'sent')),
            slug TEXT UNIQUE,
            suggested_since BIGINT NOT NULL,
            created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            sending_started_at BIGINT,
            sent_at BIGINT,
            recipient_count INTEGER NOT NULL DEFAULT 0,
            mail_text TEXT NOT NULL DEFAULT '',
            mail_html TEXT NOT NULL DEFAULT '',
            web_html TEXT NOT NULL DEFAULT ''
        )
        """,
        "CREATE INDEX newsletter_issues_archive ON newsletter_issues (status, lang, sent_at)",
        """
        CREATE TABLE newsletter_issue_topics (
            issue_id BIGINT NOT NULL REFERENCES newsletter_issues(id) ON DELETE CASCADE,
            topic_id BIGINT NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
            PRIMARY KEY (issue_id, topic_id)
        )
        """,
        """
        CREATE TABLE newsletter_issue_items (
            issue_id BIGINT NOT NULL REFERENCES newsletter_issues(id) ON DELETE CASCADE,
            item_type TEXT NOT NULL CHECK (item_type IN ('resources', 'events', 'vacancies', 'blog_posts')),
            item_id BIGINT NOT NULL,
            position INTEGER NOT NULL,
            PRIMARY KEY (issue_id, item_type, item_id)
        )
        """,
        """
        CREATE TABLE newsletter_deliveries (
            issue_id BIGINT NOT NULL REFERENCES newsletter_issues(id) ON DELETE CASCADE,
            subscriber_id BIGINT NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
            mail_id BIGINT REFERENCES mail_outbox(id) ON DELETE SET NULL,
            queued_at BIGINT NOT NULL,
            PRIMARY KEY (issue_id, subscriber_id)
        )
        """,
    ])
}
