import Mustache
import Testing
@testable import C4CWeb

/// `TemplateLibrary` reads and renders Mustache as swift-mustache did before it: the same text for
/// the same template and values, whitespace included, and clear failures for what it refuses.
@Suite struct TemplateParserTests {
    struct Item: Encodable {
        let name: String
        let note: String?
    }

    struct Page: Encodable {
        let title: String
        let html: String
        let items: [Item]
        let empty: [Item]
        let shown: Bool
        let hidden: Bool
        let blank: String
        let count: Int
        let t: [String: String]
    }

    static let page = Page(title: "Rock & <roll>", html: "<b>bold</b>",
                           items: [Item(name: "Amina", note: "O'Brien"), Item(name: "Bo", note: nil)],
                           empty: [], shown: true, hidden: false, blank: "", count: 3, t: ["hello": "Hello \"you\""])

    /// Renders `templates["page"]` (with the other templates as partials) both ways.
    static func both(_ templates: [String: String]) throws -> (ours: String?, theirs: String?) {
        let library = TemplateLibrary(templates: try templates.mapValues(TemplateParser.parse))
        var mustache = MustacheLibrary()
        for (name, text) in templates { try mustache.register(text, named: name) }
        return (library.render("page", try TemplateEncoder.encode(page)), mustache.render(page, withTemplate: "page"))
    }

    static let cases: [[String: String]] = [
        ["page": "<h1>{{title}}</h1>{{{html}}}{{&html}} {{count}} {{t.hello}}"],
        ["page": "<ul>\n  {{#items}}\n  <li>{{name}}{{#note}} ({{note}}){{/note}}</li>\n  {{/items}}\n</ul>\n"],
        ["page": "{{^empty}}\n  none\n{{/empty}}\n{{#shown}}yes{{/shown}}{{#hidden}}no{{/hidden}}{{^hidden}}not hidden{{/hidden}}\n"],
        ["page": "[{{#blank}}x{{/blank}}{{^blank}}blank{{/blank}}] {{! a comment }}\n  {{! alone }}\nend"],
        ["page": "<div>\n  {{> list}}\n</div>\n", "list": "<ul>\n{{#items}}\n<li>{{name}}</li>\n{{/items}}\n</ul>\n"],
        ["page": "{{<layout}}\n{{$main}}\n<p>{{title}}</p>\n{{/main}}\n{{/layout}}\n",
         "layout": "<html>\n  {{$head}}<title>default</title>{{/head}}\n<body>\n{{$main}}{{/main}}\n</body>\n"],
        ["page": "{{% CONTENT_TYPE: TEXT}}\n{{title}} {{#items}}{{name}}: {{note}}\n{{/items}}"],
        ["page": "{{#items}}{{title}}/{{name}}/{{.note}}|{{/items}} {{items.0}}"],
        ["page": "a {{#shown}}\nb\n{{/shown}} c\n  {{#shown}}  \nd\n  {{/shown}}\n"],
    ]

    @Test(arguments: cases)
    func rendersAsSwiftMustacheDid(templates: [String: String]) throws {
        let (ours, theirs) = try Self.both(templates)
        #expect(ours == theirs)
        #expect(ours?.isEmpty == false)
    }

    @Test(arguments: ["{{#items}}open", "{{#items}}{{/name}}", "{{=<% %>=}}", "{{>*dynamic}}", "{{upper(title)}}", "{{title"])
    func refusesWhatItDoesNotSupportOrCannotRead(template: String) {
        #expect(throws: TemplateParser.Failure.self) { try TemplateParser.parse(template) }
    }

    @Test func aFailureNamesItsLine() {
        #expect {
            try TemplateParser.parse("one\ntwo\n{{#items}}")
        } throws: { error in
            (error as? TemplateParser.Failure)?.line == 3
        }
    }
}
