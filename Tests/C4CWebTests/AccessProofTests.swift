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

/// The route × role proof: every back-office route, with no session and with every role, on real
/// items of two organisations (a focal point's own drafts, own published items, and another
/// organisation's), answers as the route declares. An allowed pair answers 2xx or 3xx; a refused
/// one 403 or 404 and leaves the database exactly as it was.
@Suite struct AccessProofTests {
    /// Later than the seeded content, so any write shows in the fingerprint's `updated_at` values.
    static let now = TestDatabases.referenceNow.addingTimeInterval(86_400)

    @Test(arguments: TestDatabases.engines)
    func everyBackOfficeRouteAnswersEachRoleAndOwnershipAsDeclared(engine: Engine) async throws {
        try await TestApp.run(engine, now: Self.now) { client, database async throws in
            let world = try await World.make(database)
            let routes = adminRoutes.all
            try await Self.everyRouteDeclaresItsAccess(database, routes: routes)

            let signOuts = routes.filter { $0.path == "/admin/logout" || $0.path.hasSuffix("/sign-out-everywhere") }
            let checked = routes.filter { $0.access != .visitors && !signOuts.contains($0) }
            var pairs = 0
            for route in checked {
                for target in try await world.targets(for: route) {
                    // Without a session: sent to sign in, nothing changed.
                    let before = try await DatabaseFingerprint.of(database)
                    let anonymous = try await client.execute(uri: target.uri, method: route.httpMethod, headers: Browser.form,
                                                             body: ByteBuffer(string: "_csrf=x"))
                    #expect(anonymous.status == .seeOther && anonymous.headers[.location]?.hasPrefix("/admin/login") == true,
                            "\(route.method) \(target.uri) without a session answered \(anonymous.status)")
                    #expect(DatabaseFingerprint.difference(before, try await DatabaseFingerprint.of(database)).isEmpty)

                    for role in Role.allCases {
                        let fresh = try await world.retarget(target, for: route)
                        let request = try await world.request(route, fresh, role: role)
                        let before = try await DatabaseFingerprint.of(database)
                        let response = try await client.execute(uri: request.uri, method: route.httpMethod, headers: request.headers,
                                                                body: request.body)
                        let code = response.status.code
                        let label = "\(role) \(route.method) \(request.uri) [\(fresh.ownership)] answered \(code)"
                        if Self.allows(route, role: role, target: fresh) {
                            #expect((200..<400).contains(code), "\(label); expected 2xx or 3xx: \(response.text.prefix(300))")
                            #expect(response.headers[.location]?.hasPrefix("/admin/login") != true, "\(label): sent to sign in")
                        } else {
                            #expect(code == 403 || code == 404, "\(label); expected 403 or 404")
                            let changed = DatabaseFingerprint.difference(before, try await DatabaseFingerprint.of(database))
                            #expect(changed.isEmpty, "\(label) changed \(changed)")
                        }
                        pairs += 1
                    }
                }
            }
            #expect(pairs > 600, "the proof walked \(pairs) route × role × item triples")

            // Last, as signing out ends sessions: each try gets a session of its own.
            for route in signOuts {
                for role in Role.allCases {
                    let browser = try await world.browser(role, client: client)
                    let response = try await client.execute(uri: route.path, method: .post, headers: browser.headers,
                                                            body: ByteBuffer(string: "_csrf=\(browser.csrf)"))
                    #expect(response.status == .seeOther && response.headers[.location] == "/admin/login", "\(role) signs out at \(route.path)")
                }
            }
        }
    }

    /// The declared rule, restated: what the proof expects of a role on one target.
    static func allows(_ route: AdminRouteTable.Entry, role: Role, target: Target) -> Bool {
        guard route.access.allows(role) else { return false }
        guard role == .focalPoint, let rule = route.rule else { return true }
        switch (rule.reach, target.ownership) {
        case (_, .none): return true
        case (.ownOrganisation, .ownDraft), (.ownOrganisation, .ownPublished), (.ownOrganisationDrafts, .ownDraft): return true
        default: return false
        }
    }

    /// The proof fails when a route under /admin is added without declaring its access, and when
    /// an item route open to focal points declares no ownership rule.
    static func everyRouteDeclaresItsAccess(_ database: any Database, routes: [AdminRouteTable.Entry]) async throws {
        let dependencies = try await AppDependencies.make(configuration: try TestApp.configuration(), database: database, clock: .fixed(now))
        let declared = Set(routes.map { "\($0.method) \($0.path)" })
        let served = buildRouter(dependencies).routes
            .map { "\($0.method.rawValue) \($0.path)".replacing(/\{(\w+)\}/) { ":\($0.1)" } }
            .filter { $0.contains(" /admin") && !$0.hasPrefix("HEAD ") }
        #expect(served.count > 100)
        for route in served {
            #expect(declared.contains(route), "\(route) is served without declaring who may use it")
        }
        for route in routes where route.access.allows(.focalPoint) && route.path.contains(":id") {
            #expect(route.rule != nil, "\(route.method) \(route.path) lets focal points reach items without an ownership rule")
        }
        // The declarations themselves, checked against what the product says a focal point may do.
        let reached = Dictionary(uniqueKeysWithValues: routes.filter { $0.access != .visitors && $0.access.allows(.focalPoint) }
            .map { ("\($0.method) \($0.path)", $0.rule?.reach.rawValue ?? "-") })
        #expect(reached == focalPointReach, "focal points reach exactly their own profile and their proposals")
    }

    /// What a member focal point may reach, written out from PRODUCT.md rather than read from the
    /// declarations: their account, their organisation's profile (live), and their proposals of
    /// resources, posts and events (while drafts). "-" is a route without an item.
    static let focalPointReach: [String: String] = {
        var reach = ["GET /admin": "-", "GET /admin/account": "-", "POST /admin/logout": "-", "POST /admin/account/sign-out-everywhere": "-",
                     "POST /admin/account/language": "-",
                     "GET /admin/content/members": "-", "GET /admin/content/members/:id": "ownOrganisation",
                     "POST /admin/content/members/:id": "ownOrganisation", "GET /admin/content/members/:id/preview": "ownOrganisation"]
        for type in ["resources", "posts", "events"] {
            let base = "/admin/content/\(type)"
            reach["GET \(base)"] = "-"
            reach["GET \(base)/new"] = "-"
            reach["POST \(base)"] = "ownOrganisationDrafts"
            reach["GET \(base)/:id"] = "ownOrganisationDrafts"
            reach["POST \(base)/:id"] = "ownOrganisationDrafts"
            reach["GET \(base)/:id/translate/:lang"] = "ownOrganisationDrafts"
            reach["GET \(base)/:id/preview"] = "ownOrganisation"
        }
        return reach
    }()
}

extension AdminRouteTable.Entry {
    var httpMethod: HTTPRequest.Method { HTTPRequest.Method(method)! }
}

/// An address to try, and how the item in it stands to the focal point's organisation.
struct Target: Sendable {
    enum Ownership: String, Sendable {
        /// No item, or an item that belongs to nobody in particular.
        case none
        case ownDraft
        case ownPublished
        case other
    }
    var uri: String
    var ownership: Ownership
    /// The content type and item the address names, if any.
    var type: ContentType?
    var itemID: Int64?
    /// For a create route: whether the new item translates one of `ownership`, and which.
    var translates = false
    var translationOf: Int64?
}

struct PreparedRequest {
    let uri: String
    let headers: HTTPFields
    let body: ByteBuffer
}

/// Two organisations, a user of each role (the focal point works for the first), and a factory of
/// fresh items, so an allowed write never changes what the next request meets.
final class World: @unchecked Sendable {
    // Used by one test task only, one request after another.
    let database: any Database
    var own: Int64
    let other: Int64
    var counter = 0
    let editor: ContentEditorQueries

    init(database: any Database, own: Int64, other: Int64) {
        self.database = database
        self.own = own
        self.other = other
        self.editor = ContentEditorQueries(database: database)
    }

    static func make(_ database: any Database) async throws -> World {
        try await BackOfficeTests.makeUsers(database)
        let ids = try await database.read { sql in
            try await sql.raw("SELECT id FROM organisations WHERE lang = 'en' ORDER BY id LIMIT 2").all().map { try $0.decode(column: "id", as: Int64.self) }
        }
        let world = World(database: database, own: ids[0], other: ids[1])
        // Each profile gets a revision, as every item saved through the back office has.
        let members = try #require(ContentTypes.named("members"))
        for id in ids {
            let item = try #require(try await world.editor.load(members, id: id))
            let (values, _) = members.validate(item.fields)
            _ = try await world.editor.save(members, id: id, slug: item.slug, lang: item.lang, status: .published, publishAt: item.publishAt,
                                            values: values, formText: item.fields, userID: 1, organisationID: nil, now: AccessProofTests.now)
        }
        return world
    }

    func browser(_ role: Role, client: some TestClientProtocol) async throws -> Browser {
        let email = switch role {
        case .administrator: "admin%40c4c.test"
        case .editor: "editor%40c4c.test"
        case .focalPoint: "focal%40c4c.test"
        }
        return try await Browser.signIn(client, email: email, database: database)
    }

    func unique(_ stem: String) -> String {
        counter += 1
        return "\(stem)-\(counter)"
    }

    // MARK: Targets

    /// The addresses a route is tried at: one per kind of ownership that matters for it.
    func targets(for route: AdminRouteTable.Entry) async throws -> [Target] {
        let parts = route.path.split(separator: "/").map(String.init)
        if parts.count >= 3, parts[1] == "content", let type = ContentTypes.named(parts[2]) {
            let kinds: [Target.Ownership] = switch type.owner {
            case .none: [.none]
            case .itself: [.ownPublished, .other]
            default: [.ownDraft, .ownPublished, .other]
            }
            if parts.count == 3 && route.method == "POST" {
                // Creating: plainly, or as a translation of an item of each ownership.
                // A member's profile is never a focal point's to create, so its translations come from fresh copies.
                let sources: [Target.Ownership] = type.owner == .itself ? [.none] : kinds
                return [Target(uri: route.path, ownership: .none, type: type)]
                    + sources.map { Target(uri: route.path, ownership: $0, type: type, translates: true) }
            }
            guard route.path.contains(":id") else { return [Target(uri: route.path, ownership: .none, type: type)] }
            return kinds.map { Target(uri: route.path, ownership: $0, type: type) }
        }
        return [Target(uri: route.path, ownership: .none)]
    }

    /// The target with a fresh item of its kind and the address filled in.
    func retarget(_ target: Target, for route: AdminRouteTable.Entry) async throws -> Target {
        var result = target
        if let type = target.type {
            guard route.path.contains(":id") || target.translates else { return result }
            let id = try await item(type, target.ownership)
            if route.path.contains(":id") { result.itemID = id } else { result.translationOf = id }
            var uri = route.path.replacingOccurrences(of: ":id", with: String(id)).replacingOccurrences(of: ":lang", with: "fr")
            if uri.contains(":revision") {
                let revision = try #require(try await editor.revisions(type, id: id).first)
                uri = uri.replacingOccurrences(of: ":revision", with: String(revision.id))
            }
            result.uri = uri
            return result
        }
        result.uri = try await fill(route.path)
        return result
    }

    /// Fills the ids of routes outside the content editor with fresh rows.
    func fill(_ path: String) async throws -> String {
        if path.hasPrefix("/admin/users/:id") {
            let hash = try await PasswordHasher.hash(Browser.password)
            let id = try await UserQueries(database: database).create(email: "\(unique("someone"))@c4c.test", name: "Someone", passwordHash: hash,
                                                                       role: .editor, now: AccessProofTests.now)
            return path.replacingOccurrences(of: ":id", with: String(id))
        }
        if path.hasPrefix("/admin/topics/:id") {
            let slug = unique("topic"), group = unique("topics")
            let id = try await database.write { sql in
                try await Inserter(sql).insert("topics", ["slug": slug, "name": "Topic", "lang": "en", "translation_group": group])
            }
            return path.replacingOccurrences(of: ":id", with: String(id))
        }
        if path.hasPrefix("/admin/subscribers/:id") {
            let email = "\(unique("reader"))@example.org"
            let id = try await database.write { sql in
                try await Inserter(sql).insert("subscribers", ["email": email, "status": "confirmed", "created_at": AccessProofTests.now.epochSeconds,
                                                               "updated_at": AccessProofTests.now.epochSeconds])
            }
            return path.replacingOccurrences(of: ":id", with: String(id))
        }
        if path.hasPrefix("/admin/newsletters/:id") {
            let subject = unique("Issue")
            let id = try await database.write { sql in
                try await Inserter(sql).insert("newsletter_issues", [
                    "subject": subject, "introduction": "Hello", "lang": "en", "status": "draft", "suggested_since": 0,
                    "created_at": AccessProofTests.now.epochSeconds, "updated_at": AccessProofTests.now.epochSeconds,
                ])
            }
            return path.replacingOccurrences(of: ":id", with: String(id))
        }
        if path.hasPrefix("/admin/messages/:id") {
            let id = try await database.write { sql in
                try await Inserter(sql).insert("contact_messages", ["name": "Visitor", "email": "visitor@example.org", "message": "Hello",
                                                                    "handled": false, "created_at": AccessProofTests.now.epochSeconds])
            }
            return path.replacingOccurrences(of: ":id", with: String(id))
        }
        if path.hasPrefix("/admin/events/:id") {
            let id = try await database.read { sql in
                try await sql.raw("SELECT id FROM events WHERE registration = 'builtin' ORDER BY id LIMIT 1").first()!.decode(column: "id", as: Int64.self)
            }
            return path.replacingOccurrences(of: ":id", with: String(id))
        }
        if path.hasPrefix("/admin/contributions/:id") {
            let reference = unique("C4C-TEST")
            let (id, file) = try await database.write { sql in
                let inserter = Inserter(sql)
                let id = try await inserter.insert("contributions", [
                    "reference": reference, "status_token": reference, "kind": "idea", "title": "An idea", "name": "Visitor",
                    "email": "visitor@example.org", "consent_to_publish": true, "privacy_accepted": true,
                    "created_at": AccessProofTests.now.epochSeconds, "updated_at": AccessProofTests.now.epochSeconds,
                ])
                let file = try await inserter.storeFile(name: "idea.pdf", contentType: "application/pdf", data: Data("%PDF-1.4".utf8),
                                                        now: AccessProofTests.now)
                try await sql.raw("INSERT INTO contribution_files (contribution_id, file_id) VALUES (\(bind: id), \(bind: file))").run()
                return (id, file)
            }
            return path.replacingOccurrences(of: ":id", with: String(id)).replacingOccurrences(of: ":file", with: String(file))
        }
        if path.hasPrefix("/admin/mail/:id") {
            let id = try await database.write { sql in
                let id = try await MailQueries.enqueue(sql, to: "\(self.unique("reader"))@c4c.test", subject: "Receipt", body: "Hello", now: AccessProofTests.now)
                try await sql.raw("UPDATE mail_outbox SET status = 'failed', attempts = 8, last_error = 'refused' WHERE id = \(bind: id)").run()
                return id
            }
            return path.replacingOccurrences(of: ":id", with: String(id))
        }
        if path.hasPrefix("/admin/media/:id") || path.hasPrefix("/admin/files/:id") {
            let name = "\(unique("photo")).png"
            let (media, file) = try await database.write { sql in
                let inserter = Inserter(sql)
                let file = try await inserter.storeFile(name: name, contentType: "image/png", data: Data(TestImages.png), now: AccessProofTests.now)
                let media = try await inserter.insert("media", ["file_id": file, "kind": "image", "title": "A photo", "alt_text": "Children at play",
                                                                "credit": "Test", "created_at": AccessProofTests.now.epochSeconds,
                                                                // As if its variants were made: the image worker must find nothing to do
                                                                // while the test compares the database before and after each request.
                                                                "variants_ready_at": AccessProofTests.now.epochSeconds])
                // Its small copy, as the form's chooser shows it.
                try await inserter.insert("media_variants", ["media_id": media, "width": 320, "height": 200, "format": "webp",
                                                             "byte_size": Int64(TestImages.png.count), "data": Data(TestImages.png)])
                return (media, file)
            }
            return path.replacingOccurrences(of: "/media/:id", with: "/media/\(media)")
                .replacingOccurrences(of: "/files/:id/:name/:variant", with: "/files/\(file)/w320/\(name.dropLast(4)).webp")
                .replacingOccurrences(of: "/files/:id/:name", with: "/files/\(file)/\(name)")
        }
        return path
    }

    /// A new item of a type, copied from a seeded one, owned and published as asked.
    func item(_ type: ContentType, _ ownership: Target.Ownership) async throws -> Int64 {
        if type.owner == .itself && ownership != .none {
            // A fresh organisation each time, so deleting one never takes the next request's item away;
            // the focal point is moved to it when it is to be their own.
            let id = try await item(type, .none)
            if ownership != .other {
                try await database.write { sql in
                    try await sql.raw("UPDATE users SET organisation_id = \(bind: id) WHERE email = 'focal@c4c.test'").run()
                }
                own = id
            }
            return id
        }
        let template = try await templateItem(type)
        let slug = unique(type.key + "-item")
        var text = template.fields
        text[type.titleField] = "Item \(slug)"
        let credited: String = switch ownership {
        case .none: ""
        case .ownDraft, .ownPublished: String(own)
        case .other: String(other)
        }
        for field in type.fields where field.setter == .creditedOrganisation { text[field.name] = credited }
        let (values, errors) = type.validate(text)
        #expect(errors.isEmpty, "template \(type.key) is valid: \(errors.messages)")
        let organisation: Int64? = switch ownership {
        case .none: nil
        case .ownDraft, .ownPublished: own
        case .other: other
        }
        return try await editor.save(type, id: nil, slug: slug, lang: "en", status: ownership == .ownPublished ? .published : .draft,
                                     publishAt: ownership == .ownPublished ? AccessProofTests.now.epochSeconds - 60 : nil,
                                     values: values, formText: text, userID: 1, organisationID: organisation, now: AccessProofTests.now)
    }

    func templateItem(_ type: ContentType) async throws -> ContentEditorQueries.Item {
        let id = try await database.read { sql in
            try await sql.raw("SELECT id FROM \(ident: type.table) WHERE lang = 'en' ORDER BY id LIMIT 1").first()!.decode(column: "id", as: Int64.self)
        }
        return try #require(try await editor.load(type, id: id))
    }

    // MARK: Requests

    func request(_ route: AdminRouteTable.Entry, _ target: Target, role: Role) async throws -> PreparedRequest {
        let browser = try await session(role)
        var headers = browser.headers
        guard route.method == "POST" else { return PreparedRequest(uri: target.uri, headers: headers, body: ByteBuffer()) }
        if route.path == "/admin/media" {
            let boundary = "proof-boundary"
            headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
            var body = ""
            for (name, value) in [("_csrf", browser.csrf), ("title", "Upload"), ("alt_text", "A street"), ("credit", "Test")] {
                body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
            }
            var buffer = ByteBuffer(string: body + "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"street.png\"\r\nContent-Type: image/png\r\n\r\n")
            buffer.writeBytes(TestImages.png)
            buffer.writeString("\r\n--\(boundary)--\r\n")
            return PreparedRequest(uri: target.uri, headers: headers, body: buffer)
        }
        var pairs: [(String, String)] = [("_csrf", browser.csrf)]
        pairs += try await formFields(route, target, role: role)
        return PreparedRequest(uri: target.uri, headers: headers, body: ContentAdminTests.encode(pairs))
    }

    private var sessions: [Role: Browser] = [:]

    func session(_ role: Role) async throws -> Browser {
        if let browser = sessions[role] { return browser }
        let hash = try await SessionQueries(database: database).create(userID: try await userID(role), now: AccessProofTests.now)
        let user = try #require(try await SessionQueries(database: database).user(token: hash, now: AccessProofTests.now))
        let browser = Browser(cookie: "c4c_session=\(hash)", csrf: user.csrfToken)
        sessions[role] = browser
        return browser
    }

    func userID(_ role: Role) async throws -> Int64 {
        let email = switch role {
        case .administrator: "admin@c4c.test"
        case .editor: "editor@c4c.test"
        case .focalPoint: "focal@c4c.test"
        }
        return try await database.read { sql in
            try await sql.raw("SELECT id FROM users WHERE email = \(bind: email)").first()!.decode(column: "id", as: Int64.self)
        }
    }

    /// What the route's form sends, as that role's browser would fill it in.
    func formFields(_ route: AdminRouteTable.Entry, _ target: Target, role: Role) async throws -> [(String, String)] {
        let path = route.path
        if let type = target.type {
            if path.hasSuffix("/delete") { return [] }
            var item = try await templateItem(type)
            if let id = target.itemID { item = try #require(try await editor.load(type, id: id)) }
            var pairs: [(String, String)] = [("action", "draft")]
            if target.itemID == nil {
                let slug = unique(type.key + "-new")
                item.fields[type.titleField] = "New \(slug)"
                item.slug = slug
                if let translationOf = target.translationOf {
                    pairs += [("lang", "fr"), ("translation_of", String(translationOf))]
                }
            }
            pairs.append(("slug", item.slug))
            for field in type.fields where role != .focalPoint || field.setter == .anyone {
                let value = item.fields[field.name] ?? ""
                switch field.kind {
                case .links, .languages: pairs += value.split(separator: ",").map { (field.name, String($0)) }
                case .flag: if value == "on" { pairs.append((field.name, "on")) }
                default: pairs.append((field.name, value))
                }
            }
            return pairs
        }
        switch path {
        case "/admin/users":
            return [("name", "New person"), ("email", "\(unique("new"))@c4c.test"), ("role", "editor"), ("organisation", ""),
                    ("password", Browser.password), ("confirmation", Browser.password)]
        case "/admin/users/:id": return [("role", "editor"), ("organisation", "")]
        case "/admin/settings":
            return [("siteName", "Cities4Children"), ("tagline", unique("Tagline")), ("oneLiner", "One line"), ("contactEmail", "hello@c4c.test"),
                    ("socialLinks", "")]
        case "/admin/topics", "/admin/topics/:id": return [("name", unique("Topic"))]
        case "/admin/media/:id": return [("title", "Photo"), ("alt_text", unique("Children at play")), ("credit", "Test")]
        case "/admin/contributions/:id/changes", "/admin/contributions/:id/decline": return [("message", "Please add the year.")]
        case "/admin/newsletters": return [("language", "en")]
        case "/admin/account/language": return [("language", "en")]
        case "/admin/newsletters/:id": return [("subject", unique("Issue")), ("introduction", "Hello")]
        default: return []
        }
    }
}
