import C4CCore
import C4CStore
import C4CTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
@testable import C4CWeb
import Testing

/// View models reach templates as dictionaries built from their `Encodable` form, never through
/// reflection, and a template that names what its view model lacks fails instead of rendering blank.
@Suite struct TemplateRenderingTests {
    struct Speaker: Sendable, Encodable {
        let name: String
        let role: String?
    }

    struct Page: Sendable, Encodable {
        let title: String
        let speakers: [Speaker]
        let start: TimeOfDay
        let recordingHref: String?
    }

    struct TimeOfDay: Sendable, Encodable {
        let date: String
        let zone: String
    }

    static let page = Page(title: "Streets for play", speakers: [Speaker(name: "Amina", role: nil)],
                           start: TimeOfDay(date: "3 December", zone: "Nairobi"), recordingHref: nil)

    /// A renderer whose only template is `page`, written for the test.
    static func renderer(_ template: String, strict: Bool) async throws -> PageRenderer {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("c4c-templates-\(UUID().uuidString)")
        let templates = root.appendingPathComponent("Resources/Templates")
        let catalog = root.appendingPathComponent("Resources/Catalog")
        for folder in [templates, catalog, root.appendingPathComponent("Public")] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        try "{{% CONTENT_TYPE: HTML}}\(template)".write(to: templates.appendingPathComponent("page.mustache"), atomically: true, encoding: .utf8)
        try #"{"hello": "Hello"}"#.write(to: catalog.appendingPathComponent("en.json"), atomically: true, encoding: .utf8)
        var renderer = try await PageRenderer(rootDirectory: root, publicURL: "http://c4c.test")
        renderer.strictTemplates = strict
        return renderer
    }

    @Test func aTemplateReadsEveryKindOfFieldWithoutReflection() async throws {
        let renderer = try await Self.renderer(
            "<h1>{{title}}</h1>{{#speakers}}<p>{{name}}{{#role}}, {{role}}{{/role}} · {{title}}</p>{{/speakers}}"
                + "{{start.date}} ({{start.zone}}){{^recordingHref}} no recording{{/recordingHref}}",
            strict: true)
        #expect(try renderer.render("page", Self.page)
            == "<h1>Streets for play</h1><p>Amina · Streets for play</p>3 December (Nairobi) no recording")
    }

    struct Numbers: Sendable, Encodable {
        let id: Int64
        let size: UInt32
        let share: Double
        let small: Int8
        let optionalId: Int64?
        let list: [Int64]
    }

    @Test func numbersOfEveryWidthRenderAsTheyRead() async throws {
        let renderer = try await Self.renderer("{{id}} {{size}} {{share}} {{small}} {{optionalId}} {{#list}}[{{.}}]{{/list}}", strict: true)
        let numbers = Numbers(id: 9_000_000_001, size: 42, share: 0.5, small: -3, optionalId: 7, list: [1, 2])
        #expect(try renderer.render("page", numbers) == "9000000001 42 0.5 -3 7 [1][2]")
    }

    @Test func aMisspelledFieldFailsTheRenderInsteadOfShowingNothing() async throws {
        let renderer = try await Self.renderer("<h1>{{titel}}</h1>", strict: true)
        #expect(throws: UnknownTemplateNames.self) { try renderer.render("page", Self.page) }
        let lenient = try await Self.renderer("<h1>{{titel}}</h1>", strict: false)
        #expect(try lenient.render("page", Self.page) == "<h1></h1>")
    }

    @Test func aFieldMissingInsideASectionFailsTheRender() async throws {
        let renderer = try await Self.renderer("{{#speakers}}<p>{{organisation}}</p>{{/speakers}}", strict: true)
        #expect {
            try renderer.render("page", Self.page)
        } throws: { error in
            (error as? UnknownTemplateNames)?.names == ["organisation"]
        }
    }

    @Test func aFieldMissingAfterADotFailsTheRender() async throws {
        let renderer = try await Self.renderer("{{start.time}}", strict: true)
        #expect {
            try renderer.render("page", Self.page)
        } throws: { error in
            (error as? UnknownTemplateNames)?.names == ["time"]
        }
    }

    @Test func anEmptyOptionalIsAKnownFieldThatRendersAsAbsent() async throws {
        let renderer = try await Self.renderer("[{{recordingHref}}]{{#speakers}}[{{role}}]{{/speakers}}", strict: true)
        #expect(try renderer.render("page", Self.page) == "[][]")
    }

    /// Every page a crawl of the demo site reaches, in English and in Arabic, reads the same
    /// rendered through dictionaries as it did rendered through reflection.
    @Test(arguments: TestDatabases.engines)
    func everyDemoPageRendersTheSameAsItDidByReflection(engine: Engine) async throws {
        try await TestApp.run(engine, adjust: { $0.renderer.compareWithReflection = true }) { client, _ async throws in
            var queue = ["/", "/ar/", "/fr/resources", "/search?q=city", "/no-such-page", "/admin/login"]
            var seen = Set(queue)
            while !queue.isEmpty {
                let path = queue.removeFirst()
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status.code < 500, "\(path) answered \(response.status)")
                guard response.headers[.contentType]?.hasPrefix("text/html") == true else { continue }
                for match in response.text.matches(of: /href="(\/(?:ar\/)?[^"#?]*)"/) where !match.1.hasPrefix("/files/") {
                    let link = String(match.1)
                    if seen.insert(link).inserted { queue.append(link) }
                }
            }
            #expect(seen.count > 60, "the crawl reached only \(seen.count) pages")
        }
    }
}
