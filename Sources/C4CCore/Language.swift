/// The languages the interface and content are offered in. English lives at the root of the site,
/// every other language under its code (`/fr/resources`).
public enum Language: String, CaseIterable, Sendable, Codable {
    case en, fr, es, pt, ar

    public static let `default`: Language = .en

    /// Text direction for the `dir` attribute.
    public var direction: String { self == .ar ? "rtl" : "ltr" }

    /// The language's own name for itself, as shown in the language switcher.
    public var nativeName: String {
        switch self {
        case .en: "English"
        case .fr: "Français"
        case .es: "Español"
        case .pt: "Português"
        case .ar: "العربية"
        }
    }

    /// This language's name as a reader of `reader` calls it ("anglais", "الإنجليزية"), from the
    /// CLDR data Foundation carries; its own name where that data has none.
    public func name(in reader: Language) -> String {
        reader.locale.localizedString(forLanguageCode: rawValue) ?? nativeName
    }

    /// The path prefix of this language: empty for English, `/fr` for French.
    public var pathPrefix: String { self == .default ? "" : "/\(rawValue)" }

    /// Splits a request path into its language and the path without the language prefix:
    /// `/fr/resources` → (.fr, `/resources`); `/resources` → (.en, `/resources`).
    public static func split(path: String) -> (language: Language, rest: String) {
        let trimmed = path.dropFirst()
        let firstSegment = trimmed.prefix { $0 != "/" }
        if let language = Language(rawValue: String(firstSegment)), language != .default {
            let rest = trimmed.dropFirst(firstSegment.count)
            return (language, rest.isEmpty ? "/" : String(rest))
        }
        return (.default, path)
    }
}
