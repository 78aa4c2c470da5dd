extension Schema {
    /// Outbox messages claimed by one worker at a time, with a lease; `written` for a message a
    /// folder transport wrote instead of sending; password-reset requests kept for an hour so
    /// their rate can be limited per account and per address.
    static let mailClaims = Migration("2026-11-29-11-mail-claims", [
        // SQLite cannot change a CHECK constraint: the table is rebuilt with its rows and ids.
        // Nothing is ever deleted from the outbox, so the copied ids carry AUTOINCREMENT's counter.
        """
        {{SQLITE}}CREATE TABLE mail_outbox_rebuilt (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            to_address TEXT NOT NULL,
            subject TEXT NOT NULL,
            body_text TEXT NOT NULL,
            headers TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'written', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at BIGINT NOT NULL,
            last_error TEXT NOT NULL DEFAULT '',
            created_at BIGINT NOT NULL,
            sent_at BIGINT
        )
        """,
        """
        {{SQLITE}}INSERT INTO mail_outbox_rebuilt (id, to_address, subject, body_text, headers, status, attempts, next_attempt_at,
            last_error, created_at, sent_at)
        SELECT id, to_address, subject, body_text, headers, status, attempts, next_attempt_at, last_error, created_at, sent_at
        FROM mail_outbox
        """,
        "{{SQLITE}}DROP TABLE mail_outbox",
        "{{SQLITE}}ALTER TABLE mail_outbox_rebuilt RENAME TO mail_outbox",
        "{{SQLITE}}CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at)",
        "{{POSTGRES}}ALTER TABLE mail_outbox DROP CONSTRAINT mail_outbox_status_check",
        "{{POSTGRES}}ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_status_check CHECK (status IN ('pending', 'sent', 'written', 'failed'))",
        "ALTER TABLE mail_outbox ADD COLUMN claimed_by TEXT",
        "ALTER TABLE mail_outbox ADD COLUMN claimed_until BIGINT",
        """
        CREATE TABLE password_reset_requests (
            id {{ID}},
            address TEXT NOT NULL,
            email TEXT NOT NULL,
            mailed BOOLEAN NOT NULL,
            requested_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX password_reset_requests_address ON password_reset_requests (address, requested_at)",
        "CREATE INDEX password_reset_requests_email ON password_reset_requests (email, requested_at)",
    ])
}
