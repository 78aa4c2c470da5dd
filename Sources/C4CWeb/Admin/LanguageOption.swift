import C4CCore

/// One of the five interface languages offered to an editor, written in its own name and marked
/// with its own `lang`, so a screen reader says "Français" in French whatever the page's language.
struct LanguageOption: Sendable, Encodable {
    let value: String
    let label: String
    let lang: String
    let direction: String
    let selected: Bool

    static func all(selected: String) -> [LanguageOption] {
        Language.allCases.map {
            LanguageOption(value: $0.rawValue, label: $0.nativeName, lang: $0.rawValue, direction: $0.direction, selected: $0.rawValue == selected)
        }
    }
}
