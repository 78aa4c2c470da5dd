@testable import C4CStore
@testable import C4CWeb
import C4CCore
import C4CTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// The content list says which translations are missing or older than their original, and
/// filters to them.
@Suite struct TranslationStatusTests {
    /// A group with an English original, a French translation made after its last change and a
    /// Spanish one made before it; and an English item with no translation at all.
    static func makeItems(_ database: any Database) async throws -> (original: Int64, french: Int64, spanish: Int64, alone: Int64) {
        let make = ContentListTests.Maker(database: database)
        let word = ContentListTests.word
        let original = try await make.event("\(word) original")
        let alone = try await make.event("\(word) alone")
        func translation(_ lang: String) async throws -> Int64 {
            var text = try #require(try await make.editor.load(make.type, id: original)).fields
            text["title"] = "\(word) \(lang) translation"
            let (values, _) = make.type.validate(text)
            return try await make.editor.save(make.type, id: nil, slug: "\(lang)-translation", lang: lang, status: .draft, publishAt: nil,
                                              values: values, formText: text, userID: try await make.userID("editor@c4c.test"),
                                              organisationID: nil, translationOf: original, now: TestDatabases.referenceNow)
        }
        let french = try await translation("fr"), spanish = try await translation("es")
        let start = TestDatabases.referenceNow.epochSeconds
        try await database.write { sql in
            for (id, updated) in [(spanish, start + 100), (original, start + 200), (french, start + 300), (alone, start + 50)] {
                try await sql.raw("UPDATE events SET updated_at = \(bind: updated) WHERE id = \(bind: id)").run()
            }
        }
        return (original, french, spanish, alone)
    }

    /// The translation cells of the list row that links to `id`.
    static func cells(_ page: String, _ id: Int64) throws -> String {
        let row = try #require(page.firstMatch(of: try Regex(#"<a href="/admin/content/events/\#(id)">.*?</tr>"#)), "row \(id) is listed")
        return String(page[row.range])
    }

    @Test(arguments: TestDatabases.engines)
    func theListSaysWhichTranslationsAreMissingOrOutOfDateAndFiltersToThem(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let items = try await Self.makeItems(database)
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            let page = try await ContentListTests.list(client, editor, "")

            let original = try Self.cells(page, items.original)
            #expect(original.contains(#"<li class="translation-current"><span aria-hidden="true">fr ✓</span><span class="visually-hidden">French: translation up to date</span></li>"#))
            #expect(original.contains(#"<li class="translation-outdated"><span aria-hidden="true">es out of date</span><span class="visually-hidden">Spanish: translation out of date</span></li>"#))
            #expect(original.contains(#"<li class="translation-missing"><span aria-hidden="true">pt missing</span><span class="visually-hidden">Portuguese: no translation</span></li>"#))
            #expect(original.contains(#"<span aria-hidden="true">ar missing</span>"#))
            #expect(!original.contains(#"aria-hidden="true">en "#), "a row does not list its own language")
            let spanish = try Self.cells(page, items.spanish)
            #expect(spanish.contains(#"<li class="translation-original"><span aria-hidden="true">en original</span><span class="visually-hidden">English: original</span></li>"#))
            #expect(spanish.contains(#"<span aria-hidden="true">fr ✓</span>"#))
            #expect(!spanish.contains(#"aria-hidden="true">es "#))

            func shown(_ query: String) async throws -> Set<String> {
                Set(ContentListTests.titles(try await ContentListTests.list(client, editor, query)).map { String($0.dropFirst(ContentListTests.word.count + 1)) })
            }
            #expect(try await shown("&translation=missing-pt") == ["original", "alone"], "originals of groups with no Portuguese")
            #expect(try await shown("&translation=missing-fr") == ["alone"])
            #expect(try await shown("&translation=missing-es") == ["alone"])
            #expect(try await shown("&translation=outdated-es") == ["es translation"], "the Spanish row, older than its original")
            #expect(try await shown("&translation=outdated-fr").isEmpty)
            #expect(try await shown("&translation=outdated-pt").isEmpty, "a missing translation is not an outdated one")
            #expect(try await shown("&translation=missing-pt&lang=en&status=draft") == ["original", "alone"], "it combines with the other filters")
            #expect(try await shown("&translation=missing-pt&lang=fr").isEmpty)

            // The filter reads back as the form's choice, and the pages and columns keep it.
            let filtered = try await ContentListTests.list(client, editor, "&translation=outdated-es")
            #expect(filtered.contains(#"<option value="outdated-es" selected>Out of date in Spanish</option>"#))
            #expect(filtered.contains(#"<option value="missing-fr">Missing in French</option>"#))
            #expect(filtered.contains("translation=outdated-es&amp;sort=title"))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aFrenchEditorReadsTheStatesInFrench(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let items = try await Self.makeItems(database)
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            #expect(try await EditorLanguageTests.choose("fr", client, editor).status == .seeOther)
            let page = try await ContentListTests.list(client, editor, "")
            let original = try Self.cells(page, items.original)
            #expect(original.contains(#"<span aria-hidden="true">es pas à jour</span><span class="visually-hidden">espagnol : traduction pas à jour</span>"#))
            #expect(page.contains(#"<option value="missing-pt">Manquant en portugais</option>"#))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func anItemWithoutEnglishHasItsOldestRowAsItsOriginal(engine: Engine) async throws {
        try await TestDatabases.with(engine, seeded: true) { database in
            try await BackOfficeTests.makeUsers(database)
            let items = try await Self.makeItems(database)
            try await database.write { sql in
                try await sql.raw("DELETE FROM events WHERE id = \(bind: items.original)").run()
            }
            let group = try await database.read { sql in
                try await sql.raw("SELECT translation_group FROM events WHERE id = \(bind: items.french)").first()!.decode(column: "translation_group", as: String.self)
            }
            let editor = ContentEditorQueries(database: database)
            let states = try #require(try await editor.translationStates(ContentTypes.named("events")!, groups: [group])[group])
            // French and Spanish were made in the same second; the lower id, French, is the older.
            #expect(states == [.fr: .original, .es: .outdated, .en: .missing, .pt: .missing, .ar: .missing])
        }
    }
}
