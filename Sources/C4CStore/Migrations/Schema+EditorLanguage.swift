extension Schema {
    /// The language each editor reads the back office in. Existing accounts keep English, which
    /// is what they read before; the check keeps the column to the five interface languages.
    static let editorLanguage = Migration("2026-11-30-26-editor-language", [
        "ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'fr', 'es', 'pt', 'ar'))",
    ])
}
