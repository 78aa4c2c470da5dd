import Foundation

/// Every string a visitor reads, per language, looked up by key. A language missing a key falls
/// back to English, so a partial translation never shows a blank.
public struct TextCatalog: Sendable {
    private let tables: [Language: [String: String]]

    /// `tables[.en]` is the reference: every key exists there.
    public init(tables: [Language: [String: String]]) {
        let english = tables[.default] ?? [:]
        var merged: [Language: [String: String]] = [:]
        for language in Language.allCases {
            merged[language] = english.merging(tables[language] ?? [:]) { _, translated in translated }
        }
        self.tables = merged
    }

    /// Reads `en.json`, `fr.json`, … from a folder; a language without a file uses English.
    public static func load(from directory: URL) throws -> TextCatalog {
        var tables: [Language: [String: String]] = [:]
        for language in Language.allCases {
            let file = directory.appendingPathComponent("\(language.rawValue).json")
            guard FileManager.default.fileExists(atPath: file.path) else { continue }
            tables[language] = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: file))
        }
        guard tables[.default] != nil else { throw CatalogError.missingEnglish(directory.path) }
        return TextCatalog(tables: tables)
    }

    /// The whole table for a language, handed to templates as `t`.
    public func table(for language: Language) -> [String: String] { tables[language] ?? [:] }

    /// One string; the key itself when no language has it, so a gap is visible, not silent.
    public func text(_ key: String, _ language: Language) -> String {
        tables[language]?[key] ?? key
    }

    /// A string with `{name}` placeholders filled in.
    public func text(_ key: String, _ language: Language, _ values: [String: String]) -> String {
        Self.fill(text(key, language), values)
    }

    /// A counted phrase: `key_one`, `key_other`, … chosen by the language's CLDR plural rules
    /// (`PluralCategory`), with `{count}` filled in as the language writes numbers.
    public func counted(_ key: String, _ language: Language, count: Int, _ values: [String: String] = [:]) -> String {
        let category = language.pluralCategory(count)
        let phrase = tables[language]?["\(key)_\(category.rawValue)"] ?? text("\(key)_other", language)
        let number = count.formatted(.number.locale(language.locale))
        return Self.fill(phrase, values.merging(["count": number]) { given, _ in given })
    }

    private static func fill(_ text: String, _ values: [String: String]) -> String {
        var result = text
        for (name, value) in values {
            result = result.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return result
    }

    public enum CatalogError: Error, CustomStringConvertible {
        case missingEnglish(String)
        public var description: String {
            switch self {
            case .missingEnglish(let path): "No en.json text catalog in \(path)"
            }
        }
    }
}
