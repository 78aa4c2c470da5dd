import C4CCore

/// The language a piece of content is written in, for the element that shows it. When it differs
/// from the page's (English shown on `/fr/` because no French translation exists), the element
/// says so with `lang` and `dir`, so a screen reader speaks it with English rules and, on an Arabic
/// page, its punctuation and numbers stay at their left-to-right places. Templates write it with
/// the `text-lang` partial: `<h3{{>text-lang}}>`.
///
/// Always present, never nil: a nil would send Mustache's lookup on to an outer object and label an
/// item with its page's language.
struct TextLanguage: Sendable, Encodable {
    let isFallback: Bool
    let code: String
    let dir: String

    /// Text in the page's own language: nothing to say.
    static let page = TextLanguage(.default, page: .default)

    init(_ content: Language, page: Language) {
        isFallback = content != page
        code = content.rawValue
        dir = content.direction
    }

    /// From a row's `lang` column; an unknown code counts as English, the language every row falls back to.
    init(_ content: String, page: Language) {
        self.init(Language(rawValue: content) ?? .default, page: page)
    }
}

/// A setting or title with the language it is written in: `{{#tagline}}<p{{>text-lang}}>{{text}}</p>{{/tagline}}`.
struct LocalizedText: Sendable, Encodable {
    let text: String
    let textLang: TextLanguage

    init(_ text: String, _ content: Language, page: Language) {
        self.text = text
        textLang = TextLanguage(content, page: page)
    }
}
