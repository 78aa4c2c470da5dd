import C4CCore
import C4CTestSupport
import Foundation
import Testing

/// swift-mustache renders a missing key as nothing, silently, and the back office shows a raw key
/// for a missing label: these tests find every such gap before a visitor or an editor does.
@Suite struct CatalogCoverageTests {
    static let resources = TestApp.rootDirectory.appendingPathComponent("Resources")

    static func catalog(_ language: Language) throws -> [String: String] {
        let file = resources.appendingPathComponent("Catalog/\(language.rawValue).json")
        return try JSONDecoder().decode([String: String].self, from: Data(contentsOf: file))
    }

    /// `t.<key>` in every tag form: `{{t.x}}`, `{{{t.x}}}`, `{{#t.x}}`, `{{^t.x}}`, `{{/t.x}}`, `{{& t.x}}`.
    static func templateKeys() throws -> [(template: String, key: String)] {
        let folder = resources.appendingPathComponent("Templates")
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "mustache" } ?? []
        var keys: [(template: String, key: String)] = []
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            let name = String(file.path.dropFirst(folder.path.count + 1))
            for match in text.matches(of: /\{\{\{?\s*[#^\/&]?\s*t\.([A-Za-z0-9_]+)/) {
                keys.append((name, String(match.1)))
            }
        }
        return keys
    }

    @Test func everyCatalogKeyATemplateNamesExistsInEnglish() throws {
        let english = try Self.catalog(.en)
        let keys = try Self.templateKeys()
        #expect(keys.count > 100, "the scan found only \(keys.count) references; has the template syntax changed?")
        for reference in keys {
            #expect(english[reference.key] != nil, "\(reference.template) names t.\(reference.key), which en.json lacks")
        }
    }

    /// The phrases English counts (`x_one` and `x_other`), by their base key.
    static func countedPhrases(_ english: [String: String]) -> Set<String> {
        Set(english.keys.filter { $0.hasSuffix("_one") }.map { String($0.dropLast(4)) }.filter { english["\($0)_other"] != nil })
    }

    /// The keys a language's catalog must have: English's, with every counted phrase written in the
    /// language's own plural categories (Arabic's six, French's three…).
    static func expectedKeys(_ language: Language, english: [String: String]) -> Set<String> {
        let counted = countedPhrases(english)
        let plain = english.keys.filter { key in !counted.contains { key.hasPrefix($0 + "_") && PluralCategory(rawValue: String(key.dropFirst($0.count + 1))) != nil } }
        return Set(plain).union(counted.flatMap { base in language.pluralCategories.map { "\(base)_\($0.rawValue)" } })
    }

    @Test(arguments: Language.allCases.filter { $0 != .en })
    func theCatalogHasEveryKeyEnglishHasInItsOwnPluralFormsAndNoOther(language: Language) throws {
        let english = try Self.catalog(.en)
        let expected = Self.expectedKeys(language, english: english)
        let actual = Set(try Self.catalog(language).keys)
        #expect(expected.subtracting(actual).sorted() == [], "\(language.rawValue).json lacks these keys")
        #expect(actual.subtracting(expected).sorted() == [], "\(language.rawValue).json has keys English lacks")
    }

    @Test func everyContentTypeLabelFieldLabelAndChoiceExistsInEnglish() throws {
        let english = try Self.catalog(.en)
        for type in ContentTypes.all {
            #expect(english["admin_type_\(type.key)"] != nil, "en.json lacks admin_type_\(type.key)")
            for field in type.fields {
                #expect(english["field_\(field.name)"] != nil, "en.json lacks field_\(field.name), the label of \(type.key).\(field.name)")
                if case .choice(let values) = field.kind {
                    for value in values where !value.isEmpty {
                        #expect(english["choice_\(value)"] != nil, "en.json lacks choice_\(value), a choice of \(type.key).\(field.name)")
                    }
                }
            }
        }
    }

    /// A hint is looked up as `hint_<type>_<field>`, then `hint_<field>`; one that matches no field
    /// is shown nowhere.
    @Test func everyHintInTheCatalogBelongsToAFieldTheEditorShows() throws {
        let english = try Self.catalog(.en)
        // The item form's own fields, beside each type's.
        var hintable: Set<String> = ["hint_slug", "hint_publish_at"]
        for type in ContentTypes.all {
            for field in type.fields {
                hintable.insert("hint_\(field.name)")
                hintable.insert("hint_\(type.key)_\(field.name)")
            }
        }
        let stray = english.keys.filter { $0.hasPrefix("hint_") && !hintable.contains($0) }.sorted()
        #expect(stray.isEmpty, "hints for no field: \(stray)")
    }
}
