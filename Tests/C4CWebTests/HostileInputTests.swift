@testable import C4CWeb
import C4CCore
import C4CStore
import C4CTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The hostile corpus (`HostileCorpus`, more than 200 labelled values) driven through every public
/// and back-office form and query parameter of the real app. For every request: no 5xx, no
/// executable markup we did not write in the page, no header built from input; a refused form
/// leaves the database as it was; an accepted one reads back as typed (after the documented
/// normalisation: invalid UTF-8 becomes U+FFFD, control characters other than tab and line
/// breaks are dropped, single values are trimmed).
@Suite struct HostileInputTests {
    /// The three users of `BackOfficeTests.makeUsers`, their password hashed at bcrypt's lowest
    /// cost so that the many sign-ins here stay quick; the form checks it the same way.
    static func makeUsers(_ database: any Database) async throws {
        let users = UserQueries(database: database)
        let organisation = try await ContentPlan.firstID("organisations", database)
        try await users.create(email: "admin@c4c.test", name: "Ada Admin", passwordHash: quickHash, role: .administrator, now: TestDatabases.referenceNow)
        try await users.create(email: "editor@c4c.test", name: "Eddie Editor", passwordHash: quickHash, role: .editor, now: TestDatabases.referenceNow)
        try await users.create(email: "focal@c4c.test", name: "Fay Focal", passwordHash: quickHash, role: .focalPoint,
                               organisationID: organisation, now: TestDatabases.referenceNow)
    }

    /// bcrypt of `Browser.password` at cost 4, made once with HummingbirdBcrypt.
    static let quickHash = "$2b$04$528JYyhprT/ScVVns0yS6uI01JyMjehP0Rw5mrfPcAEIeWDhYEefi"

    /// Numbers and paths that name no row: for `/{id}` addresses.
    static let missingIDs = (HostileCorpus.family(.number) + HostileCorpus.family(.traversal)).filter { input in
        Int64(input.stored).map { !(1..<100_000).contains($0) } ?? true
    }

    // MARK: The corpus and the detector themselves

    @Test func theCorpusHoldsMoreThan200DistinctLabelledValuesInEveryFamily() {
        let all = HostileCorpus.all
        #expect(all.count >= 200)
        #expect(Set(all.map(\.description)).count == all.count, "every label is distinct")
        let repeated = Dictionary(grouping: all, by: \.encoded).values.filter { $0.count > 1 }.map { $0.map(\.description) }
        #expect(repeated.isEmpty, "every value is distinct")
        for family in HostileInput.Family.allCases {
            #expect(!HostileCorpus.family(family).isEmpty, "\(family) has values")
        }
        #expect(HostileCorpus.formDecode("%C3%28") == "\u{FFFD}(")
        #expect(HostileCorpus.formDecode("a+b%2B%zz%") == "a b+%zz%")
        #expect(HostileCorpus.normalise("a\u{0}b\tc\r\nd\u{7F}") == "ab\tc\r\nd")
    }

    @Test func everyValueReachesAContentFormAndEveryFieldOfEveryFormGetsSeveral() {
        let cases = ContentTypes.all.map { ($0, ContentPlan.cases(for: $0)) }
        #expect(Set(cases.flatMap { $0.1.map(\.input.encoded) }) == Set(HostileCorpus.all.map(\.encoded)))
        for (type, entries) in cases {
            for target in type.fields.map(\.name) + ContentPlan.formTargets {
                #expect(entries.filter { $0.target == target }.count >= 2, "\(type.key).\(target) gets values")
            }
        }
        #expect(cases.map(\.1.count).reduce(0, +) > 600)
    }

    @Test func theMarkupCheckFindsScriptHandlersAndDangerousURLsButNotEscapedText() {
        let ours = #"<script src="/assets/site.1a2b3c4d.js" defer></script><script type="application/ld+json">{"a":"b"}</script>"#
        #expect(ExecutableMarkup.problems(in: ours).isEmpty)
        #expect(ExecutableMarkup.problems(in: #"<p title="&quot; onmouseover=&quot;x">&lt;script&gt;</p><textarea><script></textarea>"#).isEmpty)
        #expect(ExecutableMarkup.problems(in: #"<a href="https://example.org/?q=javascript:x">ok</a><img src="/files/1/a.png" alt="onerror=x">"#).isEmpty)
        for bad in ["<script>alert(1)</script>", "<SCRIPT src=//x></SCRIPT>", "<img src=x onerror=alert(1)>", #"<p title="" onmouseover="x">"#,
                    "<svg/onload=alert(1)>", #"<a href="javascript:alert(1)">"#, #"<a href=" &#106;avascript:alert(1)">"#,
                    "<a href=\"java\tscript:alert(1)\">", #"<iframe src="https://example.org"></iframe>"#,
                    #"<form action="data:text/html,x">"#, #"<a href="VBScript:x">"#, #"<object data="x">"#,
                    #"<script type="application/ld+json">{"a":"</script><script>alert(1)</script>"}</script>"#,
                    #"<script type="application/ld+json">{"a":</script>"#, #"<meta http-equiv="refresh" content="0;url=/">"#,
                    #"<div style="width:expression(alert(1))">"#, #"<base href="//evil.example/">"#] {
            #expect(!ExecutableMarkup.problems(in: bad).isEmpty, "\(bad) is caught")
        }
    }

    // MARK: Content forms

    /// Every field of every content type (and the slug, action, language, translation and schedule
    /// fields), each with its share of the corpus and the values that matter to its kind, as an
    /// editor creating a new item or changing an existing one.
    @Test(arguments: TestDatabases.engines, ContentTypes.all.map(\.key))
    func everyContentFormRefusesHostileValuesOrStoresThemExactlyAndNeverRunsThem(engine: Engine, typeKey: String) async throws {
        let type = try #require(ContentTypes.named(typeKey))
        let plan = ContentPlan.cases(for: type)
        try await TestApp.run(engine) { client, database async throws in
            try await Self.makeUsers(database)
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            let baseline = try await ContentPlan.baseline(type, database)
            let base = "/admin/content/\(type.key)"
            var probe = try await Probe(client: client, database: database)
            let first = try await probe.send("\(type.key) baseline", .post, base, headers: editor.headers,
                                             body: ContentPlan.body(baseline, csrf: editor.csrf, slug: "hostile-base"))
            try #require(first.status == .seeOther, "the baseline \(type.key) form is valid: \(first.status) \(ContentPlan.errors(first.text))")
            let itemID = try #require(ContentPlan.id(from: first))
            var created: [Int64] = []
            for (index, entry) in plan.enumerated() {
                let update = index % 3 == 2
                let label = "\(type.key).\(entry.target) \(update ? "update" : "create") ← \(entry.input)"
                let body = ContentPlan.body(baseline, csrf: editor.csrf, slug: update ? "hostile-base" : "hostile-\(index)",
                                            target: entry.target, input: entry.input)
                let response = try await probe.send(label, .post, update ? "\(base)/\(itemID)" : base, headers: editor.headers, body: body)
                if response.status == .seeOther {
                    let id = try #require(ContentPlan.id(from: response), "\(label): redirected to the item")
                    if !update { created.append(id) }
                    let item = try #require(try await ContentEditorQueries(database: database).load(type, id: id))
                    ContentPlan.expectStoredAsTyped(type, item: item, baseline: baseline, target: entry.target, input: entry.input,
                                                    slug: update ? "hostile-base" : "hostile-\(index)", label: label)
                    // A number, date or choice that was accepted is one of its valid values; text is
                    // what could run, so the pages that show it are read back.
                    if ContentPlan.rendersAsText(entry.target, in: type) {
                        let form = try await probe.get("\(label) → edit form", "\(base)/\(id)", headers: editor.headers)
                        #expect(form.status == .ok, "\(label): the edit form opens")
                        for page in ContentPlan.publicPages(type, item: item) {
                            let shown = try await probe.get("\(label) → \(page)", page)
                            #expect(shown.status == .ok, "\(label): \(page) shows the item")
                        }
                        try await ContentPlan.expectDownloadsKeepTheirShape(type, item: item, probe: &probe, label: label)
                    }
                } else if response.status == .unprocessableContent, !entry.input.isLarge, let field = type.fields.first(where: { $0.name == entry.target }),
                          ContentPlan.showsTypedText(field.kind) {
                    let kept = response.text.contains(HTMLEscaping.escape(entry.input.received))
                    #expect(kept, "\(label): what was typed is kept, escaped")
                }
            }
            // Deleting with a hostile address to send visitors on to: refused, or a redirect on this site.
            let redirects = Sample(seed: type.key.count).spread(HostileCorpus.family(.url) + HostileCorpus.family(.header)
                                                                + HostileCorpus.family(.traversal), count: 6)
            for (id, input) in zip(created.reversed(), redirects) {
                let label = "\(type.key) delete redirect ← \(input)"
                let item = try await ContentEditorQueries(database: database).load(type, id: id)
                let response = try await probe.send(label, .post, "\(base)/\(id)/delete", headers: editor.headers,
                                                    body: ByteBuffer(string: "_csrf=\(editor.csrf)&redirect=\(input.encoded)"))
                if response.status == .seeOther, let item {
                    for page in ContentPlan.publicPages(type, item: item) where type.publicPath != nil {
                        _ = try await probe.get("\(label) → old address", page)
                    }
                }
            }
            // Hostile ids and languages in the item addresses.
            for input in Sample(seed: type.key.count).spread(HostileCorpus.family(.number) + HostileCorpus.family(.traversal), count: 5) {
                for address in ["\(base)/\(input.encoded)", "\(base)/\(itemID)/translate/\(input.encoded)",
                                "\(base)/\(itemID)/revisions/\(input.encoded)", "\(base)/\(input.encoded)/preview"] {
                    _ = try await probe.get("\(type.key) address \(address.prefix(60)) ← \(input)", address, headers: editor.headers)
                }
                if Int64(input.stored) == nil {
                    try await probe.sendToMissing("\(type.key) POST to id ← \(input)", "\(base)/\(input.encoded)", headers: editor.headers,
                                                  body: ContentPlan.body(baseline, csrf: editor.csrf, slug: "hostile-path"))
                }
            }
            // A save to an item that does not exist answers 404 and writes nothing.
            for missing in ["999999", "-1", "-9223372036854775808"] {
                let label = "\(type.key) save to the missing item \(missing)"
                let response = try await probe.send(label, .post, "\(base)/\(missing)", headers: editor.headers,
                                                    body: ContentPlan.body(baseline, csrf: editor.csrf, slug: "hostile-missing"),
                                                    acceptedWhen: { _ in false })
                #expect(response.status == .notFound, "\(label): answered \(response.status.code)")
            }
            for page in [base, "\(base)?q=%3Cscript%3E&sort=title", "/feed.xml", "/sitemap.xml", "/"] {
                let response = try await probe.get("\(type.key) afterwards → \(page)", page, headers: editor.headers)
                #expect(response.status == .ok)
                if page.hasSuffix(".xml") {
                    #expect(XMLCheck.parses(response.text), "\(page) stays well-formed XML after the hostile saves")
                }
            }
            #expect(probe.sent > 20)
        }
    }

    /// A member focal point's proposals and own profile: hostile text is kept as text, and a
    /// hostile value in a field only editors set is refused without a change.
    @Test(arguments: TestDatabases.engines)
    func focalPointProposalsRefuseHostileValuesOrKeepThemAsText(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await Self.makeUsers(database)
            let focal = try await Browser.signIn(client, email: "focal%40c4c.test", database: database)
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            let organisation = try await ContentPlan.firstID("organisations", database)
            var probe = try await Probe(client: client, database: database)
            let sample = Sample(seed: 8)
            var round = 0, saved = 0
            for type in ContentTypes.all where type.focalPoints != .none {
                let base = "/admin/content/\(type.key)"
                let theirs = Set(type.fields.filter { $0.setter == .anyone }.map(\.name))
                let baseline = try await ContentPlan.baseline(type, database).filter { theirs.contains($0.0) }
                let targets = type.fields.filter { theirs.contains($0.name) && ContentPlan.rendersAsText($0.name, in: type) }.map(\.name)
                let address = type.focalPoints == .proposals ? base : "\(base)/\(organisation)"
                for (n, input) in sample.spread(HostileCorpus.all.filter { !$0.isLarge }, count: 10).enumerated() {
                    round += 1
                    let target = targets[(n + round) % targets.count]
                    let slug = type.focalPoints == .proposals ? "focal-\(round)" : (try await ContentEditorQueries(database: database).load(type, id: organisation))?.slug ?? ""
                    let label = "focal point \(type.key).\(target) ← \(input)"
                    let response = try await probe.send(label, .post, address, headers: focal.headers,
                                                        body: ContentPlan.body(baseline, csrf: focal.csrf, slug: slug, target: target, input: input, action: "draft"))
                    guard response.status == .seeOther else { continue }
                    saved += 1
                    let id = try #require(ContentPlan.id(from: response))
                    let item = try #require(try await ContentEditorQueries(database: database).load(type, id: id))
                    ContentPlan.expectStoredAsTyped(type, item: item, baseline: baseline, target: target, input: input, slug: slug, label: label)
                    _ = try await probe.get("\(label) → preview", "\(base)/\(id)/preview", headers: focal.headers)
                    _ = try await probe.get("\(label) → editor's list", base, headers: editor.headers)
                }
                for field in type.fields where field.setter == .editorsOnly {
                    for input in sample.spread(HostileCorpus.all.filter { !$0.isLarge && !$0.stored.isEmpty }, count: 2) {
                        let label = "focal point \(type.key).\(field.name) (editors only) ← \(input)"
                        let slug = type.focalPoints == .proposals ? "focal-refused" : (try await ContentEditorQueries(database: database).load(type, id: organisation))?.slug ?? ""
                        let response = try await probe.send(label, .post, address, headers: focal.headers,
                                                            body: ContentPlan.body(baseline + [(field.name, "")], csrf: focal.csrf, slug: slug,
                                                                                   target: field.name, input: input, action: "draft"),
                                                            acceptedWhen: { _ in false })
                        #expect(response.status == .forbidden || response.status == .unprocessableContent, "\(label): answered \(response.status.code)")
                    }
                }
            }
            #expect(saved >= 10, "most proposals with hostile text are saved, as text (\(saved))")
        }
    }

    // MARK: Users, settings, topics, media details

    @Test(arguments: TestDatabases.engines)
    func theUsersFormsRefuseHostileValuesOrStoreThemExactly(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await Self.makeUsers(database)
            let admin = try await Browser.signIn(client, email: "admin%40c4c.test", database: database)
            var probe = try await Probe(client: client, database: database)
            let organisation = try await ContentPlan.firstID("organisations", database)
            let focal = try #require(try await UserQueries(database: database).all().first { $0.email == "focal@c4c.test" })
            let password = HostileCorpus.percentEncode("a long enough secret")
            func create(_ n: Int, name: String = "Nia+Hostile", email: String? = nil, role: String = "editor",
                        organisation org: String = "", password pw: String = password, confirmation: String? = nil) -> ByteBuffer {
                ByteBuffer(string: "_csrf=\(admin.csrf)&name=\(name)&email=\(email ?? "user\(n)%40example.org")&role=\(role)"
                           + "&organisation=\(org)&password=\(pw)&confirmation=\(confirmation ?? pw)")
            }
            let sample = Sample(seed: 1)
            // Names cost a password hash when accepted: a share of the corpus, every family.
            for (n, input) in sample.spread(HostileCorpus.all, count: 8).enumerated() {
                let response = try await probe.send("users.name ← \(input)", .post, "/admin/users", headers: admin.headers,
                                                    body: create(n, name: input.encoded))
                if response.status == .seeOther {
                    let user = try #require(try await UserQueries(database: database).all().first { $0.email == "user\(n)@example.org" })
                    #expect(user.name == input.stored, "users.name ← \(input): stored as typed")
                    _ = try await probe.get("users.name ← \(input) → list", "/admin/users", headers: admin.headers)
                }
            }
            for (n, input) in (HostileCorpus.family(.email) + HostileCorpus.family(.header) + sample.spread(HostileCorpus.all, count: 8)).enumerated() {
                let response = try await probe.send("users.email ← \(input)", .post, "/admin/users", headers: admin.headers,
                                                    body: create(100 + n, email: input.encoded))
                if response.status == .seeOther {
                    #expect(try await UserQueries(database: database).all().contains { $0.email == input.stored.lowercased() },
                            "users.email ← \(input): stored as typed")
                }
            }
            for input in HostileCorpus.family(.choice) + sample.spread(HostileCorpus.family(.number), count: 8) + sample.spread(HostileCorpus.all, count: 8) {
                _ = try await probe.send("users.role ← \(input)", .post, "/admin/users", headers: admin.headers,
                                         body: create(300, role: input.encoded))
                _ = try await probe.send("users.organisation ← \(input)", .post, "/admin/users", headers: admin.headers,
                                         body: create(301, role: "focal_point", organisation: input.encoded))
                _ = try await probe.send("users/:id role ← \(input)", .post, "/admin/users/\(focal.id)", headers: admin.headers,
                                         body: ByteBuffer(string: "_csrf=\(admin.csrf)&role=\(input.encoded)&organisation=\(organisation)"))
                _ = try await probe.send("users/:id organisation ← \(input)", .post, "/admin/users/\(focal.id)", headers: admin.headers,
                                         body: ByteBuffer(string: "_csrf=\(admin.csrf)&role=focal_point&organisation=\(input.encoded)"))
            }
            for input in sample.spread(HostileCorpus.all.filter { $0.family == .size || $0.family == .control }, count: 6) {
                _ = try await probe.send("users.password ← \(input)", .post, "/admin/users", headers: admin.headers,
                                         body: create(400, password: input.encoded, confirmation: input.encoded))
            }
            for input in sample.spread(Self.missingIDs, count: 12) {
                let id = input.encoded
                _ = try await probe.get("users/:id path ← \(input)", "/admin/users/\(id)", headers: admin.headers)
                for action in ["", "/disable", "/enable"] {
                    try await probe.sendToMissing("users/:id\(action) path ← \(input)", "/admin/users/\(id)\(action)", headers: admin.headers,
                                                  body: ByteBuffer(string: "_csrf=\(admin.csrf)&role=editor"))
                }
            }
            for input in sample.spread(HostileCorpus.all, count: 10) {
                _ = try await probe.send("users form with a hostile CSRF token ← \(input)", .post, "/admin/users", headers: admin.headers,
                                         body: ByteBuffer(string: "_csrf=\(input.encoded)&name=Eve&email=eve%40example.org&role=administrator"))
            }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func theSettingsFormRefusesHostileValuesOrShowsThemAsTextOnEveryPage(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await Self.makeUsers(database)
            let admin = try await Browser.signIn(client, email: "admin%40c4c.test", database: database)
            var probe = try await Probe(client: client, database: database)
            let fields = ["siteName", "tagline", "oneLiner", "contactEmail", "socialLinks"]
            let valid: [String: String] = ["siteName": "Cities4Children", "tagline": "Tag", "oneLiner": "One line", "contactEmail": "hello@example.org",
                                           "socialLinks": "Mastodon | https://mastodon.social/@c4c"]
            let sample = Sample(seed: 2)
            var cases: [(String, HostileInput)] = []
            for (n, input) in sample.spread(HostileCorpus.all, count: 36).enumerated() { cases.append((fields[n % 3], input)) }
            cases += HostileCorpus.family(.email).map { ("contactEmail", $0) }
            cases += sample.spread(HostileCorpus.family(.url), count: 14).map { ("socialLinks", $0) }
            cases += sample.spread(HostileCorpus.family(.format) + HostileCorpus.family(.control), count: 6).map { ("socialLinks", $0) }
            for (field, input) in cases {
                let label = "settings.\(field) ← \(input)"
                var pairs = fields.map { ($0, HostileCorpus.percentEncode(valid[$0]!)) }
                // A link is "Label | address": the hostile value goes in as the address.
                let value = field == "socialLinks" && input.family == .url ? HostileCorpus.percentEncode("Site | ") + input.encoded : input.encoded
                pairs = pairs.map { $0.0 == field ? ($0.0, value) : $0 }
                let response = try await probe.send(label, .post, "/admin/settings", headers: admin.headers,
                                                    body: ByteBuffer(string: "_csrf=\(admin.csrf)&" + pairs.map { "\($0.0)=\($0.1)" }.joined(separator: "&")))
                if response.status == .seeOther {
                    let site = try await SettingsQueries(database: database).siteSettings()
                    switch field {
                    case "siteName": #expect(site.name == input.stored, "\(label): stored as typed")
                    case "tagline": #expect(site.tagline == input.stored, "\(label): stored as typed")
                    case "oneLiner": #expect(site.oneLiner == input.stored, "\(label): stored as typed")
                    case "contactEmail": #expect(site.contactEmail == input.stored, "\(label): stored as typed")
                    default: break
                    }
                    _ = try await probe.get("\(label) → home", "/")
                    _ = try await probe.get("\(label) → settings form", "/admin/settings", headers: admin.headers)
                } else if response.status == .unprocessableContent, field != "socialLinks", !input.isLarge {
                    let kept = response.text.contains(HTMLEscaping.escape(input.stored))
                    #expect(kept, "\(label): what was typed is kept, escaped")
                }
            }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func topicsAndMediaDetailsRefuseHostileValuesOrStoreThemExactly(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await Self.makeUsers(database)
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            var probe = try await Probe(client: client, database: database)
            let sample = Sample(seed: 3)
            let topics = TopicQueries(database: database)
            let parent = try #require(try await topics.all().first { $0.parentId == nil })
            // Names without a Latin letter (Arabic, emoji, markup) included: they too need an address.
            let noLatin = HostileCorpus.all.filter { Slug.make(from: $0.stored).isEmpty && !$0.stored.isEmpty && $0.stored.count <= 100 }
            for input in sample.spread(HostileCorpus.all, count: 30) + sample.spread(noLatin, count: 4) {
                let label = "topics.name ← \(input)"
                let response = try await probe.send(label, .post, "/admin/topics", headers: editor.headers,
                                                    body: ByteBuffer(string: "_csrf=\(editor.csrf)&name=\(input.encoded)&parent="))
                if response.status == .seeOther {
                    let topic = try await topics.all().first { $0.name == input.stored }
                    #expect(topic != nil, "\(label): stored as typed")
                    #expect(topic.map { Slug.isValid($0.slug) } == true, "\(label): the topic has an address: \(topic?.slug ?? "")")
                    _ = try await probe.get("\(label) → topics", "/admin/topics", headers: editor.headers)
                    if let topic { _ = try await probe.get("\(label) → topic page", "/blog/topics/\(topic.slug)") }
                }
            }
            for input in sample.spread(HostileCorpus.family(.number), count: 10) + sample.spread(HostileCorpus.all, count: 6) {
                _ = try await probe.send("topics.parent ← \(input)", .post, "/admin/topics", headers: editor.headers,
                                         body: ByteBuffer(string: "_csrf=\(editor.csrf)&name=Child+\(probe.sent)&parent=\(input.encoded)"))
            }
            for input in sample.spread(HostileCorpus.all, count: 15) {
                let label = "topics/:id name ← \(input)"
                let response = try await probe.send(label, .post, "/admin/topics/\(parent.id)", headers: editor.headers,
                                                    body: ByteBuffer(string: "_csrf=\(editor.csrf)&name=\(input.encoded)"))
                if response.status == .seeOther {
                    #expect(try await topics.all().first { $0.id == parent.id }?.name == input.stored, "\(label): stored as typed")
                }
            }
            for input in sample.spread(Self.missingIDs, count: 10) {
                try await probe.sendToMissing("topics/:id path ← \(input)", "/admin/topics/\(input.encoded)", headers: editor.headers,
                                              body: ByteBuffer(string: "_csrf=\(editor.csrf)&name=Renamed"))
            }

            let media = MediaQueries(database: database)
            let image = try #require(try await media.list().first { $0.kind == "image" })
            let fields = ["title", "alt_text", "credit"]
            for (n, input) in sample.spread(HostileCorpus.all, count: 36).enumerated() {
                let field = fields[n % fields.count]
                let label = "media.\(field) ← \(input)"
                var pairs = [("title", "Crossing"), ("alt_text", "Children+crossing"), ("credit", "Photo%3A+A.+N."),
                             ("shows_identifiable_children", "no"), ("consent_on_file", "")]
                pairs = pairs.map { $0.0 == field ? ($0.0, input.encoded) : $0 }
                let response = try await probe.send(label, .post, "/admin/media/\(image.id)", headers: editor.headers,
                                                    body: ByteBuffer(string: "_csrf=\(editor.csrf)&" + pairs.map { "\($0.0)=\($0.1)" }.joined(separator: "&")))
                if response.status == .seeOther {
                    let item = try #require(try await media.item(id: image.id))
                    let stored = [item.title, item.altText, item.credit][n % fields.count]
                    #expect(stored == input.stored, "\(label): stored as typed")
                    _ = try await probe.get("\(label) → media details", "/admin/media/\(image.id)", headers: editor.headers)
                    _ = try await probe.get("\(label) → media library", "/admin/media", headers: editor.headers)
                } else if response.status == .unprocessableContent, !input.isLarge {
                    let kept = response.text.contains(HTMLEscaping.escape(input.stored))
                    #expect(kept, "\(label): what was typed is kept, escaped")
                }
            }
            for input in HostileCorpus.family(.choice) + sample.spread(HostileCorpus.all, count: 6) {
                _ = try await probe.send("media safeguarding ← \(input)", .post, "/admin/media/\(image.id)", headers: editor.headers,
                                         body: ByteBuffer(string: "_csrf=\(editor.csrf)&title=T&alt_text=A&credit=C&shows_identifiable_children=\(input.encoded)&consent_on_file=\(input.encoded)"))
            }
            for input in sample.spread(Self.missingIDs, count: 10) {
                _ = try await probe.get("media/:id path ← \(input)", "/admin/media/\(input.encoded)", headers: editor.headers)
                try await probe.sendToMissing("media/:id POST path ← \(input)", "/admin/media/\(input.encoded)", headers: editor.headers,
                                              body: ByteBuffer(string: "_csrf=\(editor.csrf)&title=T&alt_text=A&credit=C"))
            }
        }
    }

    // MARK: Uploads

    @Test(arguments: TestDatabases.engines)
    func uploadsWithHostileNamesAndContentsAreRefusedOrServedInertly(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await Self.makeUsers(database)
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            var probe = try await Probe(client: client, database: database)
            let sample = Sample(seed: 4)
            let details: [(String, [UInt8])] = [("_csrf", Array(editor.csrf.utf8)), ("title", Array("T".utf8)), ("alt_text", Array("Alt".utf8)),
                                                ("credit", Array("Credit".utf8)), ("shows_identifiable_children", Array("no".utf8))]
            let files = FileQueries(database: database)
            func upload(_ label: String, fields: [(String, [UInt8])] = details, name: [UInt8], bytes: [UInt8],
                        contentType: String? = nil) async throws {
                let response = try await probe.send(label, .post, "/admin/media", headers: contentType.map { [.contentType: $0, .cookie: editor.cookie] }
                                                    ?? Upload.headers(editor), body: Upload.body(fields, file: (name, bytes)))
                guard response.status == .seeOther else { return }
                let item = try #require(try await MediaQueries(database: database).list().first, "\(label): stored")
                let file = try #require(try await files.file(id: item.fileId))
                #expect(Slug.isValid(String(file.name.prefix { $0 != "." })) || file.name.hasPrefix("file."), "\(label): stored as \(file.name)")
                #expect(!["text/html", "image/svg+xml", "application/xhtml+xml", "text/xml", "application/xml"].contains(file.contentType),
                        "\(label): stored as \(file.contentType), never as markup")
                let served = try await probe.get("\(label) → served", "/admin" + FilePath.make(id: item.fileId, name: file.name), headers: editor.headers)
                #expect(served.status == .ok)
                #expect(served.headers[HTTPField.Name("Content-Security-Policy")!]?.contains("sandbox") == true, "\(label): served in a sandbox")
                #expect(served.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
                _ = try await probe.get("\(label) → library", "/admin/media", headers: editor.headers)
            }
            let picks: [(HostileInput.Family, Int)] = [(.traversal, 6), (.script, 3), (.breakout, 3), (.unicode, 4), (.control, 5),
                                                       (.encoding, 4), (.header, 4)]
            let names = picks.flatMap { HostileCorpus.family($0.0).prefix($0.1) } + sample.spread(HostileCorpus.all, count: 6)
            for (n, input) in names.enumerated() where !input.isLarge {
                if n % 3 == 0 {
                    try await upload("upload file name (no extension) ← \(input)", name: input.bytes, bytes: Upload.pdf)
                } else {
                    try await upload("upload file name ← \(input)", name: input.bytes + Array(".png".utf8), bytes: Upload.png)
                }
            }
            let contents: [(String, String, [UInt8])] = [
                ("HTML named .png", "x.png", Array("<html><script>alert(1)</script></html>".utf8)),
                ("HTML named .html", "x.html", Array("<!doctype html><script>alert(1)</script>".utf8)),
                ("SVG with script", "x.svg", Array(#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>"#.utf8)),
                ("PDF header with HTML inside", "report.pdf", Array("%PDF-1.4\n<html><body><script>alert(1)</script></body></html>".utf8)),
                ("PDF header with HTML inside named .html", "report.html", Array("%PDF-1.4\n<script>alert(1)</script>".utf8)),
                ("GIF header with script (polyglot)", "x.gif", Array("GIF89a/*<svg onload=alert(1)>*/=1;alert(1)//".utf8)),
                ("PNG header then HTML", "x.png", Upload.png + Array("<script>alert(1)</script>".utf8)),
                ("JPEG marker then HTML", "x.jpg", [0xFF, 0xD8, 0xFF, 0xE0] + Array("<script>alert(1)</script>".utf8)),
                ("empty file", "x.png", []),
                ("only %PDF", "x.pdf", Array("%PDF".utf8)),
                ("XML with external entity", "x.xml", Array(#"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>"#.utf8)),
                ("ZIP named .docx", "x.docx", [0x50, 0x4B, 0x03, 0x04] + Array(repeating: 0, count: 26)),
                ("shell script named .pdf", "x.pdf", Array("#!/bin/sh\nrm -rf /\n".utf8)),
                ("NUL bytes", "x.pdf", Array(repeating: 0, count: 1024)),
                ("invalid UTF-8", "x.txt", [0xC3, 0x28, 0xFF, 0xFE]),
            ]
            for (label, name, bytes) in contents {
                try await upload("upload content: \(label)", name: Array(name.utf8), bytes: bytes)
            }
            for (n, input) in sample.spread(HostileCorpus.all, count: 24).enumerated() where !input.isLarge {
                let field = ["title", "alt_text", "credit"][n % 3]
                let label = "upload \(field) ← \(input)"
                let fields = details.map { $0.0 == field ? ($0.0, input.bytes) : $0 }
                let before = try await MediaQueries(database: database).list().count
                try await upload(label, fields: fields, name: Array("photo.png".utf8), bytes: Upload.png)
                let items = try await MediaQueries(database: database).list()
                if items.count > before, let item = items.first {
                    let expected = HostileCorpus.normalise(String(decoding: input.bytes, as: UTF8.self)).trimmingCharacters(in: .whitespacesAndNewlines)
                    #expect([item.title, item.altText, item.credit][n % 3] == expected, "\(label): stored as typed")
                }
            }
            // Broken envelopes: no token, token after the file, hostile boundaries and field names.
            let png = Upload.body([("title", Array("T".utf8)), ("alt_text", Array("A".utf8)), ("credit", Array("C".utf8))], file: (Array("x.png".utf8), Upload.png))
            _ = try await probe.send("upload without a token", .post, "/admin/media", headers: Upload.headers(editor), body: png)
            var late = Upload.body([], file: (Array("x.png".utf8), Upload.png), closing: false)
            late.writeString("--\(Upload.boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(editor.csrf)\r\n--\(Upload.boundary)--\r\n")
            _ = try await probe.send("upload with its token after the file", .post, "/admin/media", headers: Upload.headers(editor), body: late)
            for input in sample.spread(HostileCorpus.all, count: 12) where !input.isLarge {
                var body = Upload.body(details, file: nil, closing: false)
                body.writeString("--\(Upload.boundary)\r\nContent-Disposition: form-data; name=\"")
                body.writeBytes(input.bytes)
                body.writeString("\"\r\n\r\nvalue\r\n--\(Upload.boundary)--\r\n")
                _ = try await probe.send("upload field name ← \(input)", .post, "/admin/media", headers: Upload.headers(editor), body: body)
            }
            for (label, contentType) in [("no boundary", "multipart/form-data"), ("empty boundary", "multipart/form-data; boundary="),
                                         ("quoted hostile boundary", #"multipart/form-data; boundary="<script>alert(1)</script>""#),
                                         ("boundary of 5000 characters", "multipart/form-data; boundary=" + String(repeating: "b", count: 5000)),
                                         ("wrong boundary", "multipart/form-data; boundary=other"),
                                         ("URL-encoded body to the upload", "application/x-www-form-urlencoded"),
                                         ("JSON body to the upload", "application/json")] {
                try await upload("upload envelope: \(label)", name: Array("x.png".utf8), bytes: Upload.png, contentType: contentType)
            }
            let truncated = ByteBuffer(string: "--\(Upload.boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(editor.csrf)\r\n--\(Upload.boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.png\"\r\n\r\n\u{89}PNG")
            _ = try await probe.send("upload cut off in the middle of the file", .post, "/admin/media", headers: Upload.headers(editor), body: truncated)
            var oversize = Upload.headers(editor)
            oversize[.contentLength] = "99999999999"
            _ = try await probe.send("upload announcing 100 GB", .post, "/admin/media", headers: oversize, body: png)
        }
    }

    // MARK: Sign-in, setup, password reset

    @Test(arguments: TestDatabases.engines)
    func signInAndPasswordResetRefuseHostileValuesAndNeverRedirectAway(engine: Engine) async throws {
        try await TestApp.run(engine, adjust: { $0.pause = { _ in } }) { client, database async throws in
            try await Self.makeUsers(database)
            var probe = try await Probe(client: client, database: database)
            let sample = Sample(seed: 5)
            let signInTables: Set<String> = ["login_attempts", "sessions"]
            let password = Browser.password.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            // The right password with a hostile `next`: signed in, and sent only to a back-office page.
            for input in HostileCorpus.family(.header) + HostileCorpus.family(.traversal).prefix(4) + HostileCorpus.family(.url).prefix(4) {
                let response = try await probe.send("sign-in next ← \(input)", .post, "/admin/login", headers: Browser.form,
                                                    body: ByteBuffer(string: "email=editor%40c4c.test&password=\(password)&next=\(input.encoded)"),
                                                    mayChange: signInTables)
                #expect(response.status == .seeOther, "sign-in next ← \(input): signed in")
                #expect(response.headers[.location]?.hasPrefix("/admin") == true, "sign-in next ← \(input): stays in the back office")
                _ = try await probe.get("sign-in page next ← \(input)", "/admin/login?next=\(input.encoded)")
            }
            for input in HostileCorpus.family(.email) + sample.spread(HostileCorpus.all, count: 4) {
                _ = try await probe.send("sign-in email ← \(input)", .post, "/admin/login", headers: Browser.form,
                                         body: ByteBuffer(string: "email=\(input.encoded)&password=whatever&next=%2Fadmin"), mayChange: signInTables)
            }
            for input in sample.spread(HostileCorpus.all, count: 4) {
                _ = try await probe.send("sign-in password ← \(input)", .post, "/admin/login", headers: Browser.form,
                                         body: ByteBuffer(string: "email=focal%40c4c.test&password=\(input.encoded)"), mayChange: signInTables)
            }

            let resetTables: Set<String> = ["password_resets", "password_reset_requests", "mail_outbox", "outbox", "audit_log"]
            for input in HostileCorpus.family(.email) + HostileCorpus.family(.header) + sample.spread(HostileCorpus.all, count: 16) {
                let response = try await probe.send("password reset email ← \(input)", .post, "/admin/password-reset", headers: Browser.form,
                                                    body: ByteBuffer(string: "email=\(input.encoded)"), mayChange: resetTables,
                                                    acceptedWhen: { _ in false })
                if response.status == .ok {
                    let shown = response.text.contains("<script>alert")
                    #expect(!shown, "password reset email ← \(input): shown as text")
                }
            }
            for input in HostileCorpus.family(.traversal) + HostileCorpus.family(.sql).prefix(6) + sample.spread(HostileCorpus.all, count: 10) {
                _ = try await probe.get("password reset token path ← \(input)", "/admin/password-reset/\(input.encoded)")
                _ = try await probe.send("password reset token POST ← \(input)", .post, "/admin/password-reset/\(input.encoded)",
                                         headers: Browser.form, body: ByteBuffer(string: "password=short&confirmation=short"))
            }
            for input in sample.spread(HostileCorpus.all.filter { $0.received.count < 12 }, count: 6) {
                _ = try await probe.send("password reset new password ← \(input)", .post, "/admin/password-reset/not-a-token",
                                         headers: Browser.form, body: ByteBuffer(string: "password=\(input.encoded)&confirmation=\(input.encoded)"))
            }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func firstRunSetupRefusesHostileValuesAndKeepsATypedNameAsText(engine: Engine) async throws {
        try await TestApp.run(engine, seeded: false) { client, database async throws in
            let code = try #require(try await SetupCodeQueries(database: database).issueIfNeeded())
            var probe = try await Probe(client: client, database: database)
            let sample = Sample(seed: 6)
            let password = HostileCorpus.percentEncode("correct horse battery")
            func body(name: String = "Ada", email: String = "ada%40example.org", pw: String = password, code: String = "AAAA-BBBB-CCCC") -> ByteBuffer {
                ByteBuffer(string: "name=\(name)&email=\(email)&password=\(pw)&confirmation=\(pw)&setup_code=\(code)")
            }
            // A wrong code refuses everything, whatever else is sent.
            for input in sample.spread(HostileCorpus.all, count: 20) {
                _ = try await probe.send("setup name ← \(input)", .post, "/admin/setup", headers: Browser.form, body: body(name: input.encoded))
            }
            for input in HostileCorpus.family(.email) + sample.spread(HostileCorpus.all, count: 6) {
                _ = try await probe.send("setup email ← \(input)", .post, "/admin/setup", headers: Browser.form, body: body(email: input.encoded))
            }
            for input in sample.spread(HostileCorpus.all, count: 20) {
                _ = try await probe.send("setup code ← \(input)", .post, "/admin/setup", headers: Browser.form, body: body(code: input.encoded))
            }
            // With the right code, a hostile name is stored as typed and shown as text.
            let name = HostileCorpus.family(.handler)[0]
            let created = try await probe.send("setup with the right code, name ← \(name)", .post, "/admin/setup", headers: Browser.form,
                                               body: body(name: name.encoded, code: code))
            #expect(created.status == .seeOther)
            #expect(try await UserQueries(database: database).all().first?.name == name.stored)
            let cookie = try #require(created.headers[.setCookie]).prefix { $0 != ";" }
            _ = try await probe.get("dashboard of the administrator named \(name)", "/admin", headers: [.cookie: String(cookie)])
            _ = try await probe.get("audit of the administrator named \(name)", "/admin/audit", headers: [.cookie: String(cookie)])
        }
    }

    // MARK: Public forms and addresses

    @Test(arguments: TestDatabases.engines)
    func publicQueryParametersAndAddressesAnswerWithoutErrorsOrMarkup(engine: Engine) async throws {
        try await TestApp.run(engine) { client, database async throws in
            try await Self.makeUsers(database)
            let editor = try await Browser.signIn(client, email: "editor%40c4c.test", database: database)
            var probe = try await Probe(client: client, database: database)
            let file = try await database.read { sql in
                try await sql.raw("SELECT id, name FROM files ORDER BY id LIMIT 1").first().map {
                    (try $0.decode(column: "id", as: Int64.self), try $0.decode(column: "name", as: String.self))
                }
            }
            let fileID = file?.0 ?? 1
            // Every value through the search box, in English and in a right-to-left language.
            for (n, input) in HostileCorpus.all.enumerated() {
                let prefix = n % 5 == 0 ? "/ar" : ""
                let response = try await probe.get("search q ← \(input)", "\(prefix)/search?q=\(input.encoded)")
                #expect(response.status == .ok || response.status == .uriTooLong || response.status == .badRequest, "search q ← \(input)")
            }
            let targets: [(String, (String) -> String)] = [
                ("resources q", { "/resources?q=\($0)" }), ("resources kind", { "/resources?kind=\($0)" }),
                ("resources topic", { "/resources?topic=\($0)" }), ("resources region", { "/resources?region=\($0)" }),
                ("resources language", { "/resources?language=\($0)" }), ("resources year", { "/resources?year=\($0)" }),
                ("resources organisation", { "/resources?organisation=\($0)" }), ("resources page", { "/resources?page=\($0)" }),
                ("resources combined", { "/fr/resources?kind=report&year=\($0)&page=\($0)" }),
                ("members kind", { "/members?kind=\($0)" }), ("members country", { "/members?country=\($0)" }),
                ("blog page", { "/blog?page=\($0)" }), ("blog topic", { "/blog/topics/\($0)" }),
                ("resource slug", { "/resources/\($0)" }), ("citation slug", { "/resources/\($0)/cite.bib" }),
                ("RIS citation slug", { "/resources/\($0)/cite.ris" }),
                ("blog slug", { "/blog/\($0)" }), ("event slug", { "/events/\($0)" }), ("event calendar slug", { "/events/\($0).ics" }),
                ("series slug", { "/events/series/\($0)" }), ("vacancy slug", { "/vacancies/\($0)" }), ("member slug", { "/members/\($0)" }),
                ("free page slug", { "/\($0)" }), ("language prefix", { "/\($0)/resources" }),
                ("file name", { "/files/\(fileID)/\($0)" }), ("file id", { "/files/\($0)/x.pdf" }),
                ("asset name", { "/assets/\($0)" }), ("feed query", { "/feed.xml?\($0)" }),
                ("sitemap query", { "/sitemap.xml?x=\($0)" }),
            ]
            let sample = Sample(seed: 7)
            // Every second value, dealt round the other parameters and addresses.
            for (n, input) in HostileCorpus.all.enumerated() where n % 2 == 0 && !input.isLarge {
                let (name, address) = targets[(n / 2) % targets.count]
                _ = try await probe.get("\(name) ← \(input)", address(input.encoded))

            }
            for input in HostileCorpus.family(.traversal) + HostileCorpus.family(.encoding) {
                _ = try await probe.get("file path ← \(input)", "/files/\(fileID)/\(input.encoded)")
                _ = try await probe.get("back-office file path ← \(input)", "/admin/files/\(fileID)/\(input.encoded)", headers: editor.headers)
                _ = try await probe.get("raw path ← \(input)", "/\(input.encoded)/x")
            }
            for input in sample.spread(HostileCorpus.family(.number) + HostileCorpus.family(.sql), count: 16) + sample.spread(HostileCorpus.all, count: 8) {
                for address in ["/resources?page=\(input.encoded)", "/admin/content/resources?page=\(input.encoded)&q=\(input.encoded)",
                                "/admin/content/events?status=\(input.encoded)&sort=\(input.encoded)"] {
                    _ = try await probe.get("\(address.prefix { $0 != "=" }) ← \(input)", address, headers: editor.headers)
                }
            }
            for input in sample.spread(HostileCorpus.all, count: 10) {
                // A value that is a real address is signed up ("check your inbox"); any other is refused
                // beside its field and keeps nothing.
                _ = try await probe.send("newsletter ← \(input)", .post, "/newsletter", headers: Browser.form,
                                         body: ByteBuffer(string: "email=\(input.encoded)&name=\(input.encoded)"), acceptedWhen: { $0 == .ok })
                _ = try await probe.send("contact ← \(input)", .post, "/contact", headers: Browser.form,
                                         body: ByteBuffer(string: "name=\(input.encoded)&email=\(input.encoded)&subject=\(input.encoded)&message=\(input.encoded)"),
                                         acceptedWhen: { $0 == .ok })
            }
            let registrable = try await database.read { sql in
                try await sql.raw("SELECT slug FROM events WHERE registration = 'builtin' AND lang = 'en' ORDER BY starts_at DESC LIMIT 1")
                    .first()!.decode(column: "slug", as: String.self)
            }
            for input in sample.spread(HostileCorpus.all, count: 10) where !input.isLarge {
                // A contribution whose every field and file name is the hostile value: stored as typed when
                // it happens to be valid, else refused beside its fields with nothing kept.
                let fields: [(String, String)] = ContributeTests.filled.map { name, value in
                    ["title", "summary", "body", "links", "city", "name", "email", "organisation", "kind", "country"].contains(name)
                        ? (name, input.received) : (name, value)
                }
                _ = try await probe.send("contribute ← \(input)", .post, "/contribute",
                                         headers: [.contentType: "multipart/form-data; boundary=\(ContributeTests.boundary)"],
                                         body: ContributeTests.multipart(fields, files: [(input.received, ContributeTests.pdf)]),
                                         acceptedWhen: { $0 == .ok })
                _ = try await probe.send("registration ← \(input)", .post, "/events/\(registrable)/register", headers: Browser.form,
                                         body: ByteBuffer(string: "name=\(input.encoded)&email=\(input.encoded)&organisation=\(input.encoded)&country=\(input.encoded)"),
                                         acceptedWhen: { $0 == .ok })
                _ = try await probe.get("registration token ← \(input)", "/events/registration/\(input.encoded)")
                _ = try await probe.get("contribution status ← \(input)", "/contribute/status/\(input.encoded)")
                _ = try await probe.get("contribution id ← \(input)", "/admin/contributions/\(input.encoded)", headers: editor.headers)
            }
        }
    }
}

// MARK: - Sending and checking

/// Sends requests and checks every answer: no 5xx, no executable markup we did not write, no
/// header built from input, and, for a refused form, the database as it was.
struct Probe {
    let client: any TestClientProtocol
    let database: any Database
    var baseline: [String: String]
    var sent = 0

    init(client: any TestClientProtocol, database: any Database) async throws {
        self.client = client
        self.database = database
        baseline = try await DatabaseFingerprint.of(database)
    }

    /// A form: refused unless `acceptedWhen` says otherwise (by default, a redirect after a save).
    /// `mayChange` names tables a refused request may still write (sign-in attempts, for one).
    mutating func send(_ label: String, _ method: HTTPRequest.Method, _ uri: String, headers: HTTPFields, body: ByteBuffer? = nil,
                       mayChange: Set<String> = [], acceptedWhen accepted: (HTTPResponse.Status) -> Bool = { $0 == .seeOther },
                       sourceLocation: SourceLocation = #_sourceLocation) async throws -> TestResponse {
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: body)
        sent += 1
        Self.check(response, label, sourceLocation: sourceLocation)
        let after = try await DatabaseFingerprint.of(database)
        if !accepted(response.status) {
            let changed = DatabaseFingerprint.difference(baseline, after).filter { !mayChange.contains(String($0.prefix { $0 != "." })) }
            #expect(changed.isEmpty, "\(label): answered \(response.status.code) and so should change nothing, yet changed \(changed)",
                    sourceLocation: sourceLocation)
        }
        baseline = after
        return response
    }

    /// A form sent to an item that does not exist: answered 4xx, and nothing changes.
    mutating func sendToMissing(_ label: String, _ uri: String, headers: HTTPFields, body: ByteBuffer,
                                sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let response = try await send(label, .post, uri, headers: headers, body: body, acceptedWhen: { _ in false }, sourceLocation: sourceLocation)
        #expect((400..<500).contains(response.status.code), "\(label): answered \(response.status.code), not 404",
                sourceLocation: sourceLocation)
    }

    /// A page: no 5xx, nothing executable, no injected header.
    mutating func get(_ label: String, _ uri: String, headers: HTTPFields = [:],
                      sourceLocation: SourceLocation = #_sourceLocation) async throws -> TestResponse {
        let response = try await client.execute(uri: uri, method: .get, headers: headers, body: nil)
        sent += 1
        Self.check(response, label, sourceLocation: sourceLocation)
        return response
    }

    static func check(_ response: TestResponse, _ label: String, sourceLocation: SourceLocation) {
        #expect(response.status.code < 500, "\(label): answered \(response.status.code)", sourceLocation: sourceLocation)
        if response.headers[.contentType]?.lowercased().hasPrefix("text/html") == true {
            let problems = ExecutableMarkup.problems(in: response.text)
            #expect(problems.isEmpty, "\(label): executable markup in the page: \(problems.prefix(3))", sourceLocation: sourceLocation)
        }
        for field in response.headers {
            let value = field.value
            #expect(!value.contains("\r") && !value.contains("\n") && !value.contains("\u{0}"),
                    "\(label): header \(field.name) carries a line break", sourceLocation: sourceLocation)
        }
        for cookie in response.headers[values: .setCookie] {
            #expect(cookie.hasPrefix(AdminGate.cookieName + "=") && !cookie.contains("stolen"),
                    "\(label): sets a cookie from input: \(cookie.prefix(120))", sourceLocation: sourceLocation)
        }
        if let location = response.headers[.location] {
            // A path on this site, or (an editor's redirect for a deleted page) an http(s) address.
            let local = location.hasPrefix("/") && !location.hasPrefix("//") && !location.hasPrefix("/\\")
            let web = (location.hasPrefix("https://") || location.hasPrefix("http://")) && SafeURL.isAllowed(location)
            #expect(local || web, "\(label): redirects to \(location.prefix(120))", sourceLocation: sourceLocation)
        }
    }
}

/// Deterministic picks from a list, spread over all of it.
struct Sample {
    let seed: Int

    /// `count` values at even steps through `values`, starting at an offset that depends on the seed.
    func spread(_ values: [HostileInput], count: Int) -> [HostileInput] {
        guard !values.isEmpty else { return [] }
        let step = max(1, values.count / max(1, count))
        return (0..<min(count, values.count)).map { values[(seed * 7 + $0 * step) % values.count] }
    }
}

extension HostileInput {
    /// The bytes a form-decoding server reads, for a multipart body.
    var bytes: [UInt8] {
        var output: [UInt8] = []
        let source = Array(encoded.utf8)
        var index = 0
        while index < source.count {
            if source[index] == UInt8(ascii: "%"), index + 2 < source.count,
               let value = UInt8(String(decoding: source[(index + 1)...(index + 2)], as: UTF8.self), radix: 16) {
                output.append(value)
                index += 3
            } else {
                output.append(source[index] == UInt8(ascii: "+") ? 32 : source[index])
                index += 1
            }
        }
        return output
    }
}

enum Upload {
    static let boundary = "c4c-hostile-boundary"

    static func headers(_ browser: Browser) -> HTTPFields {
        [.contentType: "multipart/form-data; boundary=\(boundary)", .cookie: browser.cookie]
    }

    static func body(_ fields: [(String, [UInt8])], file: (name: [UInt8], bytes: [UInt8])?, closing: Bool = true) -> ByteBuffer {
        var buffer = ByteBuffer()
        for (name, value) in fields {
            buffer.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n")
            buffer.writeBytes(value)
            buffer.writeString("\r\n")
        }
        if let file {
            buffer.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
            buffer.writeBytes(file.name)
            buffer.writeString("\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            buffer.writeBytes(file.bytes)
            buffer.writeString("\r\n")
        }
        if closing { buffer.writeString("--\(boundary)--\r\n") }
        return buffer
    }

    static let png: [UInt8] = MediaTests.png
    static let pdf: [UInt8] = Array("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".utf8)
}

// MARK: - Content forms

enum ContentPlan {
    struct Entry: Sendable {
        let target: String
        let input: HostileInput
    }

    /// Form fields beyond the type's own that every content form reads.
    static let formTargets = ["slug", "action", "lang", "translation_of", "publish_at", "(a hostile field name)"]

    /// Every (type, target) slot of every content form, in order.
    static let slots: [(type: String, target: String, group: String)] = ContentTypes.all.flatMap { type in
        type.fields.map { (type.key, $0.name, group($0.kind)) } + formTargets.map { (type.key, $0, group(target: $0)) }
    }

    static func group(_ kind: EditableField.Kind) -> String {
        switch kind {
        case .text, .longText: "text"
        case .markdown: "markdown"
        case .url: "url"
        case .email: "email"
        case .integer, .image, .reference, .document: "number"
        case .date, .instant, .siteInstant, .timeZone: "date"
        case .choice, .flag, .links, .languages: "choice"
        case .lines, .attachments: "lines"
        }
    }

    static func group(target: String) -> String {
        switch target {
        case "slug": "slug"
        case "publish_at": "date"
        case "(a hostile field name)": "text"
        default: "choice"
        }
    }

    static let relevant: [String: [HostileInput]] = [
        "text": HostileCorpus.all.filter { [.script, .handler, .breakout, .control, .unicode, .template, .encoding, .sql].contains($0.family) && !$0.isLarge },
        "markdown": HostileCorpus.all.filter { [.markdown, .script, .handler, .format].contains($0.family) },
        "url": HostileCorpus.family(.url) + HostileCorpus.family(.traversal),
        "email": HostileCorpus.family(.email) + HostileCorpus.family(.header),
        "number": HostileCorpus.family(.number),
        "date": HostileCorpus.family(.date),
        "choice": HostileCorpus.family(.choice) + HostileCorpus.family(.number),
        "lines": HostileCorpus.family(.format) + HostileCorpus.family(.breakout),
        "slug": HostileCorpus.family(.traversal) + HostileCorpus.family(.unicode),
    ]

    static let perSlot = 2

    /// The corpus dealt round the slots, so every value reaches some content form, plus values
    /// relevant to each slot's kind, walked through by the slots of that kind in turn.
    static func cases(for type: ContentType) -> [Entry] {
        var entries: [Entry] = []
        var rankInGroup: [String: Int] = [:]
        for (index, slot) in slots.enumerated() {
            let rank = rankInGroup[slot.group, default: 0]
            rankInGroup[slot.group] = rank + 1
            guard slot.type == type.key else { continue }
            var inputs = stride(from: index, to: HostileCorpus.all.count, by: slots.count).map { HostileCorpus.all[$0] }
            let pool = relevant[slot.group] ?? []
            if !pool.isEmpty {
                inputs += (0..<perSlot).map { pool[(rank * perSlot + $0) % pool.count] }
            }
            var seen = Set<String>()
            entries += inputs.filter { seen.insert($0.encoded).inserted }.map { Entry(target: slot.target, input: $0) }
        }
        return entries
    }

    /// A valid form for the type, as (field, typed text), from the seeded site's own ids.
    static func baseline(_ type: ContentType, _ database: any Database) async throws -> [(String, String)] {
        var values: [(String, String)] = []
        for field in type.fields {
            let value: String
            switch field.kind {
            case .text(let limit): value = limit <= 2 ? "KE" : field.name == type.titleField ? "Hostile test" : "Plain"
            case .longText: value = "Plain text."
            case .markdown: value = "Some **text**."
            case .url: value = "https://example.org/page"
            case .email: value = "someone@example.org"
            case .integer: value = field.name.hasSuffix("year") || field.name == "member_since" ? "2020" : "7"
            case .date: value = "2026-01-15"
            case .instant: value = field.name.hasPrefix("ends") ? "2026-12-10T15:30" : "2026-12-10T14:00"
            case .siteInstant: value = "2026-12-31T00:00"
            case .timeZone: value = "Africa/Nairobi"
            case .choice(let options): value = options.first { !$0.isEmpty } ?? ""
            case .flag: value = "on"
            case .image: value = String(try await imageID(database))
            case .document: value = ""
            case .reference(let table, _): value = String(try await firstID(table, database))
            case .lines(_, _, let columns): value = columns.count == 1 ? "Ana Silva" : "Ana Silva | Planner | City Hall"
            case .links(_, _, _, let source, _): value = String(try await firstID(source, database))
            case .languages: value = "en"
            case .attachments: value = ""
            }
            values.append((field.name, value))
        }
        return values
    }

    static func firstID(_ table: String, _ database: any Database) async throws -> Int64 {
        try await database.read { sql in
            try await sql.raw("SELECT id FROM \(ident: table) ORDER BY id LIMIT 1").first()!.decode(column: "id", as: Int64.self)
        }
    }

    static func imageID(_ database: any Database) async throws -> Int64 {
        try await database.read { sql in
            try await sql.raw("""
                SELECT id FROM media WHERE kind = 'image' AND (shows_identifiable_children = FALSE OR consent_on_file = TRUE) ORDER BY id LIMIT 1
                """).first()!.decode(column: "id", as: Int64.self)
        }
    }

    /// The form body: the baseline with the target's value replaced by the hostile one.
    static func body(_ baseline: [(String, String)], csrf: String, slug: String, target: String? = nil, input: HostileInput? = nil,
                     action: String = "publish") -> ByteBuffer {
        var pairs = [("_csrf", csrf)].map { ($0.0, HostileCorpus.percentEncode($0.1)) }
        pairs += baseline.map { ($0.0, HostileCorpus.percentEncode($0.1)) }
        pairs += [("slug", slug), ("action", action), ("lang", "en"), ("translation_of", ""), ("publish_at", "")]
        if let target, let input {
            if target == "(a hostile field name)" {
                pairs.append((input.encoded, "x"))
            } else {
                pairs = pairs.map { $0.0 == target ? ($0.0, input.encoded) : $0 }
                if target == "publish_at" { pairs = pairs.map { $0.0 == "action" ? ($0.0, "schedule") : $0 } }
            }
        }
        return ByteBuffer(string: pairs.map { "\($0.0)=\($0.1)" }.joined(separator: "&"))
    }

    static func id(from response: TestResponse) -> Int64? {
        (response.headers[.location]?.firstMatch(of: /\/admin\/content\/[a-z]+\/(\d+)/)?.1).flatMap { Int64($0) }
    }

    static func errors(_ html: String) -> [String] {
        html.matches(of: /class="error"[^>]*>([^<]*)</).map { String($0.1) }
    }

    /// Whether an accepted value of the target is free text that pages show.
    static func rendersAsText(_ target: String, in type: ContentType) -> Bool {
        guard let field = type.fields.first(where: { $0.name == target }) else { return target == "slug" }
        switch group(field.kind) {
        case "text", "markdown", "url", "email", "lines": return true
        default: return false
        }
    }

    static func showsTypedText(_ kind: EditableField.Kind) -> Bool {
        switch kind {
        case .text, .longText, .markdown, .url, .email: true
        default: false
        }
    }

    /// The public pages that show an item of the type.
    static func publicPages(_ type: ContentType, item: ContentEditorQueries.Item) -> [String] {
        let prefix = item.lang == "en" || Language(rawValue: item.lang) == nil ? "" : "/\(item.lang)"
        if let address = type.publicAddress(slug: item.slug) { return [prefix + address] }
        switch type.key {
        case "facts": return ["/facts"]
        case "slides": return ["/"]
        case "people": return ["/about/people"]
        case "affiliates": return ["/affiliates"]
        default: return []
        }
    }

    /// Calendars and citations built from the item still hold one entry each: no value typed
    /// into a field can end the entry and start another.
    static func expectDownloadsKeepTheirShape(_ type: ContentType, item: ContentEditorQueries.Item, probe: inout Probe, label: String) async throws {
        guard item.lang == "en", item.status == "published" else { return }
        func lines(_ text: String, _ prefix: String) -> Int {
            text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\r\n" || $0 == "\n" || $0 == "\r" })
                .filter { $0.hasPrefix(prefix) }.count
        }
        switch type.key {
        case "events":
            let calendar = try await probe.get("\(label) → calendar", "/events/\(item.slug).ics")
            #expect(calendar.status == .ok)
            #expect(lines(calendar.text, "BEGIN:VEVENT") == 1 && lines(calendar.text, "END:VEVENT") == 1,
                    "\(label): the calendar holds one event")
        case "resources":
            let ris = try await probe.get("\(label) → RIS", "/resources/\(item.slug)/cite.ris")
            #expect(lines(ris.text, "TY  -") == 1 && lines(ris.text, "ER  -") == 1, "\(label): the RIS citation holds one record")
            let bib = try await probe.get("\(label) → BibTeX", "/resources/\(item.slug)/cite.bib")
            var depth = 0, balanced = true, previous: Character = " "
            for character in bib.text {
                if previous != "\\" {
                    if character == "{" { depth += 1 }
                    if character == "}" { depth -= 1; if depth < 0 { balanced = false } }
                }
                previous = previous == "\\" && character == "\\" ? " " : character
            }
            #expect(balanced && depth == 0 && bib.text.matches(of: /(?m)^\s*title = \{/).count == 1,
                    "\(label): the BibTeX entry keeps its braces and one title: \(bib.text.prefix(300))")
        default:
            break
        }
    }

    /// Every field reads back as typed: the hostile one as the server received it, the others as
    /// the baseline gave them, each by its kind's rule.
    static func expectStoredAsTyped(_ type: ContentType, item: ContentEditorQueries.Item, baseline: [(String, String)], target: String,
                                    input: HostileInput, slug: String, label: String) {
        let typed = Dictionary(baseline, uniquingKeysWith: { first, _ in first })
        if target == "slug" {
            #expect(item.slug == input.stored, "\(label): the slug is stored as typed")
        } else {
            #expect(item.slug == slug, "\(label): the slug is kept")
        }
        for field in type.fields where typed[field.name] != nil || field.name == target {
            let sent = (field.name == target ? input.received : typed[field.name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let stored = item.fields[field.name] ?? ""
            let ok: Bool
            switch field.kind {
            case .text, .longText, .markdown, .url, .email, .choice, .timeZone, .date:
                ok = stored == sent
            case .integer, .image, .reference, .document:
                ok = sent.isEmpty ? (stored.isEmpty || stored == "0") : Int64(stored) == Int64(sent)
            case .flag:
                ok = (stored == "on") == ["on", "true", "1"].contains(sent)
            case .instant, .siteInstant:
                // The seeded site keeps its default zone, UTC.
                let zone = type.zone(of: field, in: item.fields, siteZone: .gmt)
                ok = sent.isEmpty ? stored.isEmpty
                    : (try? ContentType.instant(sent, zone: zone, offset: nil).get()).map { ContentType.localText($0.epochSeconds, zone: zone) } == stored
            case .lines(_, _, let columns):
                let rows = sent.split(whereSeparator: \.isNewline).map { line in
                    line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                }.filter { !($0.first ?? "").isEmpty }
                ok = rows.map { row in (0..<columns.count).map { $0 < row.count ? row[$0] : "" }.joined(separator: " | ") }
                    .joined(separator: "\n") == stored
            case .links:
                ok = Set(sent.split(separator: ",").compactMap { Int64($0.trimmingCharacters(in: .whitespaces)) })
                    == Set(stored.split(separator: ",").compactMap { Int64($0) })
            case .languages:
                ok = Set(sent.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }) == Set(stored.split(separator: ",").map(String.init))
            case .attachments:
                ok = sent.split(whereSeparator: \.isNewline).count == stored.split(whereSeparator: \.isNewline).count
            }
            #expect(ok, "\(label): \(field.name) reads back \(stored.prefix(80).debugDescription), typed \(sent.prefix(80).debugDescription)")
        }
    }
}

// MARK: - Executable markup

/// Finds markup that would run script: `<script>` other than our fingerprinted file and JSON-LD
/// (whose text must hold no `<` and parse as JSON), `on…` attributes, frames, objects, `<base>`,
/// `<svg>` and `<math>`, refresh, `srcdoc`, script in `style`, and `href`/`src`/`action`-like
/// attributes whose address, as a browser reads it, starts `javascript:`, `vbscript:` or a
/// `data:` type other than a raster image. It reads tags as a browser does: attribute values in
/// quotes, text inside `<textarea>`, `<title>` and `<style>` as text.
enum ExecutableMarkup {
    static let forbiddenElements: Set<String> = ["iframe", "frame", "frameset", "object", "embed", "applet", "base", "svg", "math",
                                                 "portal", "xmp", "listing", "plaintext"]
    static let urlAttributes: Set<String> = ["href", "src", "action", "formaction", "data", "poster", "background", "cite", "xlink:href",
                                             "srcset", "ping", "manifest", "codebase", "lowsrc", "dynsrc", "archive", "longdesc", "usemap"]
    static let rawTextElements: Set<String> = ["textarea", "title", "style"]

    static func problems(in html: String) -> [String] {
        var html = html
        return html.withUTF8 { problems(in: $0) }
    }

    private static func problems(in bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        var problems: [String] = []
        let count = bytes.count
        var index = 0
        func text(_ start: Int, _ end: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<min(max(start, end), count)]), as: UTF8.self) }
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D }
        func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }
        func find(_ needle: String, from start: Int) -> Int? {
            let pattern = Array(needle.utf8)
            var i = start
            while i + pattern.count <= count {
                if lower(bytes[i]) == pattern[0] {
                    var k = 1
                    while k < pattern.count, lower(bytes[i + k]) == pattern[k] { k += 1 }
                    if k == pattern.count { return i }
                }
                i += 1
            }
            return nil
        }
        while index < count {
            guard bytes[index] == 0x3C else { index += 1; continue }   // <
            if index + 3 < count, bytes[index + 1] == 0x21, bytes[index + 2] == 0x2D, bytes[index + 3] == 0x2D {   // <!--
                index = (find("-->", from: index + 4).map { $0 + 3 }) ?? count
                continue
            }
            var j = index + 1
            let closing = j < count && bytes[j] == 0x2F
            if closing { j += 1 }
            guard j < count, (65...90).contains(bytes[j]) || (97...122).contains(bytes[j]) else { index += 1; continue }
            let nameStart = j
            while j < count, !isSpace(bytes[j]), bytes[j] != 0x2F, bytes[j] != 0x3E { j += 1 }
            let name = text(nameStart, j).lowercased()
            var attributes: [(name: String, value: Range<Int>)] = []
            while j < count {
                while j < count, isSpace(bytes[j]) || bytes[j] == 0x2F { j += 1 }
                guard j < count, bytes[j] != 0x3E else { break }
                let attributeStart = j
                j += 1
                while j < count, !isSpace(bytes[j]), bytes[j] != 0x2F, bytes[j] != 0x3E, bytes[j] != 0x3D { j += 1 }
                let attributeEnd = j
                while j < count, isSpace(bytes[j]) { j += 1 }
                var value = j..<j
                if j < count, bytes[j] == 0x3D {   // =
                    j += 1
                    while j < count, isSpace(bytes[j]) { j += 1 }
                    if j < count, bytes[j] == 0x22 || bytes[j] == 0x27 {
                        let quote = bytes[j]
                        let valueStart = j + 1
                        j = valueStart
                        while j < count, bytes[j] != quote { j += 1 }
                        value = valueStart..<min(j, count)
                        j += 1
                    } else {
                        let valueStart = j
                        while j < count, !isSpace(bytes[j]), bytes[j] != 0x3E { j += 1 }
                        value = valueStart..<j
                    }
                }
                if closing { continue }
                attributes.append((text(attributeStart, attributeEnd).lowercased(), value))
            }
            let tagStart = index
            let tagEnd = min(j + 1, count)
            index = tagEnd
            guard !closing else { continue }
            func tag() -> String { text(tagStart, min(tagEnd, tagStart + 160)) }
            func value(_ range: Range<Int>) -> String { text(range.lowerBound, range.upperBound) }
            if forbiddenElements.contains(name) { problems.append("<\(name)> element: \(tag())") }
            if name == "meta", attributes.contains(where: { $0.name == "http-equiv" }) { problems.append("meta refresh: \(tag())") }
            for attribute in attributes {
                if attribute.name.hasPrefix("on") { problems.append("\(attribute.name) handler: \(tag())") }
                if attribute.name == "srcdoc" { problems.append("srcdoc: \(tag())") }
                if attribute.name == "style",
                   ["expression(", "javascript:", "behavior:", "-moz-binding"].contains(where: { decode(value(attribute.value)).lowercased().contains($0) }) {
                    problems.append("script in style: \(tag())")
                }
                if urlAttributes.contains(attribute.name), isDangerous(url: value(attribute.value)) {
                    problems.append("\(attribute.name) runs script: \(tag())")
                }
            }
            if name == "script" {
                let end = find("</script", from: index) ?? count
                let content = text(index, end)
                let type = attributes.first { $0.name == "type" }.map { value($0.value).lowercased() }
                let src = attributes.first { $0.name == "src" }.map { value($0.value) }
                if type == "application/ld+json" {
                    if content.contains("<") || (try? JSONSerialization.jsonObject(with: Data(content.utf8), options: [.fragmentsAllowed])) == nil {
                        problems.append("JSON-LD that is not plain JSON: \(content.prefix(120))")
                    }
                } else if let src, src.wholeMatch(of: /\/assets\/(site|editor|autosave)\.[0-9A-Za-z]+\.js/) != nil, type == nil,
                          content.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    // Our own script files: the site's, and the back office's editor and autosave.
                } else {
                    problems.append("script: \(tag())\(content.prefix(80))")
                }
                index = end
            } else if rawTextElements.contains(name) {
                index = find("</\(name)", from: index) ?? count
            }
        }
        return problems
    }

    /// Whether a URL attribute, as a browser reads it (entities decoded, tabs, line breaks and
    /// controls removed), runs script or opens a document of its own.
    static func isDangerous(url value: String) -> Bool {
        let decoded = decode(value)
        let squeezed = String(decoded.unicodeScalars.filter { $0.value > 0x20 }.map(Character.init)).lowercased()
        if squeezed.hasPrefix("javascript:") || squeezed.hasPrefix("vbscript:") || squeezed.hasPrefix("livescript:") { return true }
        if squeezed.hasPrefix("data:") {
            return !["data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp", "data:image/avif"].contains { squeezed.hasPrefix($0) }
        }
        return false
    }

    /// Character references, numeric and the named ones that can spell a scheme.
    static func decode(_ value: String) -> String {
        var result = value
        let named = ["&colon;": ":", "&tab;": "\t", "&newline;": "\n", "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"",
                     "&apos;": "'", "&lpar;": "(", "&rpar;": ")", "&sol;": "/", "&num;": "#"]
        for (entity, character) in named {
            result = result.replacingOccurrences(of: entity, with: character, options: .caseInsensitive)
        }
        result = result.replacing(/&#[xX]([0-9a-fA-F]+);?/) { match in
            UInt32(match.1, radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) } ?? ""
        }
        result = result.replacing(/&#([0-9]+);?/) { match in
            UInt32(match.1).flatMap(Unicode.Scalar.init).map { String(Character($0)) } ?? ""
        }
        return result
    }
}

/// Whether a feed or sitemap is still well-formed XML.
enum XMLCheck {
    static func parses(_ text: String) -> Bool {
        let parser = XMLParser(data: Data(text.utf8))
        return parser.parse()
    }
}
