/// The CLDR plural categories (unicode.org/cldr, "Language Plural Rules") for whole numbers, which
/// are the only counts the site shows. English has two, French, Spanish and Portuguese three (their
/// "many" is for exact millions: "1 000 000 de ressources"), Arabic six.
public enum PluralCategory: String, CaseIterable, Sendable {
    case zero, one, two, few, many, other
}

extension Language {
    /// The categories this language's catalog must write for every counted phrase.
    public var pluralCategories: [PluralCategory] {
        switch self {
        case .en: [.one, .other]
        case .fr, .es, .pt: [.one, .many, .other]
        case .ar: [.zero, .one, .two, .few, .many, .other]
        }
    }

    /// The category of a whole number `count` in this language.
    public func pluralCategory(_ count: Int) -> PluralCategory {
        let n = count.magnitude
        let isExactMillions = n != 0 && n % 1_000_000 == 0
        switch self {
        case .en:
            return n == 1 ? .one : .other
        case .fr, .pt:
            if n <= 1 { return .one }
            return isExactMillions ? .many : .other
        case .es:
            if n == 1 { return .one }
            return isExactMillions ? .many : .other
        case .ar:
            switch (n, n % 100) {
            case (0, _): return .zero
            case (1, _): return .one
            case (2, _): return .two
            case (_, 3...10): return .few
            case (_, 11...99): return .many
            default: return .other
            }
        }
    }
}
