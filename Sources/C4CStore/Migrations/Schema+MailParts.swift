extension Schema {
    /// Outbox messages carry an HTML alternative and attachments (a receipt's copy, a webinar's
    /// .ics), written in the same transaction as the message; `''` means plain text only.
    /// Attachments are the message's own bytes rather than references to `files`, so a file
    /// deleted or replaced later never changes a message already queued.
    static let mailParts = Migration("2026-11-29-16-mail-parts", [
        "ALTER TABLE mail_outbox ADD COLUMN body_html TEXT NOT NULL DEFAULT ''",
        """
        CREATE TABLE mail_attachments (
            mail_id BIGINT NOT NULL REFERENCES mail_outbox(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            filename TEXT NOT NULL,
            content_type TEXT NOT NULL,
            bytes {{BLOB}} NOT NULL,
            PRIMARY KEY (mail_id, position)
        )
        """,
    ])
}
