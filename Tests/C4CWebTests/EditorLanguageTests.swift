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

/// Each editor reads the back office in the language they chose: pages, errors and dates.
@Suite struct EditorLanguageTests {
    static func text(_ key: String, _ language: Language) throws -> String {
        let text = try #require(try CatalogCoverageTests.catalog(language)[key], "\(language) has \(key)")
        if language != .en { #expect(text != (try CatalogCoverageTests.catalog(.en))[key], "\(key) is translated into \(language)") }
        return text
    }

    static func choose(_ language: String, _ client: some TestClientProtocol, _ browser: Browser) async throws -> TestResponse {
        try await client.execute(uri: "/admin/account/language", method: .post, headers: browser.headers,
                                 body: ByteBuffer(string: "_csrf=\(browser.csrf)&language=\(language)"))
    }

    @Test(arguments: TestDatabases.engines)
    func anEditorWhoChoosesArabicReadsTheBackOfficeRightToLeftAndKeepsItAfterSigningInAgain(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            let account = try await client.execute(uri: "/admin/account", method: .get, headers: editor.headers).text
            #expect(account.contains(#"<html lang="en" dir="ltr">"#))
            #expect(account.contains(#"<label lang="ar" dir="rtl"><input type="radio" name="language" value="ar"> العربية</label>"#),
                    "each language is offered in its own name and marked with its own language")
            #expect(try await client.execute(uri: "/admin", method: .get, headers: editor.headers).text.contains(#"<a class="account-link" href="/admin/account">"#),
                    "the account page is linked from the header")

            let chosen = try await Self.choose("ar", client, editor)
            #expect(chosen.status == .seeOther)
            #expect(chosen.headers[.location] == "/admin/account?saved=1")
            let saved = try await client.execute(uri: "/admin/account?saved=1", method: .get, headers: editor.headers).text
            #expect(saved.contains(#"<html lang="ar" dir="rtl">"#))
            #expect(saved.contains(try Self.text("admin_field_interface_language", .ar)))
            #expect(saved.contains(#"value="ar" checked"#))

            let dashboard = try await client.execute(uri: "/admin", method: .get, headers: editor.headers).text
            #expect(dashboard.contains(#"<html lang="ar" dir="rtl">"#))
            #expect(dashboard.contains(">\(try Self.text("admin_dashboard", .ar))</a>"), "the menu is in Arabic")
            #expect(dashboard.contains(">\(try Self.text("admin_sign_out", .ar))</button>"))

            let form = try await client.execute(uri: "/admin/content/events/new", method: .get, headers: editor.headers).text
            #expect(form.contains(#"<html lang="ar" dir="rtl">"#))
            #expect(form.contains(try Self.text("field_title", .ar)), "the form's labels are in Arabic")
            #expect(!form.contains(">Title<"))

            // Signing out and in again: the choice is the account's, not the session's.
            #expect(try await client.execute(uri: "/admin/logout", method: .post, headers: editor.headers,
                                             body: ByteBuffer(string: "_csrf=\(editor.csrf)")).status == .seeOther)
            let again = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            #expect(try await client.execute(uri: "/admin", method: .get, headers: again.headers).text.contains(#"<html lang="ar" dir="rtl">"#))

            // Another editor is untouched.
            let admin = try await Browser.signIn(client, email: "admin%40c4c.test", database: database)
            #expect(try await client.execute(uri: "/admin", method: .get, headers: admin.headers).text.contains(#"<html lang="en" dir="ltr">"#))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aLanguageOutsideTheFiveIsRefusedNextToTheChoiceAndNothingChanges(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            let refused = try await Self.choose("de", client, editor)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains(#"<span class="field-error" id="language-error">Choose one of the five languages.</span>"#))
            #expect(try await client.execute(uri: "/admin", method: .get, headers: editor.headers).text.contains(#"<html lang="en" dir="ltr">"#))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func anAdministratorSetsAnEditorsLanguageInTheUsersForm(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let admin = try await Browser.signIn(client, email: "admin%40c4c.test", database: database)
            let editorID = try await ContentListTests.Maker(database: database).userID("editor@c4c.test")
            let page = try await client.execute(uri: "/admin/users/\(editorID)", method: .get, headers: admin.headers).text
            #expect(page.contains(#"<option value="pt" lang="pt" dir="ltr">Português</option>"#))
            let saved = try await client.execute(uri: "/admin/users/\(editorID)", method: .post, headers: admin.headers,
                                                 body: ByteBuffer(string: "_csrf=\(admin.csrf)&role=editor&organisation=&language=pt"))
            #expect(saved.status == .seeOther)
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            #expect(try await client.execute(uri: "/admin", method: .get, headers: editor.headers).text.contains(#"<html lang="pt" dir="ltr">"#))

            // A new account can start in its language too.
            let created = try await client.execute(uri: "/admin/users", method: .post, headers: admin.headers, body: ByteBuffer(string:
                "_csrf=\(admin.csrf)&name=Fatima&email=fatima%40c4c.test&role=editor&organisation=&language=ar&password=\(Browser.password.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&confirmation=\(Browser.password.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"))
            #expect(created.status == .seeOther)
            let fatima = try await Browser.signIn(client, email: "fatima%40c4c.test", database: database)
            #expect(try await client.execute(uri: "/admin", method: .get, headers: fatima.headers).text.contains(#"<html lang="ar" dir="rtl">"#))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aRoleRefusalReachesAFrenchEditorInFrench(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            #expect(try await Self.choose("fr", client, editor).status == .seeOther)
            let refused = try await client.execute(uri: "/admin/users", method: .get, headers: editor.headers)
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains(try Self.text("error_admin_role_forbidden", .fr)))
            #expect(refused.text.contains(#"<html lang="fr""#))
            #expect(refused.text.contains(try Self.text("error_forbidden_title", .fr)))
            #expect(!refused.text.contains("Your role does not allow"))

            // A form that outlived its token, in French too.
            let forged = try await client.execute(uri: "/admin/account/language", method: .post, headers: editor.headers,
                                                  body: ByteBuffer(string: "_csrf=wrong&language=en"))
            #expect(forged.status == .forbidden)
            #expect(forged.text.contains(try Self.text("error_admin_form_expired", .fr)))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func pagesWithoutASessionSpeakTheBrowsersLanguageAndRefusalsTheAddresses(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            let login = try await client.execute(uri: "/admin/login", method: .get, headers: [.acceptLanguage: "de-DE, es;q=0.8, en;q=0.5"])
            #expect(login.text.contains(#"<html lang="es" dir="ltr">"#))
            #expect(try await client.execute(uri: "/admin/login", method: .get, headers: [.acceptLanguage: "de"]).text.contains(#"<html lang="en" dir="ltr">"#))

            // A refused cross-site post to a public page is answered in that page's language.
            let crossSite = try await client.execute(uri: "/fr/newsletter", method: .post,
                                                     headers: [.contentType: "application/x-www-form-urlencoded", .secFetchSite: "cross-site"],
                                                     body: ByteBuffer(string: "email=a%40b.test"))
            #expect(crossSite.status == .forbidden)
            #expect(crossSite.text.contains(try Self.text("error_cross_origin_form", .fr)))
            // An over-long back-office address, before any session is read: the browser's language.
            let long = try await client.execute(uri: "/admin/content/events?q=" + String(repeating: "a", count: 9000), method: .get,
                                                headers: [.acceptLanguage: "pt-BR"])
            #expect(long.status == .uriTooLong)
            #expect(long.text.contains(try Self.text("error_address_too_long", .pt)))
        }
    }

    @Test func theBrowsersBestLanguageAmongTheFiveIsChosenByWeight() {
        #expect(EditorLanguage.preferred(nil as String?) == .en)
        #expect(EditorLanguage.preferred("fr-CA,fr;q=0.9,en;q=0.5") == .fr)
        #expect(EditorLanguage.preferred("de, en;q=0.2, ar;q=0.7") == .ar)
        #expect(EditorLanguage.preferred("PT-br") == .pt)
        #expect(EditorLanguage.preferred("es;q=0, fr;q=0.1") == .fr)
        #expect(EditorLanguage.preferred("*") == .en)
    }

    @Test func messagesThrownAsKeysAreWrittenInTheReadersLanguageWithTheirValues() throws {
        let catalog = TextCatalog(tables: [.en: ["error_upload_too_large": "Larger than {megabytes} MB."],
                                           .fr: ["error_upload_too_large": "Plus de {megabytes} Mo."]])
        let message = CatalogMessage.key("error_upload_too_large", ["megabytes": "20"])
        #expect(CatalogMessage.text(message, .fr, in: catalog) == "Plus de 20 Mo.")
        #expect(CatalogMessage.text(message, .en, in: catalog) == "Larger than 20 MB.")
        #expect(CatalogMessage.text("Plain words? Shown as they are.", .fr, in: catalog) == "Plain words? Shown as they are.")
    }
}
