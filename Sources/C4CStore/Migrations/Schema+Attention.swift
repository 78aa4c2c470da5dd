extension Schema {
    /// What the dashboard's "What needs attention" reads. `safeguarding_answered_at` is when an
    /// editor last answered an image's safeguarding question; NULL means nobody has, which is what
    /// a row gets from any path that does not ask (a contributor's image, an import), so a new way
    /// in is flagged rather than silently cleared. Rows from before the column: media uploaded
    /// through the form, which asks, count as answered at their upload; images without alt text
    /// came from contributions, never described, and stay unanswered.
    static let attention = Migration("2026-11-29-20-attention", [
        "ALTER TABLE media ADD COLUMN safeguarding_answered_at BIGINT",
        "UPDATE media SET safeguarding_answered_at = created_at WHERE kind <> 'image' OR alt_text <> ''",
        // Each group is one probe: the few unanswered images, waiting contributions by age,
        // facts by their last update (outbox, vacancies and events already have theirs).
        "CREATE INDEX media_awaiting_safeguarding ON media (id) WHERE safeguarding_answered_at IS NULL",
        "CREATE INDEX contributions_by_status ON contributions (status, created_at)",
        "CREATE INDEX key_facts_by_update ON key_facts (updated_at)",
    ])
}
