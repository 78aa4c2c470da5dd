import C4CCore
import C4CStore
import Foundation
import Hummingbird

/// `/admin/users`: administrators list users, add editors, focal points and administrators,
/// change a user's role and organisation, and disable or enable an account.
struct UsersController<Context: RequestContext>: Sendable {
    let pages: AdminPages
    let gate: AdminGate
    let users: UserQueries
    let organisations: SiteQueries
    let clock: WallClock

    func addRoutes(to router: Router<Context>) {
        router.admin(.get, "/admin/users", .administrators, gate: gate) { request, _, admin in
            let created = request.uri.queryParameters.get("created").map { pages.renderer.catalog.text("admin_user_created", EditorLanguage.current, ["email": String($0)]) }
            return try await list(admin, form: FormView.empty, notice: created)
        }
        router.admin(.post, "/admin/users", .administrators, gate: gate) { _, _, admin in
            try await create(admin)
        }
        router.admin(.get, "/admin/users/:id", .administrators, gate: gate) { request, context, admin in
            let user = try await existing(context)
            return try await editPage(admin, user: user, role: user.role, organisation: user.organisationId.map(String.init) ?? "",
                                      language: user.language, error: nil, notice: request.query("saved") != nil ? pages.renderer.text("admin_saved", EditorLanguage.current) : nil)
        }
        router.admin(.post, "/admin/users/:id", .administrators, gate: gate) { _, context, admin in
            let user = try await existing(context)
            let role = Role(rawValue: admin.form["role"]), organisation = Int64(admin.form["organisation"])
            // A form without the field (an older page, a script) leaves the language as it is.
            let language = Language(rawValue: admin.form["language"])
            let problem: String? = switch role {
            case nil: "error_field_role"
            case .focalPoint? where organisation == nil: "error_field_organisation"
            default: language == nil && !admin.form["language"].isEmpty ? "error_field_language" : nil
            }
            if let problem {
                return try await editPage(admin, user: user, role: admin.form["role"], organisation: admin.form["organisation"],
                                          language: admin.form["language"].isEmpty ? user.language : admin.form["language"], error: pages.renderer.text(problem, EditorLanguage.current), status: .unprocessableContent)
            }
            do {
                try await users.change(id: user.id, role: role!, organisationID: organisation, language: language,
                                       actorID: admin.user.id, now: clock.now)
            } catch let error as UserError {
                return try await editPage(admin, user: user, role: admin.form["role"], organisation: admin.form["organisation"],
                                          language: admin.form["language"].isEmpty ? user.language : admin.form["language"], error: pages.renderer.text(error == .lastAdministrator ? "error_last_administrator" : "error_field_organisation", EditorLanguage.current),
                                          status: .unprocessableContent)
            }
            return Response.redirect(to: "/admin/users/\(user.id)?saved=1")
        }
        for (action, disabled) in [("disable", true), ("enable", false)] {
            router.admin(.post, "/admin/users/:id/\(action)", .administrators, gate: gate) { _, context, admin in
                let user = try await existing(context)
                do {
                    try await users.setDisabled(id: user.id, disabled, actorID: admin.user.id, now: clock.now)
                } catch UserError.lastAdministrator {
                    return try await editPage(admin, user: user, role: user.role, organisation: user.organisationId.map(String.init) ?? "",
                                              language: user.language, error: pages.renderer.text("error_last_administrator", EditorLanguage.current), status: .unprocessableContent)
                }
                return Response.redirect(to: "/admin/users/\(user.id)?saved=1")
            }
        }
    }

    func existing(_ context: Context) async throws -> UserQueries.Summary {
        guard let user = try await users.summary(id: try context.parameters.require("id", as: Int64.self)) else { throw HTTPError(.notFound) }
        return user
    }

    struct EditView: Sendable, Encodable {
        let user: UserQueries.Summary
        let action: String
        let roles: [ChoiceOption]
        let organisations: [ChoiceOption]
        let languages: [LanguageOption]
        let error: String?
        let toggleAction: String
        let toggleLabel: String
        let status: String
    }

    func editPage(_ admin: AdminRequest, user: UserQueries.Summary, role: String, organisation: String, language: String, error: String?,
                  notice: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let members = try await organisations.members(language: EditorLanguage.current, now: clock.now, kind: nil, country: nil).members
        let t = { (key: String) in pages.renderer.text(key, EditorLanguage.current) }
        let view = EditView(
            user: user, action: "/admin/users/\(user.id)",
            roles: Role.allCases.map { .init(value: $0.rawValue, label: t("admin_role_\($0.rawValue)"), selected: $0.rawValue == role) },
            organisations: members.map { .init(value: String($0.id), label: $0.name, selected: String($0.id) == organisation) },
            languages: LanguageOption.all(selected: language),
            error: error,
            toggleAction: "/admin/users/\(user.id)/\(user.disabled ? "enable" : "disable")",
            toggleLabel: t(user.disabled ? "admin_user_enable" : "admin_user_disable"),
            status: t(user.disabled ? "admin_user_disabled" : "admin_user_active"))
        return try await pages.render("admin/user-edit", title: user.name, user: admin.user, path: admin.path, page: view,
                                      notice: notice, status: status)
    }

    struct FormView: Sendable, Encodable {
        let name: String
        let email: String
        let roles: [ChoiceOption]
        let organisations: [ChoiceOption]
        var languages: [LanguageOption] = []
        let errors: [String: String]

        static var empty: FormView { FormView(name: "", email: "", roles: [], organisations: [], errors: [:]) }
    }

    struct ListView: Sendable, Encodable {
        let users: [UserQueries.Summary]
        let form: FormView
    }

    func list(_ admin: AdminRequest, form: FormView, notice: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let members = try await organisations.members(language: EditorLanguage.current, now: clock.now, kind: nil, country: nil).members
        let chosenRole = form.roles.first { $0.selected }?.value ?? Role.editor.rawValue
        let chosenOrganisation = form.organisations.first { $0.selected }?.value ?? ""
        let chosenLanguage = form.languages.first { $0.selected }?.value ?? Language.default.rawValue
        let filled = FormView(
            name: form.name, email: form.email,
            roles: Role.allCases.map { .init(value: $0.rawValue, label: pages.renderer.text("admin_role_\($0.rawValue)", EditorLanguage.current),
                                             selected: $0.rawValue == chosenRole) },
            organisations: members.map { .init(value: String($0.id), label: $0.name, selected: String($0.id) == chosenOrganisation) },
            languages: LanguageOption.all(selected: chosenLanguage),
            errors: form.errors
        )
        return try await pages.render("admin/users", title: pages.renderer.text("admin_users", EditorLanguage.current), user: admin.user,
                                      path: admin.path, page: ListView(users: try await users.all(), form: filled),
                                      notice: notice, status: status)
    }

    func create(_ admin: AdminRequest) async throws -> Response {
        let form = admin.form
        let name = form.trimmed("name"), email = form.trimmed("email").lowercased()
        var errors = Validate.account(name: name, email: email, password: form["password"], confirmation: form["confirmation"])
        let role = Role(rawValue: form["role"])
        if role == nil { errors.add("role", "error_field_role") }
        let organisationID = Int64(form["organisation"])
        if role == .focalPoint && organisationID == nil { errors.add("organisation", "error_field_organisation") }
        let language = form["language"].isEmpty ? Language.default : Language(rawValue: form["language"])
        if language == nil { errors.add("language", "error_field_language") }
        let kept = FormView(
            name: name, email: email,
            roles: [.init(value: form["role"], label: "", selected: true)],
            organisations: [.init(value: form["organisation"], label: "", selected: true)],
            languages: LanguageOption.all(selected: form["language"]),
            errors: errors.messages.mapValues { pages.renderer.text($0, EditorLanguage.current) }
        )
        guard errors.isEmpty, let role, let language else {
            return try await list(admin, form: kept, notice: nil, status: .unprocessableContent)
        }
        do {
            let hash = try await PasswordHasher.hash(form["password"])
            try await users.create(email: email, name: name, passwordHash: hash, role: role,
                                   organisationID: role == .focalPoint ? organisationID : nil, language: language, actorID: admin.user.id, now: clock.now)
        } catch let error as UserError {
            let field = error == .unknownOrganisation ? "organisation" : "email"
            let message = error == .unknownOrganisation ? "error_field_organisation" : "error_field_email_taken"
            let refused = FormView(name: kept.name, email: kept.email, roles: kept.roles, organisations: kept.organisations,
                                   languages: kept.languages, errors: [field: pages.renderer.text(message, EditorLanguage.current)])
            return try await list(admin, form: refused, notice: nil, status: .unprocessableContent)
        }
        // Post, then redirect: reloading the page cannot send the form twice.
        return Response.redirect(to: QueryString.href("/admin/users", [("created", email)]))
    }
}
