import C4CCore
import Testing

@Suite struct PluralCategoryTests {
    @Test func arabicUsesAllSixCLDRCategoriesForWholeNumbers() {
        let expected: [(Int, PluralCategory)] = [
            (0, .zero), (1, .one), (2, .two), (3, .few), (10, .few), (11, .many), (99, .many),
            (100, .other), (101, .other), (102, .other), (103, .few), (111, .many), (1_000, .other),
        ]
        for (count, category) in expected {
            #expect(Language.ar.pluralCategory(count) == category, "\(count)")
        }
    }

    @Test func frenchAndPortugueseCountZeroAsOneAndExactMillionsAsMany() {
        for language in [Language.fr, .pt] {
            #expect(language.pluralCategory(0) == .one)
            #expect(language.pluralCategory(1) == .one)
            #expect(language.pluralCategory(2) == .other)
            #expect(language.pluralCategory(1_000_000) == .many)
            #expect(language.pluralCategory(1_000_001) == .other)
        }
    }

    @Test func englishAndSpanishCountOnlyOneAsOne() {
        #expect(Language.en.pluralCategory(0) == .other)
        #expect(Language.es.pluralCategory(0) == .other)
        #expect(Language.en.pluralCategory(1) == .one)
        #expect(Language.es.pluralCategory(1) == .one)
        #expect(Language.es.pluralCategory(2_000_000) == .many)
        #expect(Language.en.pluralCategory(2_000_000) == .other)
    }

    @Test func aCountedPhraseTakesTheLanguagesFormAndWritesTheNumberItsWay() {
        let catalog = TextCatalog(tables: [
            .en: ["x_one": "{count} resource", "x_other": "{count} resources"],
            .ar: ["x_zero": "لا موارد", "x_one": "مورد واحد", "x_two": "موردان", "x_few": "{count} موارد",
                  "x_many": "{count} موردًا", "x_other": "{count} مورد"],
            .fr: ["x_one": "{count} ressource", "x_many": "{count} de ressources", "x_other": "{count} ressources"],
        ])
        #expect(catalog.counted("x", .ar, count: 0) == "لا موارد")
        #expect(catalog.counted("x", .ar, count: 2) == "موردان")
        #expect(catalog.counted("x", .ar, count: 5) == "5 موارد")
        #expect(catalog.counted("x", .ar, count: 12) == "12 موردًا")
        #expect(catalog.counted("x", .fr, count: 0) == "0 ressource")
        #expect(catalog.counted("x", .fr, count: 2_000_000).hasSuffix("de ressources"))
        #expect(catalog.counted("x", .en, count: 1_500) == "1,500 resources")
    }
}
