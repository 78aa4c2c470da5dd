import C4CCore
import Foundation
import Testing

@Suite struct ContentRulesTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func anImageOfIdentifiableChildrenNeedsConsent() {
        var image = ImageRef(fileID: 1, fileName: "a.jpg", altText: "Children crossing a street", credit: "Photo: A. Person",
                             width: 10, height: 10, showsIdentifiableChildren: true, consentOnFile: false)
        #expect(image.publicationProblems == [.identifiableChildWithoutConsent])
        image.consentOnFile = true
        #expect(image.isPublishable)
    }

    @Test func anImageNeedsAltTextAndCredit() {
        let image = ImageRef(fileID: 1, fileName: "a.jpg", altText: "  ", credit: "", width: 10, height: 10)
        #expect(image.publicationProblems == [.missingAltText, .missingCredit])
    }

    @Test func languagePrefixesSplitOff() {
        #expect(Language.split(path: "/fr/resources") == (.fr, "/resources"))
        #expect(Language.split(path: "/fr") == (.fr, "/"))
        #expect(Language.split(path: "/resources") == (.en, "/resources"))
        #expect(Language.split(path: "/") == (.en, "/"))
        #expect(Language.split(path: "/french-cities") == (.en, "/french-cities"))
        #expect(Language.ar.direction == "rtl")
    }

    @Test func catalogFallsBackToEnglish() {
        let catalog = TextCatalog(tables: [.en: ["hello": "Hello", "bye": "Goodbye"], .fr: ["hello": "Bonjour"]])
        #expect(catalog.text("hello", .fr) == "Bonjour")
        #expect(catalog.text("bye", .fr) == "Goodbye")
        #expect(catalog.text("missing", .fr) == "missing")
        #expect(catalog.text("hello", .ar) == "Hello")
    }

    @Test func jsonLDCannotCloseItsScriptElement() throws {
        let json = try JSONLD.encode(JSONLD.Organization(
            name: "</script><script>alert(1)</script>", url: "https://x.example/", description: "a & b > c, Bogotá, القاهرة",
            email: nil, logo: nil, sameAs: [], member: []))
        #expect(!json.contains("<") && !json.contains(">") && !json.contains("&"))
        #expect(json.contains(#""@type":"Organization""#))
        let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect(decoded?["name"] as? String == "</script><script>alert(1)</script>")
        #expect(decoded?["description"] as? String == "a & b > c, Bogotá, القاهرة")
    }
}
