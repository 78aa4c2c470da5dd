import C4CCore
import C4CStore
import Foundation
import Hummingbird

/// `/admin/topics`: editors add topics and subtopics and rename them.
struct TopicsController<Context: RequestContext>: Sendable {
    let pages: AdminPages
    let gate: AdminGate
    let topics: TopicQueries
    let clock: WallClock

    func addRoutes(to router: Router<Context>) {
        router.admin(.get, "/admin/topics", .editors, gate: gate) { request, _, admin in
            try await page(admin, name: "", parent: "", errors: [:],
                           notice: request.query("saved") != nil ? pages.renderer.text("admin_saved", EditorLanguage.current) : nil)
        }
        router.admin(.post, "/admin/topics", .editors, gate: gate) { _, _, admin in
            let name = admin.form.trimmed("name")
            let parent = Int64(admin.form["parent"])
            guard !name.isEmpty, name.count <= 100 else {
                return try await page(admin, name: name, parent: admin.form["parent"],
                                      errors: ["name": pages.renderer.text("error_field_name", EditorLanguage.current)], status: .unprocessableContent)
            }
            do {
                _ = try await topics.create(name: name, parentID: parent, userID: admin.user.id, now: clock.now)
            } catch TopicQueries.TopicError.slugTaken {
                return try await page(admin, name: name, parent: admin.form["parent"],
                                      errors: ["name": pages.renderer.text("error_topic_exists", EditorLanguage.current)], status: .unprocessableContent)
            } catch TopicQueries.TopicError.parentNested {
                return try await page(admin, name: name, parent: "",
                                      errors: ["parent": pages.renderer.text("error_topic_nesting", EditorLanguage.current)], status: .unprocessableContent)
            }
            return Response.redirect(to: "/admin/topics?saved=1")
        }
        router.admin(.post, "/admin/topics/:id", .editors, gate: gate) { _, context, admin in
            let name = admin.form.trimmed("name")
            guard !name.isEmpty, name.count <= 100 else { throw HTTPError(.badRequest, message: "error_admin_topic_name") }
            do {
                let id = try context.parameters.require("id", as: Int64.self)
                try await topics.rename(id: id, name: name, userID: admin.user.id, now: clock.now)
                // Forms from before topics had names in other languages send none, and change none.
                let names = Language.allCases.filter { $0 != .default }.reduce(into: [Language: String]()) { names, language in
                    if admin.form.pairs.contains(where: { $0.0 == "name.\(language.rawValue)" }) {
                        names[language] = String(admin.form.trimmed("name.\(language.rawValue)").prefix(100))
                    }
                }
                if !names.isEmpty { try await topics.setTranslations(id: id, names: names) }
            } catch TopicQueries.TopicError.missing {
                throw HTTPError(.notFound)
            }
            return Response.redirect(to: "/admin/topics?saved=1")
        }
    }

    struct View: Sendable, Encodable {
        struct Row: Sendable, Encodable {
            let id: Int64
            let name: String
            let path: String
            let uses: Int
            let action: String
            let translations: [Translation]
        }
        /// The topic's name in one other language; empty shows the English name there.
        struct Translation: Sendable, Encodable {
            let code: String
            let language: String
            let dir: String
            let name: String
        }
        let rows: [Row]
        let parents: [ChoiceOption]
        let name: String
        let errors: [String: String]
    }

    func page(_ admin: AdminRequest, name: String, parent: String, errors: [String: String], notice: String? = nil,
              status: HTTPResponse.Status = .ok) async throws -> Response {
        let all = try await topics.all()
        let translated = try await topics.translations()
        let view = View(
            rows: all.map { topic in
                .init(id: topic.id, name: topic.name, path: topic.parentName.map { "\($0) › " } ?? "", uses: topic.uses,
                      action: "/admin/topics/\(topic.id)",
                      translations: Language.allCases.filter { $0 != .default }.map {
                          .init(code: $0.rawValue, language: $0.nativeName, dir: $0.direction, name: translated[topic.id]?[$0] ?? "")
                      })
            },
            parents: [ChoiceOption(value: "", label: "—", selected: parent.isEmpty)]
                + all.filter { $0.parentId == nil }.map { .init(value: String($0.id), label: $0.name, selected: String($0.id) == parent) },
            name: name, errors: errors
        )
        return try await pages.render("admin/topics", title: pages.renderer.text("admin_topics", EditorLanguage.current), user: admin.user,
                                      path: admin.path, page: view, notice: notice, status: status)
    }
}
